"""A severity raised by an alert brings its own `reescalate_after`: a silent acknowledged SEV3 incident (4 h) that
a SEV2 alert joins is paged again an hour after the acknowledgement, SEV2's time. The raise is no update."""
from __future__ import annotations

from tests.severity.test_follows_alerts import CHANNEL, TITLE, acknowledged, alert, send
from tests.support.crisis import at, timeline_texts
from tests.support.expect import seen

SUMMARY = f"Incident #1 · SEV2 · {TITLE}"


def reescalations(engine) -> list[str]:
    return [text for kind, text in timeline_texts(engine) if kind == "reescalated"]


def test_a_raised_severity_pages_a_silent_acknowledgement_again_after_its_own_time(bot, slack, clock, engine):
    acknowledged(bot, slack, severity=3)
    at(clock, 10)
    send(bot, alert("b", "Negative press article", 2))
    bot.run_worker()
    seen(slack)
    at(clock, 59)  # SEV3 would warn only at 3 h; SEV2's warning (due at 45 min) goes out on this first look
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0MAREK", f":hourglass_flowing_sand: {SUMMARY} has had no update for 59 min. "
                            "It is paged again from level 1 at 11:00 (Europe/Warsaw) unless someone posts an update "
                            "(`/crisis update <text>`) or you press Still on it.")]
    assert reescalations(engine) == []
    at(clock, 60)
    bot.run_worker()
    assert seen(slack) == [
        ("post", "dm:U0MAREK", f"You are paged (level 1) for incident #1 · SEV2 · {TITLE}"),
        ("post", CHANNEL, ":rotating_light: No update on incident #1 (acknowledged by <@U0MAREK>) for 1 h: paging "
                          "again from level 1. Acknowledge it again, and post updates with `/crisis update <text>` "
                          "while you work on it."),
        ("update", CHANNEL, SUMMARY),
        ("post", CHANNEL, "<@U0MAREK> you are paged (level 1). Press Acknowledge in the pinned summary or type "
                          "`/crisis ack`.")]
    assert reescalations(engine) == ["No update for 1 h after the acknowledgement: paging again from level 1"]
