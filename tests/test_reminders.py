"""Status-update reminders and the first-public-reply warning, end to end in frozen time."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config.reminders import ReminderSettings
from escalation.outbox import OutboxMessage
from escalation.reminders.models import IncidentReminder
from escalation.reminders.service import run_cycle
from tests.support import database
from tests.support.bot import start_bot
from tests.support.config import CONFIG, load_test_config
from tests.support.crisis import CHANNEL, timeline_texts
from tests.support.expect import seen
from tests.support.reminders import (
    T0,
    at,
    in_room,
    open_acknowledged,
    press,
    public_reply,
    reminder,
    reminders_config,
    sent_at,
    warning,
)


@pytest.fixture
def config():
    return reminders_config()


@pytest.fixture
def channel(bot, slack, clock) -> str:
    return open_acknowledged(bot, slack)


def posts(*texts: str) -> list[tuple[str, str, str]]:
    return [("post", CHANNEL, text) for text in texts]


def test_the_commander_is_reminded_every_hour_on_the_dot_until_resolve(bot, slack, clock, engine, channel):
    assert sent_at(bot, slack, clock, 60) == posts(reminder("1 h"))
    assert sent_at(bot, slack, clock, 120) == posts(reminder("2 h"))
    at(clock, 150)
    in_room(bot, slack, "resolve", "U0EWA", "Incident #1 resolved.")
    at(clock, 600)
    bot.run_worker()
    assert seen(slack) == []  # neither reminders nor the warning (due at 3 h) once resolved
    assert [t for t in timeline_texts(engine) if t[0] == "status_reminder"] == [
        ("status_reminder", "Status-update reminder sent to U0ANNA")] * 2  # a mention only where it is shown


def test_the_reminder_carries_snooze_buttons(bot, slack, clock, channel):
    at(clock, 60)
    bot.run_worker()
    [message] = slack.take_messages()
    assert message.blocks == [
        {"type": "section", "text": {"type": "mrkdwn", "text": f":loudspeaker: {reminder('1 h')}"}},
        {"type": "actions", "block_id": "status-reminder-1-1", "elements": [
            {"type": "button", "action_id": "status_snooze_1800", "value": "1:1800",
             "text": {"type": "plain_text", "text": "Snooze 30 min"}},
            {"type": "button", "action_id": "status_snooze_3600", "value": "1:3600",
             "text": {"type": "plain_text", "text": "Snooze 1 h"}}]}]


def test_a_status_update_resets_the_clock(bot, slack, clock, channel):
    at(clock, 40)
    in_room(bot, slack, "update statement drafted, legal reviewing", "U0ANNA")
    at(clock, 60)
    bot.run_worker()
    assert seen(slack) == []
    assert sent_at(bot, slack, clock, 100) == posts(reminder("1 h", updated=True))
    assert sent_at(bot, slack, clock, 160) == posts(reminder("2 h", updated=True))


def test_snooze_moves_the_next_reminder_and_then_the_hourly_rhythm_resumes(bot, slack, clock, engine, channel):
    at(clock, 60)
    bot.run_worker()
    [message] = slack.take_messages()
    at(clock, 61)
    press(bot, slack, message, "status_snooze_1800", "1:1800", "U0ANNA")
    [answer] = slack.take_messages()
    assert (answer.kind, answer.text, answer.args.get("replace_original")) == ("response", reminder("1 h"), True)
    assert answer.blocks == [  # the reminder's words stay; the buttons give way to who snoozed it
        {"type": "section", "text": {"type": "mrkdwn", "text": f":loudspeaker: {reminder('1 h')}"}},
        {"type": "context", "elements": [{"type": "mrkdwn",
                                          "text": ":zzz: Snoozed for 30 min by <@U0ANNA>."}]}]
    assert timeline_texts(engine)[-1] == ("snoozed", "Status-update reminder snoozed for 30 min")

    assert sent_at(bot, slack, clock, 91) == posts(reminder("1 h 31 min"))
    assert sent_at(bot, slack, clock, 151) == posts(reminder("2 h 31 min"))


def test_a_longer_snooze_skips_the_regular_reminder(bot, slack, clock, channel):
    at(clock, 60)
    bot.run_worker()
    [message] = slack.take_messages()
    press(bot, slack, message, "status_snooze_3600", "1:3600", "U0ANNA")
    slack.take_messages()
    at(clock, 119)
    bot.run_worker()
    assert seen(slack) == []
    assert sent_at(bot, slack, clock, 120) == posts(reminder("2 h"))


def test_only_the_commander_may_snooze(bot, slack, clock, channel):
    at(clock, 60)
    bot.run_worker()
    [message] = slack.take_messages()
    press(bot, slack, message, "status_snooze_1800", "1:1800", "U0EWA")
    assert seen(slack) == [("response", f"{CHANNEL}>U0EWA",
                            "Only the commander <@U0ANNA> can snooze the status-update reminder. "
                            "To take over: `/crisis role commander @you`.")]
    assert sent_at(bot, slack, clock, 120) == posts(reminder("2 h"))  # not moved


def test_a_snooze_the_config_does_not_offer_is_refused(bot, slack, clock, channel):
    at(clock, 60)
    bot.run_worker()
    [message] = slack.take_messages()
    press(bot, slack, message, "status_snooze_1800", "1:86400", "U0ANNA")
    press(bot, slack, message, "status_snooze_1800", "one:day", "U0ANNA")
    assert seen(slack) == [
        ("response", f"{CHANNEL}>U0ANNA", "That snooze is not offered; the choices are: 30 min, 1 h."),
        ("response", f"{CHANNEL}>U0ANNA", "This button is broken; wait for the next reminder.")]
    assert sent_at(bot, slack, clock, 120) == posts(reminder("2 h"))


def test_without_a_commander_the_channel_is_told_how_to_name_one_and_anyone_may_snooze(bot, slack, clock):
    channel = open_acknowledged(bot, slack, commander=None)
    assert sent_at(bot, slack, clock, 60) == posts(reminder("1 h", commander=None))
    message = slack.messages_in(channel)[-1]
    press(bot, slack, message, "status_snooze_1800", "1:1800", "U0EWA")
    [(kind, where, _)] = seen(slack)
    assert (kind, where) == ("response", f"{CHANNEL}>U0EWA")
    assert sent_at(bot, slack, clock, 90) == posts(reminder("1 h 30 min", commander=None))


def test_a_severity_change_takes_effect_at_once(bot, slack, clock, channel):
    at(clock, 10)
    in_room(bot, slack, "severity 1", "U0ANNA", "Incident #1 is now SEV1.")
    # SEV1: a status update every 30 min, a public reply within 1 h (warned at 45 min)
    assert sent_at(bot, slack, clock, 30) == posts(reminder("30 min", every="SEV1: every 30 min"))
    assert sent_at(bot, slack, clock, 45) == posts(warning("45 min", "1 h", "15 min", "11:00", severity=1))
    assert sent_at(bot, slack, clock, 60) == posts(reminder("1 h", every="SEV1: every 30 min"))
    at(clock, 70)
    in_room(bot, slack, "severity 4", "U0ANNA", "Incident #1 is now SEV4.")
    at(clock, 24 * 60)
    bot.run_worker()
    assert seen(slack) == []  # SEV4: no reminders, and the warning went out once already


def test_the_reply_warning_comes_at_75_percent_of_the_target_once(bot, slack, clock, engine, channel):
    at(clock, 150)
    in_room(bot, slack, "update holding statement drafted", "U0ANNA")  # the next reminder is at 3 h 30
    assert sent_at(bot, slack, clock, 180) == posts(warning("3 h", "4 h", "1 h", "14:00"))
    assert sent_at(bot, slack, clock, 210) == posts(reminder("1 h", updated=True))
    assert sent_at(bot, slack, clock, 270) == posts(reminder("2 h", updated=True))  # no second warning
    assert ("reply_warning", "Warning: no public reply yet, 75% of the first-public-reply target gone") \
        in timeline_texts(engine)


def test_the_warning_names_the_comms_lead_and_the_commander(bot, slack, clock, channel):
    in_room(bot, slack, "role comms <@U0EWA>", "U0ANNA", "<@U0EWA> is now the comms lead of incident #1.")
    at(clock, 150)
    in_room(bot, slack, "update holding statement drafted", "U0ANNA")
    assert sent_at(bot, slack, clock, 180) == posts(warning("3 h", "4 h", "1 h", "14:00",
                                                            people="<@U0EWA> <@U0ANNA> "))


def test_no_warning_when_a_public_reply_came_in_time(bot, slack, clock, engine, channel):
    public_reply(engine, T0 + timedelta(minutes=23))
    at(clock, 150)
    in_room(bot, slack, "update replied publicly", "U0ANNA")
    at(clock, 209)
    bot.run_worker()
    assert seen(slack) == []
    assert sent_at(bot, slack, clock, 210) == posts(reminder("1 h", updated=True))


def test_a_warning_queued_before_the_reply_is_dropped_not_posted(bot, slack, clock, engine, channel):
    at(clock, 150)
    in_room(bot, slack, "update holding statement drafted", "U0ANNA")
    at(clock, 180)
    bot.app.desk.reminders.run_due(bot.app.desk.clock())  # queued, not yet delivered
    public_reply(engine, T0 + timedelta(minutes=180))
    bot.run_worker()
    assert seen(slack) == []


def test_a_cycle_run_twice_sends_nothing_twice(bot, slack, clock, engine, channel):
    at(clock, 180)
    for _ in range(2):
        with Session(engine) as session, session.begin():
            run_cycle(session, bot.app.desk.clock(), bot.app.desk.reminders.rules)
    bot.run_worker()
    bot.run_worker()
    assert seen(slack) == posts(reminder("3 h"), warning("3 h", "4 h", "1 h", "14:00"))
    with Session(engine) as session:
        kinds = session.scalars(select(OutboxMessage.kind).where(OutboxMessage.kind.in_(
            ["status_reminder", "reply_warning"])).order_by(OutboxMessage.id)).all()
    assert kinds == ["status_reminder", "reply_warning"]


def test_a_restart_loses_nothing(bot, slack, clock, engine, settings, config, channel):
    at(clock, 60)
    bot.app.desk.reminders.run_due(bot.app.desk.clock())  # queued, then the process dies before delivering
    bot.close()
    fresh = start_bot(settings, config, slack, engine)
    try:
        fresh.run_worker()
        assert seen(slack) == posts(reminder("1 h"))
        with Session(engine) as session:
            row = session.get(IncidentReminder, 1)
            assert row.next_status_reminder_at == T0 + timedelta(hours=2)
            assert row.reply_warning_at == T0 + timedelta(hours=3)
        assert sent_at(fresh, slack, clock, 120) == posts(reminder("2 h"))
    finally:
        fresh.close()


# the tests' config, no `reminders:` section (and no re-escalation of the silent acknowledgement either)
@pytest.mark.parametrize("config", [load_test_config(CONFIG + "paging:\n  reescalate_after: off\n")])
def test_without_a_reminders_section_nothing_is_reminded(bot, slack, clock, engine, config):
    assert config.reminders == ReminderSettings()
    open_acknowledged(bot, slack)
    at(clock, 24 * 60)
    bot.run_worker()
    assert seen(slack) == []
    with Session(engine) as session:
        assert session.scalars(select(IncidentReminder)).all() == []


def test_a_severity_raised_past_its_target_warns_at_once_that_it_passed(bot, slack, clock, channel):
    at(clock, 100)
    in_room(bot, slack, "update checking with support", "U0ANNA")
    at(clock, 120)
    bot.slash("severity 1", user="U0ANNA", channel=channel)
    bot.run_worker()
    said = seen(slack)  # the room's answer and notices, then the warning in the same tick
    assert said[-1] == posts(":hourglass_flowing_sand: <@U0ANNA> No public reply yet on incident #1: the 1 h "
                             "first-public-reply target (SEV1) passed 1 h ago. Post an approved holding "
                             "statement: `/crisis template tag:public`.")[0]
    assert sent_at(bot, slack, clock, 130) == posts(reminder("30 min", updated=True, every="SEV1: every 30 min"))


@pytest.mark.skipif(not database.PG_URL, reason="SQLite lets one writer in at a time: the other waits")
def test_two_workers_cycling_at_the_same_time_remind_once(bot, slack, clock, engine, channel):
    rules = bot.app.desk.reminders.rules
    with Session(engine) as session, session.begin():
        run_cycle(session, bot.app.desk.clock(), rules)  # the incident's row exists from here on
    at(clock, 60)
    now = bot.app.desk.clock()
    with Session(engine) as first, first.begin():
        assert run_cycle(first, now, rules) == 1
        with Session(engine) as second, second.begin():
            assert run_cycle(second, now, rules) == 0  # the row is locked: skipped, not waited for
    bot.run_worker()
    assert seen(slack) == posts(reminder("1 h"))


def test_a_worker_down_for_hours_sends_one_reminder_then_keeps_the_rhythm(bot, slack, clock, channel):
    at(clock, 150)
    in_room(bot, slack, "update holding statement drafted", "U0ANNA")
    at(clock, 150 + 5 * 60 + 10)  # nothing ran for five hours
    bot.run_worker()
    assert seen(slack) == posts(reminder("5 h 10 min", updated=True),
                                ":hourglass_flowing_sand: <@U0ANNA> No public reply yet on incident #1: the 4 h "
                                "first-public-reply target (SEV2) passed 3 h 40 min ago. Post an approved holding "
                                "statement: `/crisis template tag:public`.")
    assert sent_at(bot, slack, clock, 150 + 6 * 60 + 10) == posts(reminder("6 h 10 min", updated=True))


def test_snoozing_after_resolve_is_told_there_is_nothing_left(bot, slack, clock, channel):
    at(clock, 60)
    bot.run_worker()
    [message] = slack.take_messages()
    in_room(bot, slack, "resolve", "U0ANNA", "Incident #1 resolved.")
    press(bot, slack, message, "status_snooze_1800", "1:1800", "U0ANNA")
    assert seen(slack) == [("response", f"{CHANNEL}>U0ANNA",
                            "Incident #1 is resolved: there are no more status-update reminders.")]
