"""`/crisis` and the summary's buttons, typed and pressed the way Slack delivers them."""
from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.incidents.blocks import RESOLVE_ACTION
from handlers.router import HELP
from tests.support.crisis import (
    CHANNEL,
    CHANNEL_NAME,
    SUMMARY,
    closed,
    incidents,
    mention,
    open_incident,
    opened,
    page,
    timeline_texts,
)
from tests.support.expect import seen

ACKED = ":large_yellow_circle: Acknowledged by <@U0PIOTR>. Paging has stopped."


@pytest.fixture
def channel(bot, slack) -> str:
    """Incident #1, its channel opened and Anna paged; the channel's id."""
    open_incident(bot)
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")
    return slack.channel_named(CHANNEL_NAME)["id"]


@pytest.fixture
def elsewhere(slack) -> str:
    return slack.add_channel("social-media", ["U0ANNA", "U0PIOTR", "U0EWA"])


def summary_actions(slack) -> list[str]:
    """The action ids of the buttons on the pinned summary as it reads now."""
    channel = slack.channel_named(CHANNEL_NAME)["id"]
    summary = [m for m in slack.messages_in(channel) if m.text.startswith(SUMMARY)][-1]
    return [e["action_id"] for b in summary.blocks if b["type"] == "actions" for e in b["elements"]]


def test_ack_in_the_incident_channel_answers_tells_the_channel_and_updates_the_summary(bot, slack, clock, channel):
    assert summary_actions(slack) == ["incident_ack", "incident_resolve"]
    clock.tick(timedelta(minutes=2))

    assert bot.slash("ack", user="U0PIOTR", channel=channel).status == 200
    assert seen(slack) == [("response", f"{CHANNEL}>U0PIOTR", "Incident #1 acknowledged. Paging has stopped.")]
    bot.run_worker()
    # The page DM is closed in its own lane (pages:1), claimed in the same round as the channel post, before the
    # summary update queued behind that post in the incident's lane.
    assert seen(slack) == [("post", CHANNEL, ACKED), ("update", "dm:U0ANNA", closed("acknowledged", "<@U0PIOTR>")),
                           ("update", CHANNEL, SUMMARY)]
    assert summary_actions(slack) == ["incident_resolve"]

    clock.tick(timedelta(minutes=40))  # paging has stopped (until an hour without an update: tests/escalation_quiet/)
    bot.run_worker()
    assert seen(slack) == []


def test_a_second_ack_is_told_who_acknowledged_already(bot, slack, channel):
    bot.slash("ack", user="U0PIOTR", channel=channel)
    bot.run_worker()
    seen(slack)

    bot.slash("ack", user="U0ANNA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Incident #1 was already acknowledged by <@U0PIOTR>.")]


def test_resolve_with_a_summary(bot, slack, clock, engine, channel):
    clock.tick(timedelta(minutes=20))
    bot.slash("resolve post removed, apology published", user="U0EWA", channel=channel)
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0EWA", "Incident #1 resolved."),
        ("post", CHANNEL, ":large_green_circle: Resolved by <@U0EWA>: post removed, apology published"),
        ("update", "dm:U0ANNA", closed("resolved", "<@U0EWA>")),
        ("update", CHANNEL, SUMMARY),
    ]
    assert summary_actions(slack) == []
    assert incidents(engine)[0][1] == "resolved"
    assert timeline_texts(engine)[-1] == ("resolved", "Resolved: post removed, apology published")

    bot.slash("resolve", user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Incident #1 is already resolved.")]


def test_timeline_is_posted_in_the_channel_in_order(bot, slack, clock, channel):
    clock.tick(timedelta(minutes=5))
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1, 1)), ("post", CHANNEL, mention(["U0ANNA"], 1, 1))]
    clock.tick(timedelta(minutes=1, seconds=30))
    bot.slash("ack", user="U0PIOTR", channel=channel)
    bot.run_worker()
    seen(slack)

    clock.tick(timedelta(minutes=1))
    bot.slash("timeline", user="U0EWA", channel=channel)
    assert seen(slack) == [("response", f"{CHANNEL}>U0EWA",
                            f"Posting the timeline of incident #1 in <#{channel}>.")]
    bot.run_worker()
    [posted] = slack.take_messages()
    header = "Timeline of incident #1 · SEV2 · Negative mentions x8"
    assert (posted.kind, posted.channel, posted.text) == ("post", channel, header)
    assert posted.blocks == [
        {"type": "header", "text": {"type": "plain_text", "text": header}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join([  # Warsaw time, oldest first
            "`2026-11-24 10:00:00` generic · Incident opened from generic: Negative mentions x8",
            "`2026-11-24 10:00:00` crisisdesk · Paged level 1: Anna Nowak",
            f"`2026-11-24 10:00:00` crisisdesk · Channel {CHANNEL} opened",
            "`2026-11-24 10:05:00` crisisdesk · Reminder 1 to level 1: Anna Nowak",
            "`2026-11-24 10:06:30` <@U0PIOTR> · Acknowledged",
        ])}},
    ]


@pytest.mark.parametrize("text", ["help", "", "  HELP  "])
def test_help(bot, slack, channel, text):
    bot.slash(text, user="U0ANNA", channel=channel)
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", HELP)]


def test_an_unknown_subcommand_is_told_how_to_write_one(bot, slack, engine, channel):
    bot.slash("acknowledged-it now", user="U0ANNA", channel=channel)
    [(kind, where, text)] = seen(slack)
    assert (kind, where) == ("response", f"{CHANNEL}>U0ANNA")
    assert text == f"I don't know `/crisis acknowledged-it`.\n{HELP}"
    assert "`/crisis ack`" in text
    assert incidents(engine)[0][1] == "triggered"


@pytest.mark.parametrize("command, example", [("ack", "/crisis ack #crisis-..."),
                                              ("resolve done", "/crisis resolve #crisis-... [summary]"),
                                              ("timeline", "/crisis timeline #crisis-...")])
def test_outside_an_incident_channel_the_answer_says_how_to_name_the_incident(bot, slack, engine, channel, elsewhere,
                                                                            command, example):
    bot.slash(command, user="U0ANNA", channel=elsewhere)
    bot.run_worker()
    assert seen(slack) == [("response", "#social-media>U0ANNA",
                            "This channel is not an incident channel. Run the command in the incident's channel, "
                            f"or name the incident: `{example}`")]
    assert incidents(engine)[0][1] == "triggered"


@pytest.mark.parametrize("ref", [f"#{CHANNEL_NAME}", "<#{channel}|" + CHANNEL_NAME + ">", "<#{channel}>", "1", "#1"])
def test_ack_naming_the_incident_works_from_another_channel(bot, slack, channel, elsewhere, ref):
    # Ewa is in the config by Slack id, so she may act from outside the incident channel (tests/trust has the rest).
    bot.slash(f"ack {ref.format(channel=channel)}", user="U0EWA", channel=elsewhere)
    bot.run_worker()
    assert seen(slack) == [("response", "#social-media>U0EWA", "Incident #1 acknowledged. Paging has stopped."),
                           ("post", CHANNEL, ":large_yellow_circle: Acknowledged by <@U0EWA>. Paging has stopped."),
                           ("update", "dm:U0ANNA", closed("acknowledged", "<@U0EWA>")), ("update", CHANNEL, SUMMARY)]


def test_naming_an_incident_that_does_not_exist(bot, slack, engine, channel, elsewhere):
    bot.slash("ack #crisis-20261124-nothing-like-it", user="U0PIOTR", channel=elsewhere)
    assert seen(slack) == [("response", "#social-media>U0PIOTR",
                            "No incident matches `#crisis-20261124-nothing-like-it`. "
                            "Name it by its channel (`#crisis-...`) or number (`#42`).")]
    assert incidents(engine)[0][1] == "triggered"


def test_the_resolve_button_on_the_summary(bot, slack, clock, engine, channel):
    summary_ts = slack.pins(channel)[0]
    clock.tick(timedelta(minutes=3))

    assert bot.click(RESOLVE_ACTION, "1", user="U0EWA", channel=channel, message_ts=summary_ts).status == 200
    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, ":large_green_circle: Resolved by <@U0EWA>."),
                           ("update", "dm:U0ANNA", closed("resolved", "<@U0EWA>")),
                           ("update", CHANNEL, SUMMARY)]
    assert summary_actions(slack) == []
    assert timeline_texts(engine)[-1] == ("resolved", "Resolved")

    bot.click(RESOLVE_ACTION, "1", user="U0ANNA", channel=channel, message_ts=summary_ts)
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Incident #1 is already resolved.")]
    clock.tick(timedelta(hours=1))
    bot.run_worker()
    assert seen(slack) == []


def test_a_bare_number_in_a_resolve_summary_is_text_not_an_incident(bot, slack):
    """`/crisis resolve 3 posts removed` in incident #2's channel resolves #2 with that summary, never #3."""
    from tests.support.expect import seen
    bot.post_alert("First", dedup_key="first")
    bot.post_alert("Second", dedup_key="second")
    bot.run_worker()
    seen(slack)
    # The page DMs go out first, so the DM (which has no name) is among the channels too.
    second = next(c for c in slack.workspace.channels.values() if (c.name or "").endswith("-second"))
    answer = bot.slash("resolve 3 posts removed", user="U0ANNA", channel=second.id)
    assert answer.status == 200
    bot.run_worker()
    assert seen(slack) == [
        ("response", f"#{second.name}>U0ANNA", "Incident #2 resolved."),
        ("post", f"#{second.name}", ":large_green_circle: Resolved by <@U0ANNA>: 3 posts removed"),
        ("update", "dm:U0ANNA", "Incident #2 · Second was resolved by <@U0ANNA>. No action needed from you."),
        ("update", f"#{second.name}", "Incident #2 · SEV3 · Second"),
    ]
