"""A policy that runs out after paging people who did not answer hands the incident to its last resort: by default
the on-call admin channel and the managers of the policy's schedules; `fallback:` names others."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.config.loader import load_config_text
from handlers.incidents.blocks import ACK_ACTION
from tests.support.bot import start_bot
from tests.support.crisis import closed, mention, page, timeline_texts
from tests.support.expect import seen
from tests.support.oncall_config import ONCALL_CONFIG

SATURDAY_NIGHT = datetime.fromisoformat("2026-11-28 03:00:00+01:00")
TITLE = "Boycott trending"
SUMMARY = f"Incident #1 · SEV3 · {TITLE}"
RAN_OUT = "escalation policy `social` ran out after 2 level(s)"


@pytest.fixture
def admins(slack):
    return slack.add_channel("crisis-admins", ["U0EWA"])


@pytest.fixture
def config(admins):
    return load_config_text(ONCALL_CONFIG.replace("C0ADMINS", admins))


def channel_of(slack) -> str:
    return "#" + next(c.name for c in slack.workspace.channels.values() if (c.name or "").startswith("crisis-2026"))


def run_out_on_saturday_night(bot, slack, clock) -> str:
    """Saturday 03:00: the weekend person (Marek) is paged, then Piotr; nobody answers for 20 minutes."""
    clock.move_to(SATURDAY_NIGHT)
    assert bot.post_alert(TITLE, dedup_key="boycott").status == 202
    bot.run_worker()
    channel = channel_of(slack)
    assert seen(slack) == [("post", "dm:U0MAREK", page(1, title=TITLE, severity=3)), ("post", channel,
                           f'{SUMMARY}\n{mention(["U0MAREK"], 1)}')]
    clock.move_to(SATURDAY_NIGHT.replace(minute=10))
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0PIOTR", page(2, title=TITLE, severity=3)),
                           ("post", channel, mention(["U0PIOTR"], 2))]
    return channel


def test_a_policy_running_out_on_saturday_night_reaches_the_managers_and_the_admin_channel(bot, slack, clock,
                                                                                           engine, admins):
    channel = run_out_on_saturday_night(bot, slack, clock)
    clock.move_to(SATURDAY_NIGHT.replace(minute=19, second=59))
    bot.run_worker()
    assert seen(slack) == []
    clock.move_to(SATURDAY_NIGHT.replace(minute=20))
    bot.run_worker()
    # Marek manages social-oncall: he is paged as the last resort, and the admin channel hears it
    assert seen(slack) == [
        ("post", "dm:U0MAREK", f"Last resort: nobody acknowledged incident #1 · SEV3 · {TITLE} and {RAN_OUT}. You are "
                               "paged as its fallback."),
        ("post", channel, f":rotating_light: Nobody acknowledged: {RAN_OUT}. Last resort: <@U0MAREK> paged and "
                          f"<#{admins}> told. Press Acknowledge in the pinned summary or type `/crisis ack`."),
        ("post", "#crisis-admins", f":rotating_light: <!here> {SUMMARY} in <#C0002>: nobody acknowledged, {RAN_OUT}. "
                                   "Last resort paged: <@U0MAREK>. Acknowledge it, or page someone with `/crisis "
                                   "page` in its channel.")]
    assert timeline_texts(engine)[-1] == (
        "exhausted", "Nobody acknowledged: escalation policy social ran out after 2 level(s); last resort: paged "
                     "Marek Wojcik and told the on-call admin channel")
    clock.move_to(SATURDAY_NIGHT.replace(hour=9))
    bot.run_worker()
    assert seen(slack) == []  # said once

    [fallback_dm] = [m for m in slack.dms_to("U0MAREK") if m.text.startswith("Last resort")]
    assert fallback_dm.blocks[-1]["elements"][0]["action_id"] == ACK_ACTION
    bot.click(ACK_ACTION, "1", user="U0MAREK", channel=fallback_dm.channel, message_ts=fallback_dm.ts)
    bot.run_worker()
    said = seen(slack)
    assert ("post", channel, ":large_yellow_circle: Acknowledged by <@U0MAREK>. Paging has stopped.") in said
    assert said.count(("update", "dm:U0MAREK", closed("acknowledged", "<@U0MAREK>", title=TITLE))) == 2


def test_a_policy_fallback_pages_the_people_it_names_and_can_leave_the_admin_channel_out(slack, clock, settings,
                                                                                         engine, admins):
    text = ONCALL_CONFIG.replace("C0ADMINS", admins).replace(
        "  social:\n    levels:", "  social:\n    fallback: {users: [anna], managers: false, admin_channel: false}\n"
                                  "    levels:")
    bot = start_bot(settings, load_config_text(text), slack, engine)
    try:
        channel = run_out_on_saturday_night(bot, slack, clock)
        clock.move_to(SATURDAY_NIGHT.replace(minute=20))
        bot.run_worker()
        assert seen(slack) == [
            ("post", "dm:U0ANNA", f"Last resort: nobody acknowledged incident #1 · SEV3 · {TITLE} and {RAN_OUT}. You "
                                  "are paged as its fallback."),
            ("post", channel, f":rotating_light: Nobody acknowledged: {RAN_OUT}. Last resort: <@U0ANNA> paged. Press "
                              "Acknowledge in the pinned summary or type `/crisis ack`.")]
        assert "U0ANNA" in slack.members(slack.channel_named(channel[1:])["id"])  # invited to the channel
    finally:
        bot.close()
