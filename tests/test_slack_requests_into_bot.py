"""Requests claiming to come from Slack: only correctly signed, fresh ones change anything."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest

from handlers.incidents.blocks import ACK_ACTION
from tests.support.bot import SIGNING_SECRET
from tests.support.crisis import CHANNEL, CHANNEL_NAME, mention, open_incident, opened, page, timeline_texts
from tests.support.expect import seen
from tests.support.slack_requests import block_actions_body, signed_headers, slash_command_body


@pytest.fixture
def incident_channel(bot, slack) -> str:
    open_incident(bot)
    bot.run_worker()
    assert seen(slack) == opened("U0ANNA")
    return slack.channel_named(CHANNEL_NAME)["id"]


def ack_command(slack, channel: str) -> bytes:
    return slash_command_body("ack", user_id="U0ANNA", channel_id=channel,
                              response_url=slack.new_response_url(channel=channel, user="U0ANNA"))


def ack_click(slack, channel: str) -> bytes:
    return block_actions_body(ACK_ACTION, "1", user_id="U0ANNA", channel_id=channel, message_ts="1.000100",
                              response_url=slack.new_response_url(channel=channel, user="U0ANNA"))


def without(headers: dict, name: str) -> dict:
    return {k: v for k, v in headers.items() if k != name}


FORGERIES = {
    "signed with another secret": lambda body: signed_headers(body, "not-the-secret"),
    "signature of another body": lambda body: {**signed_headers(body + b"&x=1", SIGNING_SECRET),
                                               "Content-Type": "application/x-www-form-urlencoded"},
    "no signature header": lambda body: without(signed_headers(body, SIGNING_SECRET), "X-Slack-Signature"),
    "no timestamp header": lambda body: without(signed_headers(body, SIGNING_SECRET), "X-Slack-Request-Timestamp"),
    "no signature headers at all": lambda body: {"Content-Type": "application/x-www-form-urlencoded"},
    "timestamp 5 minutes and 1 second old": lambda body: signed_headers(body, SIGNING_SECRET, time.time() - 301),
    "timestamp 6 minutes ahead": lambda body: signed_headers(body, SIGNING_SECRET, time.time() + 360),
}


@pytest.mark.parametrize("request_body", [ack_command, ack_click], ids=["slash command", "button click"])
@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_forged_or_stale_request_gets_401_and_changes_nothing(bot, slack, engine, incident_channel, forge,
                                                                request_body):
    before = timeline_texts(engine)
    body = request_body(slack, incident_channel)

    answer = bot.slack_request(body, forge(body))

    assert answer.status == 401
    bot.run_worker()
    assert seen(slack) == []
    assert timeline_texts(engine) == before
    assert slack.calls("response_url") == []


def test_a_request_replayed_after_five_minutes_gets_401(bot, slack, clock, engine, incident_channel):
    body = ack_command(slack, incident_channel)
    headers = signed_headers(body, SIGNING_SECRET)
    clock.tick(timedelta(minutes=5, seconds=1))

    assert bot.slack_request(body, headers).status == 401
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1, 1)), ("post", CHANNEL, mention(["U0ANNA"], 1, 1))]
    assert ("acknowledged", "Acknowledged") not in timeline_texts(engine)


@pytest.mark.parametrize("age", [0, 300])
def test_the_same_request_signed_correctly_within_five_minutes_is_obeyed(bot, slack, engine, incident_channel, age):
    body = ack_command(slack, incident_channel)

    answer = bot.slack_request(body, signed_headers(body, SIGNING_SECRET, time.time() - age))

    assert answer.status == 200
    assert timeline_texts(engine)[-1] == ("acknowledged", "Acknowledged")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA", "Incident #1 acknowledged. Paging has stopped.")]
