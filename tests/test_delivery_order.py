"""Outbox delivery order and cost: a page DM reaches the person before any channel housekeeping, and opening an
incident that pages one person takes a fixed list of Slack Web API calls."""
from __future__ import annotations

import pytest

from tests.support.bot import start_bot
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, mention, open_incident, opened, opening, page, sent_at
from tests.support.expect import seen

STANDING_INVITE = CONFIG.replace('  name_pattern: "crisis-{date}-{title}"',
                                 '  name_pattern: "crisis-{date}-{title}"\n  invite: [marek]')


@pytest.fixture
def invite_bot(settings, slack, engine, clock):
    """The bot with a standing invite: Marek joins every incident channel."""
    running = start_bot(settings, load_test_config(STANDING_INVITE), slack, engine)
    yield running
    running.close()


def context_of(message) -> str:
    """The text of a page DM's context block: where the incident is handled."""
    [context] = [b for b in message.blocks if b["type"] == "context"]
    return context["elements"][0]["text"]


def test_a_page_dm_is_sent_before_channel_housekeeping(bot, slack, clock):
    assert slack.calls() == []  # nothing reaches Slack before the worker runs
    open_incident(bot)  # the brand-crisis policy pages Anna at level 1
    bot.run_worker()

    first, second = slack.calls()[:2]
    assert (first.method, first.args.get("channel")) == ("chat.postMessage", "U0ANNA")  # the page, to her user id
    assert second.method == "conversations.create"  # only then the channel
    assert seen(slack) == opened("U0ANNA")

    # Sent before the channel existed, the page says it is being opened; the reminder, sent later, links to it.
    channel_id = second.response["channel"]["id"]
    [paged] = slack.dms_to("U0ANNA")
    assert context_of(paged) == "The incident channel is being opened."
    assert sent_at(bot, slack, clock, 5) == [("post", "dm:U0ANNA", page(1, 1)),
                                             ("post", CHANNEL, mention(["U0ANNA"], 1, 1))]
    reminder = slack.dms_to("U0ANNA")[-1]
    assert context_of(reminder) == f"Join <#{channel_id}>."


def test_opening_an_incident_that_pages_one_person_takes_six_slack_calls(invite_bot, slack):
    """A guard on the calls per incident: the DM is posted to the user id (no conversations.open); the standing
    invite and the paged person's invite, queued in the same lane, are one conversations.invite, made before the
    summary, which carries the channel mention of the page (a mention of someone not in the channel notifies
    nobody)."""
    open_incident(invite_bot)
    invite_bot.run_worker()
    assert seen(slack) == opened("U0ANNA")

    assert [c.method for c in slack.calls()] == [
        "chat.postMessage",  # Anna's page DM, to her user id
        "conversations.create",
        "conversations.setTopic",
        "conversations.invite",  # Marek (standing invite) and Anna (paged), at once
        "chat.postMessage",  # the summary, mentioning Anna
        "pins.add",
    ]
    assert all(c.http_status == 200 and c.response["ok"] for c in slack.calls())
    assert [c.args["users"] for c in slack.calls("conversations.invite")] == ["U0MAREK,U0ANNA"]
    assert slack.members(slack.channel_named(CHANNEL[1:])["id"]) == ["U0BOT", "U0MAREK", "U0ANNA"]


def test_an_invite_slack_refuses_never_holds_back_the_summary(bot, slack):
    """The mention rides on the summary only when its invite went through: refused, the summary goes out alone
    and the invite and the mention are retried on their own rows, as before."""
    slack.fail_next("conversations.invite", error="user_is_restricted")
    open_incident(bot)
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1)), *opening(), ("post", CHANNEL, mention(["U0ANNA"], 1))]
    assert [c.response["ok"] for c in slack.calls("conversations.invite")] == [False, True]
    assert slack.pins(slack.channel_named(CHANNEL[1:])["id"])
