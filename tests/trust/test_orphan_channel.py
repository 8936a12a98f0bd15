"""No debris: when Slack created the channel but its answer was lost, the retry adopts that channel instead of
opening `-2`; a channel it did not create is never adopted."""
from __future__ import annotations

from datetime import timedelta

from tests.support.crisis import CHANNEL, CHANNEL_NAME, incidents, open_incident, opening, outbox_rows, timeline_texts
from tests.support.expect import seen


def deliver_opening(bot) -> None:
    """The outbox only (no engine), so the channel's opening is all that is delivered."""
    bot.app.worker.deliver(bot.app.desk.clock())


def test_a_create_whose_answer_is_lost_is_adopted_on_the_retry(bot, slack, clock, engine):
    bot.app.check_slack()  # as `serve` does at start: auth.test names the bot user once
    open_incident(bot)
    slack.fail_next("conversations.create", drop=True)  # Slack creates the channel; its answer never arrives
    deliver_opening(bot)
    assert seen(slack) == []
    assert outbox_rows(engine, "create_channel") == [("pending", 1)]
    assert slack.channel_named(CHANNEL_NAME) is not None

    clock.tick(timedelta(seconds=5))
    deliver_opening(bot)
    assert seen(slack) == opening()
    assert incidents(engine) == [(1, "triggered", CHANNEL_NAME)]
    assert slack.channel_named(CHANNEL_NAME + "-2") is None  # exactly one channel
    assert [c.response.get("error") for c in slack.calls("conversations.create")] == [None, "name_taken"]
    assert [c.args.get("types") for c in slack.calls("users.conversations")] == ["public_channel,private_channel"]
    assert len(slack.calls("auth.test")) == 1  # the bot user from the start, not asked again to adopt
    assert ("channel", f"Channel {CHANNEL} opened (found after Slack's answer to creating it was lost)") in \
        timeline_texts(engine)
    bot.run_worker()
    assert seen(slack) == [("post", "dm:U0ANNA", "You are paged (level 1) for incident #1 · SEV2 · "
                                                 "Negative mentions x8"),
                           ("post", CHANNEL, "<@U0ANNA> you are paged (level 1). Press Acknowledge in the pinned "
                                             "summary or type `/crisis ack`.")]


def test_two_lost_answers_in_a_row_still_adopt_the_channel_made_first(bot, slack, clock, engine):
    taken = slack.add_channel(CHANNEL_NAME, ["U0EWA"])  # a person's channel holds the first name
    open_incident(bot)
    slack.fail_next("conversations.create", error="name_taken")  # as Slack answers for the person's channel
    slack.fail_next("conversations.create", drop=True)  # `-2` is created; its answer is lost
    deliver_opening(bot)
    clock.tick(timedelta(seconds=5))
    slack.fail_next("conversations.create", drop=True)  # the retry's name_taken for the first name is lost too
    deliver_opening(bot)
    assert seen(slack) == [] and outbox_rows(engine, "create_channel") == [("pending", 2)]

    clock.tick(timedelta(seconds=10))
    deliver_opening(bot)
    assert seen(slack) == opening(CHANNEL + "-2")
    assert incidents(engine) == [(1, "triggered", CHANNEL_NAME + "-2")]
    assert slack.channel_named(CHANNEL_NAME + "-3") is None  # `-2` adopted, not left behind
    assert slack.messages_in(taken) == []


def test_a_channel_someone_else_created_meanwhile_is_not_adopted(bot, slack, clock, engine):
    open_incident(bot)
    slack.fail_next("conversations.create", status=500)  # the answer says nothing about whether it was created
    deliver_opening(bot)
    taken = slack.add_channel(CHANNEL_NAME, ["U0EWA"])  # a person takes the name meanwhile

    clock.tick(timedelta(seconds=5))
    deliver_opening(bot)
    assert seen(slack) == opening(CHANNEL + "-2")
    assert incidents(engine) == [(1, "triggered", CHANNEL_NAME + "-2")]
    assert slack.messages_in(taken) == []
    assert len(slack.calls("users.conversations")) == 1  # looked, and found no channel of its own by that name


def test_a_name_taken_at_the_first_attempt_opens_the_next_name_without_looking(bot, slack, engine):
    slack.add_channel(CHANNEL_NAME, ["U0EWA"])
    open_incident(bot)
    deliver_opening(bot)
    assert seen(slack) == opening(CHANNEL + "-2")
    assert slack.calls("users.conversations") == [] and slack.calls("auth.test") == []
