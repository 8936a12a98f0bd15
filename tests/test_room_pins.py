"""📌 on a message in an incident channel puts it on the timeline at the time it was written, once; and the
stand-in's conversations.history / conversations.replies the bot reads it with."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from escalation import timeline
from tests.support.crisis import timeline_texts
from tests.support.expect import seen
from tests.support.room import open_room

SAID = "Influencer @kasia posted a screenshot of the old ad, 40k views"
# A reaction has no reply of its own: the person who pinned is told, alone.
CONFIRMED = ("ephemeral", "#crisis-20261124-negative-mentions-x8>U0ANNA",
             ":pushpin: Adding the message to the timeline of incident #1, at the time it was written.")


@pytest.fixture
def channel(bot, slack) -> str:
    """Incident #1's channel, acknowledged so that no reminder interrupts."""
    channel_id = open_room(bot, slack)
    bot.slash("ack", user="U0ANNA", channel=channel_id)
    bot.run_worker()
    seen(slack)
    return channel_id


def pin(bot, channel: str, ts: str, user: str = "U0ANNA", event_id: str | None = None):
    event = {"type": "reaction_added", "user": user, "reaction": "pushpin", "item_user": "U0EWA",
             "item": {"type": "message", "channel": channel, "ts": ts}, "event_ts": f"{ts}1"}
    return bot.event(event, event_id=event_id)


def pinned(engine) -> list[tuple[datetime, str, str, dict, str | None]]:
    with Session(engine) as session:
        return [(e.at, e.actor, e.text, e.data, e.source_key) for e in timeline.events(session, 1)
                if e.kind == "pinned"]


def test_a_pinned_message_goes_on_the_timeline_at_its_own_time_with_author_and_link(bot, slack, clock, engine,
                                                                                  channel):
    clock.tick(timedelta(minutes=1))
    ts = slack.add_message(channel, SAID, user_id="U0EWA")
    clock.tick(timedelta(minutes=9))
    bot.slash("log asked legal about the old ad", user="U0ANNA", channel=channel)
    seen(slack)

    assert pin(bot, channel, ts).status == 200
    assert slack.calls("conversations.history") == []  # the handler only queued it
    bot.run_worker()
    assert seen(slack) == [CONFIRMED]
    link = f"https://crisisdesk-standin.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    written = datetime.fromtimestamp(float(ts), tz=UTC)
    assert written.replace(microsecond=0) == datetime(2026, 11, 24, 9, 1, tzinfo=UTC)
    assert pinned(engine) == [(written, "U0EWA", f"<{link}|Pinned message>: {SAID}",
                               {"author": "U0EWA", "permalink": link, "ts": ts, "pinned_by": "U0ANNA"},
                               f"pin:{channel}:{ts}")]
    # in the timeline's order by the time it was written, before what was logged after it
    assert [kind for kind, _ in timeline_texts(engine)][-2:] == ["pinned", "log"]


def test_a_second_pin_and_a_repeated_event_add_nothing(bot, slack, clock, engine, channel):
    ts = slack.add_message(channel, SAID, user_id="U0EWA")
    pin(bot, channel, ts, event_id="Ev1")
    pin(bot, channel, ts, event_id="Ev1")  # Slack delivering the same event again
    bot.run_worker()
    assert seen(slack) == [CONFIRMED]  # once
    assert len(pinned(engine)) == 1
    assert len(slack.calls("conversations.history")) == 1

    clock.tick(timedelta(minutes=5))
    pin(bot, channel, ts, user="U0PIOTR", event_id="Ev2")  # someone else pins it too
    pin(bot, channel, ts, event_id="Ev1")
    bot.run_worker()
    assert len(pinned(engine)) == 1
    assert len(slack.calls("conversations.history")) == 1
    assert seen(slack) == []


def test_a_rate_limited_lookup_is_retried_after_the_wait(bot, slack, clock, engine, channel):
    ts = slack.add_message(channel, SAID, user_id="U0EWA")
    slack.fail_next("conversations.history", status=429, retry_after=3)
    pin(bot, channel, ts)
    bot.run_worker()
    assert pinned(engine) == []
    clock.tick(timedelta(seconds=3))
    bot.run_worker()
    [(_, author, text, _, _)] = pinned(engine)
    assert (author, text.endswith(f"|Pinned message>: {SAID}")) == ("U0EWA", True)
    assert len(slack.calls("conversations.history")) == 2
    assert seen(slack) == [CONFIRMED]


def test_a_message_gone_before_it_was_read_is_said_on_the_timeline(bot, slack, engine, channel):
    pin(bot, channel, "1795338000.009900")
    bot.run_worker()
    assert pinned(engine) == []
    assert timeline_texts(engine)[-1] == ("delivery_failed", "Could not add a pinned message to the timeline: "
                                                             "the pinned message is no longer in the channel")
    assert seen(slack) == [CONFIRMED]


def test_a_pinned_reply_in_a_thread(bot, slack, engine, channel):
    parent = slack.add_message(channel, "What do we answer @kasia?", user_id="U0ANNA")
    with slack.lock:
        where = slack.workspace.channels[channel]
        replies = [slack.workspace.store_message(where, user="U0EWA", text=text, thread_ts=parent)["ts"]
                   for text in ("Holding statement for now", SAID)]
    pin(bot, channel, replies[1])
    bot.run_worker()
    assert [(p[1], p[2].split(">: ")[1]) for p in pinned(engine)] == [("U0EWA", SAID)]
    assert seen(slack) == [CONFIRMED]


def test_other_reactions_and_other_channels_are_ignored(bot, slack, engine, channel):
    elsewhere = slack.add_channel("social-media", ["U0ANNA", "U0BOT"])
    ts = slack.add_message(elsewhere, SAID, user_id="U0ANNA")
    pin(bot, elsewhere, ts)
    mine = slack.add_message(channel, SAID, user_id="U0EWA")
    bot.event({"type": "reaction_added", "user": "U0ANNA", "reaction": "eyes",
               "item": {"type": "message", "channel": channel, "ts": mine}, "event_ts": "1"})
    bot.run_worker()
    assert pinned(engine) == []
    assert slack.calls("conversations.history") == []


# -- the stand-in's history and replies -------------------------------------------------------------------------

@pytest.fixture
def web(slack) -> WebClient:
    return WebClient(token=slack.token, base_url=slack.api_url, retry_handlers=[])


@pytest.fixture
def thread(slack, clock) -> dict:
    """A channel the bot is in: three messages a second apart, the second with two replies."""
    channel_id = slack.add_channel("room", ["U0ANNA", "U0BOT"])
    ts = []
    for n in range(3):
        ts.append(slack.add_message(channel_id, f"message {n}", user_id="U0ANNA"))
        clock.tick(timedelta(seconds=1))
    with slack.lock:
        where = slack.workspace.channels[channel_id]
        replies = [slack.workspace.store_message(where, user="U0EWA", text=f"reply {n}", thread_ts=ts[1])["ts"]
                   for n in range(2)]
    return {"channel": channel_id, "ts": ts, "replies": replies}


def texts(data) -> list[str]:
    return [m["text"] for m in data["messages"]]


def test_history_is_newest_first_without_thread_replies(web, thread):
    data = web.conversations_history(channel=thread["channel"])
    assert texts(data) == ["message 2", "message 1", "message 0"]
    assert data["has_more"] is False and data["pin_count"] == 0
    parent = data["messages"][1]
    assert (parent["reply_count"], parent["reply_users"], parent["latest_reply"]) == (2, ["U0EWA"],
                                                                                     thread["replies"][1])


def test_history_by_time_window_limit_and_cursor(web, thread):
    ts = thread["ts"]
    channel = thread["channel"]
    assert texts(web.conversations_history(channel=channel, latest=ts[1], inclusive=True, limit=1)) == ["message 1"]
    assert texts(web.conversations_history(channel=channel, latest=ts[1])) == ["message 0"]
    assert texts(web.conversations_history(channel=channel, oldest=ts[0], latest=ts[2])) == ["message 1"]
    first = web.conversations_history(channel=channel, limit=2)
    assert texts(first) == ["message 2", "message 1"] and first["has_more"] is True
    rest = web.conversations_history(channel=channel, limit=2, cursor=first["response_metadata"]["next_cursor"])
    assert texts(rest) == ["message 0"] and rest["has_more"] is False


def test_replies_put_the_parent_first_and_take_a_reply_ts(web, thread):
    channel, parent = thread["channel"], thread["ts"][1]
    assert texts(web.conversations_replies(channel=channel, ts=parent)) == ["message 1", "reply 0", "reply 1"]
    assert texts(web.conversations_replies(channel=channel, ts=thread["replies"][1])) == ["message 1", "reply 0",
                                                                                          "reply 1"]
    one = web.conversations_replies(channel=channel, ts=parent, oldest=thread["replies"][1], inclusive=True)
    assert texts(one) == ["message 1", "reply 1"]
    assert texts(web.conversations_replies(channel=channel, ts=thread["ts"][0])) == ["message 0"]


@pytest.mark.parametrize("method, args, error", [
    ("conversations.history", {"channel": "C9NOPE"}, "channel_not_found"),
    ("conversations.history", {"channel": "{outside}"}, "not_in_channel"),
    ("conversations.history", {"channel": "{channel}", "latest": "yesterday"}, "invalid_ts_latest"),
    ("conversations.history", {"channel": "{channel}", "oldest": "1.2.3"}, "invalid_ts_oldest"),
    ("conversations.history", {"channel": "{channel}", "cursor": "not-a-cursor"}, "invalid_cursor"),
    ("conversations.replies", {"channel": "{channel}", "ts": "1795338000.000000"}, "thread_not_found"),
    ("conversations.replies", {"channel": "{channel}"}, "invalid_arguments"),
    ("conversations.replies", {"channel": "{outside}", "ts": "1.0"}, "not_in_channel"),
])
def test_history_and_replies_refuse_as_slack_does(web, slack, thread, method, args, error):
    outside = slack.add_channel("elsewhere", ["U0ANNA"])
    args = {k: v.format(channel=thread["channel"], outside=outside) for k, v in args.items()}
    with pytest.raises(SlackApiError) as refused:
        web.api_call(method, params=args)
    assert refused.value.response["error"] == error
