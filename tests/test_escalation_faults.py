"""Pages when Slack misbehaves: rate limits, server errors, timeouts, people Slack does not know."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.bot import start_bot
from tests.support.config import CONFIG
from tests.support.config import load_test_config as load_config
from tests.support.crisis import (
    CHANNEL,
    SUMMARY,
    last_errors,
    mention,
    open_incident,
    opening,
    outbox_rows,
    page,
    timeline_texts,
)
from tests.support.expect import seen


def open_channel_only(bot) -> None:
    """Deliver the channel's opening without running the engine, so the next chat.postMessage is a page."""
    app = bot.app
    app.worker.deliver(app.desk.clock())


def test_a_rate_limited_page_waits_for_retry_after_and_is_sent_once(bot, slack, clock, engine):
    open_incident(bot)
    open_channel_only(bot)
    assert seen(slack) == opening()
    slack.fail_next("chat.postMessage", status=429, retry_after=30)

    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, mention(["U0ANNA"], 1))]  # the channel's lane is not held back
    assert outbox_rows(engine, "dm_page") == [("pending", 1)]

    clock.tick(timedelta(seconds=29))
    bot.run_worker()
    assert seen(slack) == []
    clock.tick(timedelta(seconds=1))
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1))]
    assert outbox_rows(engine, "dm_page") == [("sent", 2)]
    clock.tick(timedelta(minutes=4))
    bot.run_worker()
    assert seen(slack) == []
    # the page DM is posted to Anna's user id (no conversations.open): the 429 and the retry that got through
    assert [c.http_status for c in slack.calls("chat.postMessage") if c.args["channel"] == "U0ANNA"] == [429, 200]


def test_a_server_error_and_a_timeout_are_retried_with_backoff(bot, slack, clock, engine):
    open_incident(bot)
    open_channel_only(bot)
    assert seen(slack) == opening()
    bot.app.worker.gateway.client.timeout = 0.5
    slack.fail_next("chat.postMessage", status=500)
    # Slack that never answers in time (and, answering late, posts nothing)
    slack.fail_next("chat.postMessage", status=500, delay=2)

    bot.run_worker()  # the DM meets the 500; the mention in the channel meets the timeout
    assert seen(slack) == []
    assert outbox_rows(engine, "dm_page") == [("pending", 1)]
    assert outbox_rows(engine, "channel_page") == [("pending", 1)]
    assert last_errors(engine, "dm_page") == ["chat.postMessage: HTTP 500"]
    assert last_errors(engine, "channel_page") == ["chat.postMessage: timed out"]

    clock.tick(timedelta(seconds=4))
    bot.run_worker()
    assert seen(slack) == []
    clock.tick(timedelta(seconds=1))  # five seconds after the first attempt
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1)), ("post", CHANNEL, mention(["U0ANNA"], 1))]
    assert outbox_rows(engine, "dm_page") == [("sent", 2)]
    assert outbox_rows(engine, "channel_page") == [("sent", 2)]


def test_backoff_doubles_while_slack_keeps_failing(bot, slack, clock, engine):
    open_incident(bot)
    open_channel_only(bot)
    assert seen(slack) == opening()
    # The page DM is one chat.postMessage to Anna's user id, claimed before the channel mention (pages first): it
    # meets the first 503, the mention the planned success (a delay alone answers normally), the DM's retries the
    # other two 503s.
    slack.fail_next("chat.postMessage", status=503)
    slack.fail_next("chat.postMessage", delay=0.01)
    slack.fail_next("chat.postMessage", status=503, times=2)

    bot.run_worker()
    assert seen(slack) == [("post", CHANNEL, mention(["U0ANNA"], 1))]
    sent_after = []
    for second in range(1, 40):
        clock.tick(timedelta(seconds=1))
        bot.run_worker()
        if any(kind == "post" and where == "dm:U0ANNA" for kind, where, _ in seen(slack)):
            sent_after.append(second)
    assert sent_after == [5 + 10 + 20]
    assert [c.http_status for c in slack.calls("chat.postMessage") if c.args["channel"] == "U0ANNA"] == [
        503, 503, 503, 200]
    assert slack.calls("conversations.open") == []


NOT_PAGED = " Not found in Slack, so not paged: Gosia Duch."
GHOST_CONFIG = CONFIG.replace(
    '  name_pattern: "crisis-{date}-{title}"', '  name_pattern: "crisis-{date}-{title}"\n  invite: [ghost, marek]',
).replace(
    "  marek: {slack_id: U0MAREK, name: Marek Wojcik}",
    "  marek: {slack_id: U0MAREK, name: Marek Wojcik}\n  ghost: {email: ghost@brand.test, name: Gosia Duch}",
).replace("      - targets: {users: [anna]}", "      - targets: {users: [ghost, anna]}",
).replace("      - targets: {users: [piotr]}", "      - targets: {users: [ghost]}")


@pytest.fixture
def ghost_bot(settings, slack, engine, clock):
    """The bot with a first level that also names someone whose email Slack does not know."""
    running = start_bot(settings, load_config(GHOST_CONFIG), slack, engine)
    yield running
    running.close()


def test_a_person_slack_does_not_know_blocks_nobody_and_the_timeline_says_why(ghost_bot, slack, clock, engine):
    open_incident(ghost_bot)
    ghost_bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1)),
                           *opening(CHANNEL, SUMMARY, mention(["U0ANNA"], 1) + NOT_PAGED)]
    assert slack.members(slack.channel_named(CHANNEL[1:])["id"]) == ["U0BOT", "U0MAREK", "U0ANNA"]
    why = "ghost: no Slack user has the email ghost@brand.test"
    assert timeline_texts(engine)[1:] == [
        ("page", "Paged level 1: Gosia Duch, Anna Nowak"),
        ("delivery_failed", f"Could not send a page DM: {why}"),  # the page DMs go out before the channel opens
        ("channel", f"Channel {CHANNEL} opened"),
        # the standing invite and level 1's invites, merged into one call: Marek and Anna got in all the same, and
        # Gosia's failure is told once
        ("delivery_failed", f"Could not invite to the channel: {why}"),
    ]
    assert [c.args["users"] for c in slack.calls("conversations.invite")] == ["U0MAREK,U0ANNA"]

    clock.tick(timedelta(minutes=5))  # Slack said it does not know her: the reminder goes to Anna alone
    ghost_bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", page(1, 1)), ("post", CHANNEL, mention(["U0ANNA"], 1, 1))]

    clock.tick(timedelta(minutes=10))  # level 2 is only her: skipped at once, level 3 is paged in the same tick
    ghost_bot.run_worker()
    assert seen(slack) == [("post", "dm:U0EWA", page(3)), ("post", "dm:U0MAREK", page(3)),
                           ("post", CHANNEL, mention(["U0EWA", "U0MAREK"], 3))]
    assert timeline_texts(engine)[-2:] == [
        ("skip", "Level 2 skipped: could not reach Gosia Duch: no Slack user has the email ghost@brand.test"),
        ("page", "Paged level 3: Ewa Lis, Marek Wojcik")]
    assert [c.args["email"] for c in slack.calls("users.lookupByEmail")] == ["ghost@brand.test"]  # asked once
