"""The review measures what the plan asks: each target met or missed to the second (acknowledge, first public
reply, the status-update rhythm), "never" for what a resolved incident did not get, and the feedback section."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.crisis import CHANNEL_NAME, T0, open_incident
from tests.support.expect import seen
from tests.support.reminders import in_room, public_reply, reminders_config


@pytest.fixture
def config():
    return reminders_config()  # SEV2: acknowledge within 30 min (the default), reply within 4 h, update every 1 h


def at(clock, **delta) -> None:
    clock.move_to(T0 + timedelta(**delta))


def review_sections(bot, slack) -> dict[str, list[str]]:
    """Post the review and read it back: heading -> its lines."""
    channel = slack.channel_named(CHANNEL_NAME)["id"]
    bot.slash("review", user="U0ANNA", channel=channel)
    bot.run_worker()
    review = [m for m in slack.messages_in(channel) if (m.text or "").startswith("Review of incident")][-1]
    seen(slack)
    found = {}
    for block in review.blocks[2:]:
        heading, *lines = block["text"]["text"].split("\n")
        found[heading.strip("*")] = [line.removeprefix("• ") for line in lines]
    return found


def opened(bot, slack) -> None:
    open_incident(bot)  # SEV2, at T0
    bot.run_worker()
    seen(slack)


def test_every_target_met_on_the_second(bot, slack, clock, engine):
    opened(bot, slack)
    at(clock, minutes=30)
    in_room(bot, slack, "ack", "U0PIOTR", "Incident #1 acknowledged. Paging has stopped.")
    public_reply(engine, T0 + timedelta(hours=4))
    at(clock, hours=1)
    in_room(bot, slack, "update Post hidden, statement drafted", "U0PIOTR")
    at(clock, hours=2)
    in_room(bot, slack, "update Statement out, replies calmer", "U0PIOTR")
    at(clock, hours=3)
    in_room(bot, slack, "resolve", "U0ANNA", "Incident #1 resolved.")
    sections = review_sections(bot, slack)
    assert sections["Response times"] == [
        "Time to acknowledge: 30 min, by <@U0PIOTR> · target 30 min: met",
        "Time to first public reply: 4 h · target 4 h: met",
        "Time to resolve: 3 h, by <@U0ANNA>",
        "Status updates: 2 · longest without one 1 h · target at least every 1 h: met"]
    assert sections["Customer and stakeholder feedback"] == [
        "_What customers and stakeholders said about the response: fill it in in the uploaded "
        "incident-1-review.md._"]


def test_every_target_missed_by_a_second_and_never_for_what_did_not_happen(bot, slack, clock, engine):
    opened(bot, slack)
    at(clock, minutes=30, seconds=1)
    in_room(bot, slack, "ack", "U0PIOTR", "Incident #1 acknowledged. Paging has stopped.")
    at(clock, hours=1, seconds=1)
    in_room(bot, slack, "update Looking into it", "U0PIOTR")
    at(clock, hours=1, minutes=30)
    in_room(bot, slack, "resolve", "U0ANNA", "Incident #1 resolved.")
    assert review_sections(bot, slack)["Response times"] == [
        "Time to acknowledge: 30 min 01 s, by <@U0PIOTR> · target 30 min: missed",
        "Time to first public reply: never · target 4 h: missed",
        "Time to resolve: 1 h 30 min, by <@U0ANNA>",
        "Status updates: 1 · longest without one 1 h 00 min 01 s · target at least every 1 h: missed"]


def test_a_silence_before_the_resolve_misses_the_rhythm(bot, slack, clock, engine):
    opened(bot, slack)
    at(clock, minutes=20)
    in_room(bot, slack, "update First look", "U0PIOTR")
    at(clock, hours=1, minutes=20, seconds=1)
    in_room(bot, slack, "resolve", "U0ANNA", "Incident #1 resolved.")
    assert review_sections(bot, slack)["Response times"] == [
        "Time to acknowledge: never (resolved without an acknowledgement) · target 30 min: missed",
        "Time to first public reply: never · target 4 h: missed",
        "Time to resolve: 1 h 20 min 01 s, by <@U0ANNA>",
        "Status updates: 1 · longest without one 1 h 00 min 01 s · target at least every 1 h: missed"]


def test_an_open_incident_is_judged_only_once_a_target_has_passed(bot, slack, clock, engine):
    opened(bot, slack)
    at(clock, minutes=29, seconds=59)
    assert review_sections(bot, slack)["Response times"] == [
        "Time to acknowledge: not yet", "Time to first public reply: not yet", "Time to resolve: not yet",
        "Status updates: 0 · longest without one 29 min 59 s · target at least every 1 h: met"]
    at(clock, minutes=30, seconds=1)
    assert review_sections(bot, slack)["Response times"][0] == "Time to acknowledge: not yet · target 30 min: missed"
