"""When status-update reminders and the first-public-reply warning fall due, from tables of fixed instants."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from escalation.reminders.rules import Facts, Rules, due_at, next_status_reminder, reply_warning_at

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
RULES = Rules(status_every={1: timedelta(minutes=30), 2: timedelta(hours=1), 3: timedelta(hours=4), 4: None},
              reply_within={1: timedelta(hours=1), 2: timedelta(hours=4), 3: timedelta(hours=12),
                            4: timedelta(hours=24)}, warn_at=75)


def m(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def facts(severity: int = 2, **changes) -> Facts:
    return Facts(severity=severity, opened_at=T0, is_open=changes.pop("is_open", True), **changes)


@pytest.mark.parametrize("case, expected", [
    (facts(), m(60)),  # counted from the opening
    (facts(severity=1), m(30)),
    (facts(severity=3), m(240)),
    (facts(severity=4), None),  # off
    (facts(is_open=False), None),  # resolved
    (facts(last_update_at=m(40)), m(100)),  # an update resets the clock
    (facts(last_reminder_at=m(60)), m(120)),  # then every hour while nobody updates
    (facts(last_reminder_at=m(60), last_update_at=m(75)), m(135)),
    (facts(last_reminder_at=m(60), snoozed_at=m(61), snoozed_until=m(91)), m(91)),  # a snooze replaces it
    (facts(last_reminder_at=m(60), snoozed_at=m(61), snoozed_until=m(181)), m(181)),
    (facts(last_reminder_at=m(60), snoozed_at=m(61), snoozed_until=m(91), last_update_at=m(70)), m(130)),
    (facts(last_reminder_at=m(91), snoozed_at=m(61), snoozed_until=m(91)), m(151)),  # the snoozed one went out
])
def test_next_status_reminder(case, expected):
    assert next_status_reminder(case, RULES) == expected


@pytest.mark.parametrize("case, expected", [
    (facts(), m(180)),  # 75% of 4 h
    (facts(severity=1), m(45)),
    (facts(severity=3), m(540)),
    (facts(severity=4), m(1080)),
    (facts(first_public_reply_at=m(23)), None),
    (facts(warning_sent_at=m(180)), None),  # once per incident
    (facts(is_open=False), None),
])
def test_reply_warning_at(case, expected):
    assert reply_warning_at(case, RULES) == expected


def test_the_warning_share_and_a_missing_target_come_from_the_rules():
    rules = Rules(status_every={}, reply_within={2: timedelta(hours=2), 3: None}, warn_at=50)
    assert reply_warning_at(facts(), rules) == m(60)
    assert reply_warning_at(facts(severity=3), rules) is None
    assert next_status_reminder(facts(), rules) is None


@pytest.mark.parametrize("now, reminder, warning", [
    (m(60) - timedelta(seconds=1), False, False),
    (m(60), True, False),
    (m(180) - timedelta(seconds=1), True, False),
    (m(180), True, True),
])
def test_due_at_is_silent_a_second_before_and_due_at_the_instant(now, reminder, warning):
    due = due_at(facts(), RULES, now)
    assert (due.status_reminder, due.reply_warning) == (reminder, warning)
