"""`/crisis oncall at <when>`: how people write a time, read in the schedule's zone."""
from __future__ import annotations

import pytest

from escalation.schedules import parse_when
from tests.schedules.sample import NEW_YORK, WARSAW, at, wall

NOW = at("2026-11-25 10:00")  # a Wednesday morning in Warsaw


@pytest.mark.parametrize(("text", "expected"), [
    ("now", "Wed 2026-11-25 10:00 +01"),
    ("saturday 03:00", "Sat 2026-11-28 03:00 +01"),
    ("Saturday at 3am", "Sat 2026-11-28 03:00 +01"),
    ("sat 3 am", "Sat 2026-11-28 03:00 +01"),
    ("at sat 15:30", "Sat 2026-11-28 15:30 +01"),
    ("sat", "Sat 2026-11-28 12:00 +01"),                   # a day alone means its noon
    ("wednesday 9am", "Wed 2026-11-25 09:00 +01"),         # today's weekday is today, even if past
    ("next wednesday", "Wed 2026-12-02 12:00 +01"),        # `next`: not today
    ("tuesday 17:00", "Tue 2026-12-01 17:00 +01"),
    ("2026-12-26 14:00", "Sat 2026-12-26 14:00 +01"),
    ("2026-12-26T14:00", "Sat 2026-12-26 14:00 +01"),
    ("2026-12-26", "Sat 2026-12-26 12:00 +01"),
    ("2026-12-26T14:00+00:00", "Sat 2026-12-26 15:00 +01"),  # an explicit offset wins over the zone
    ("26.12.2026 14:00", "Sat 2026-12-26 14:00 +01"),
    ("tomorrow 9am", "Thu 2026-11-26 09:00 +01"),
    ("tomorrow", "Thu 2026-11-26 12:00 +01"),
    ("today 12:30pm", "Wed 2026-11-25 12:30 +01"),
    ("yesterday 23:00", "Tue 2026-11-24 23:00 +01"),
    ("17:30", "Wed 2026-11-25 17:30 +01"),
    ("9pm", "Wed 2026-11-25 21:00 +01"),
    ("12am", "Wed 2026-11-25 00:00 +01"),
    ("noon", "Wed 2026-11-25 12:00 +01"),
    ("in 2h", "Wed 2026-11-25 12:00 +01"),
    ("in 3 days", "Sat 2026-11-28 10:00 +01"),
    ("+90m", "Wed 2026-11-25 11:30 +01"),
    ("2027-03-28 02:30", "Sun 2027-03-28 03:00 +02"),      # skipped by the clock change: the moment of the jump
    ("2026-10-25 02:30", "Sun 2026-10-25 02:30 +02"),      # repeated: the first one
])
def test_parse_when(text, expected):
    assert wall(parse_when(text, NOW, WARSAW)) == expected


def test_parse_when_reads_in_the_given_zone():
    assert wall(parse_when("saturday 03:00", NOW, NEW_YORK), NEW_YORK) == "Sat 2026-11-28 03:00 -05"


def test_parse_when_returns_utc():
    assert parse_when("tomorrow 9am", NOW, WARSAW).tzinfo is not None
    assert parse_when("tomorrow 9am", NOW, WARSAW).utcoffset().total_seconds() == 0


@pytest.mark.parametrize("text", ["", "blah", "someday 9am", "saturday 25:00", "2026-13-01 10:00", "9", "sat 3xm",
                                  "32.12.2026"])
def test_unreadable_times_say_how_to_write_one(text):
    with pytest.raises(ValueError, match="saturday 03:00") as error:
        parse_when(text, NOW, WARSAW)
    assert "tomorrow 9am" in str(error.value)


def test_an_impossible_hour_is_named():
    with pytest.raises(ValueError, match="not a time of day"):
        parse_when("saturday 25:00", NOW, WARSAW)
