"""An acknowledged incident left silent is paged again from level 1 at exactly its severity's `reescalate_after`;
the acknowledger is warned at 75 % of it, and "Still on it" (or any update) starts the clock again."""
from __future__ import annotations

from handlers.incidents.quiet import STILL_ON_IT_ACTION
from tests.support.crisis import (
    CHANNEL,
    CHANNEL_NAME,
    SUMMARY,
    at,
    mention,
    open_incident,
    page,
    sent_at,
    timeline_texts,
)
from tests.support.expect import seen

ACKED = ":large_yellow_circle: Acknowledged by <@U0PIOTR>. Paging has stopped."


def warning(quiet: str, due: str) -> str:
    return (f":hourglass_flowing_sand: {SUMMARY} has had no update for {quiet}. It is paged again from level 1 at "
            f"{due} (Europe/Warsaw) unless someone posts an update (`/crisis update <text>`) or you press Still on it.")


def reescalated(quiet: str) -> str:
    return (f":rotating_light: No update on incident #1 (acknowledged by <@U0PIOTR>) for {quiet}: paging again from "
            "level 1. Acknowledge it again, and post updates with `/crisis update <text>` while you work on it.")


def acknowledged_by_piotr(bot, slack) -> str:
    """Incident #1 (SEV2: re-escalates after 1 h) opened at T0, Anna paged, Piotr acknowledges at once."""
    open_incident(bot)
    bot.run_worker()
    seen(slack)
    channel = slack.channel_named(CHANNEL_NAME)["id"]
    bot.slash("ack", user="U0PIOTR", channel=channel)
    bot.run_worker()
    assert ("post", CHANNEL, ACKED) in seen(slack)
    return channel


def test_a_silent_acknowledgement_is_warned_at_75_percent_and_paged_again_at_exactly_an_hour(bot, slack, clock,
                                                                                              engine):
    acknowledged_by_piotr(bot, slack)
    assert sent_at(bot, slack, clock, 45) == [("post", "dm:U0PIOTR", warning("45 min", "11:00"))]
    [warned] = [m for m in slack.dms_to("U0PIOTR")]
    assert [e["action_id"] for e in warned.blocks[-1]["elements"]] == [STILL_ON_IT_ACTION]

    assert sent_at(bot, slack, clock, 60) == [
        ("post", "dm:U0ANNA", page(1)),
        ("post", CHANNEL, reescalated("1 h")),
        ("update", CHANNEL, SUMMARY),
        ("post", CHANNEL, mention(["U0ANNA"], 1))]
    assert [t for kind, t in timeline_texts(engine) if kind in ("quiet_warning", "reescalated", "page")] == [
        "Paged level 1: Anna Nowak",
        "No update for 45 min: warned that paging starts again in 15 min",
        "No update for 1 h after the acknowledgement: paging again from level 1",
        "Paged level 1: Anna Nowak"]
    # the second round escalates like the first: level 2 after level 1's 15 minutes (reminders in between)
    at(clock, 75)
    bot.run_worker()
    assert ("post", "dm:U0PIOTR", page(2)) in seen(slack)


def test_still_on_it_starts_the_clock_again_and_an_update_does_too(bot, slack, clock, engine):
    channel = acknowledged_by_piotr(bot, slack)
    assert sent_at(bot, slack, clock, 45) == [("post", "dm:U0PIOTR", warning("45 min", "11:00"))]
    [warned] = slack.dms_to("U0PIOTR")

    at(clock, 50)
    answer = bot.click(STILL_ON_IT_ACTION, "1", user="U0PIOTR", channel=warned.channel, message_ts=warned.ts)
    assert answer.status == 200
    noted = "Noted: <@U0PIOTR> is still on incident #1. It is paged again only after 1 h without an update."
    assert seen(slack) == [("response", "dm:U0PIOTR>U0PIOTR", noted)]
    assert ("still_on_it", "Still on it: the re-escalation clock starts again") in timeline_texts(engine)

    at(clock, 60)  # the hour from the acknowledgement is no longer what counts
    bot.run_worker()
    assert seen(slack) == []
    assert sent_at(bot, slack, clock, 95) == [("post", "dm:U0PIOTR", warning("45 min", "11:50"))]

    at(clock, 100)  # an update (here a log entry) counts as much as the button
    bot.slash("log called the agency", user="U0EWA", channel=channel)
    bot.run_worker()
    seen(slack)
    at(clock, 110)
    bot.run_worker()
    assert seen(slack) == []  # 11:50 passed quietly
    assert sent_at(bot, slack, clock, 145) == [("post", "dm:U0PIOTR", warning("45 min", "12:40"))]
    assert sent_at(bot, slack, clock, 160)[1] == ("post", CHANNEL, reescalated("1 h"))


def test_only_the_acknowledger_or_a_responder_may_say_still_on_it(bot, slack, clock):
    acknowledged_by_piotr(bot, slack)
    at(clock, 45)
    bot.run_worker()
    seen(slack)
    [warned] = slack.dms_to("U0PIOTR")
    slack.add_user("U0EVE", "Eve", "eve@elsewhere.test")  # in Slack, not in the config, never paged
    answer = bot.click(STILL_ON_IT_ACTION, "1", user="U0EVE", channel=warned.channel, message_ts=warned.ts)
    assert answer.status == 200
    [(kind, where, said)] = seen(slack)
    assert (kind, where) == ("response", "dm:U0PIOTR>U0EVE")
    assert said.startswith("This button works only for the incident's responders")
    assert sent_at(bot, slack, clock, 60)[1] == ("post", CHANNEL, reescalated("1 h"))
