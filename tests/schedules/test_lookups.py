"""Next handoff, gaps, fairness hours and shift notices, from fixed instants."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from escalation.schedules import (
    Override,
    Schedule,
    find_gaps,
    hours_per_person,
    next_handoff,
    shift_notices,
    who_is_on_call,
)
from tests.schedules.sample import POLAND, at, brand, daily, layer, wall


def office(**changes) -> Schedule:
    """Business hours and holidays only: nights and weekends are gaps."""
    values = dict(name="office", timezone="Europe/Warsaw", layers=(brand().layers[0], brand().layers[3]),
                  holidays=POLAND)
    return Schedule(**{**values, **changes})


def test_next_handoff_on_a_saturday_night_is_monday_morning():
    handoff = next_handoff(brand(), at("2026-11-28 03:00"))
    assert wall(handoff.at) == "Mon 2026-11-30 09:00 +01"
    assert (handoff.outgoing.person, handoff.incoming.person) == ("jakub", "piotr")
    assert wall(handoff.incoming.end) == "Mon 2026-11-30 17:00 +01"


def test_next_handoff_into_a_holiday():
    handoff = next_handoff(brand(), at("2026-12-23 20:00"))
    assert (wall(handoff.at), handoff.incoming.person, handoff.incoming.holiday_name) == \
        ("Thu 2026-12-24 00:00 +01", "zofia", "Christmas Eve")


def test_next_handoff_skips_shifts_of_the_same_person():
    schedule = Schedule("solo", "UTC", (layer("solo", ["a"], timedelta(days=1), "09:00", "2026-01-05"),))
    cover = Override("b", at("2026-06-10 12:00", "UTC"), at("2026-06-10 13:00", "UTC"))
    handoff = next_handoff(schedule, at("2026-06-01 12:00", "UTC"), [cover])
    assert (handoff.at, handoff.incoming.person) == (at("2026-06-10 12:00", "UTC"), "b")
    assert next_handoff(schedule, at("2026-06-01 12:00", "UTC")) is None


def test_next_handoff_from_a_gap_names_who_comes_on():
    handoff = next_handoff(office(), at("2026-11-28 03:00"))
    assert (handoff.outgoing.person, handoff.incoming.person, wall(handoff.at)) == \
        (None, "piotr", "Mon 2026-11-30 09:00 +01")


def test_gaps_are_nights_and_the_holiday_layer_closes_them_on_holidays():
    gaps = find_gaps(office(), at("2026-11-09 00:00"), at("2026-11-13 00:00"))
    assert [(wall(gap.start), wall(gap.end)) for gap in gaps] == [
        ("Mon 2026-11-09 00:00 +01", "Mon 2026-11-09 09:00 +01"),
        ("Mon 2026-11-09 17:00 +01", "Tue 2026-11-10 09:00 +01"),
        ("Tue 2026-11-10 17:00 +01", "Wed 2026-11-11 00:00 +01"),
        ("Thu 2026-11-12 00:00 +01", "Thu 2026-11-12 09:00 +01"),
        ("Thu 2026-11-12 17:00 +01", "Fri 2026-11-13 00:00 +01"),
    ]


def test_a_gap_on_a_holiday_names_it():
    daytime_holidays = layer("holidays", ["marta"], timedelta(days=1), "08:00", "2026-01-01", "holiday",
                             restrictions=daily(range(7), "08:00", "20:00"))
    schedule = office(layers=(brand().layers[0], daytime_holidays))
    gaps = find_gaps(schedule, at("2026-11-11 00:00"), at("2026-11-12 00:00"))
    assert [(wall(gap.start), wall(gap.end), gap.holidays) for gap in gaps] == [
        ("Wed 2026-11-11 00:00 +01", "Wed 2026-11-11 08:00 +01", ("National Independence Day",)),
        ("Wed 2026-11-11 20:00 +01", "Thu 2026-11-12 00:00 +01", ("National Independence Day",)),
    ]


def test_a_full_schedule_has_no_gaps_in_a_year():
    assert find_gaps(brand(), at("2026-01-01 00:00"), at("2027-01-01 00:00")) == []


def test_hours_per_person_split_weekday_weekend_holiday():
    stats = hours_per_person(brand(), at("2026-11-09 00:00"), at("2026-11-16 00:00"))
    assert {person: tally.hours() for person, tally in stats.items()} == {
        "jakub": (0, 9, 0),     # the end of the weekend before: Mon 00:00 -> 09:00
        "kasia": (16, 0, 0),
        "lena": (48, 0, 0),     # weeknights, less Independence Day
        "marta": (0, 0, 24),    # Independence Day
        "piotr": (16, 0, 0),
        "tomasz": (0, 55, 0),   # Fri 17:00 -> Mon 00:00 (the window ends there)
    }
    assert sum((tally.total for tally in stats.values()), timedelta(0)) == timedelta(days=7)


def test_weekend_hours_of_a_base_layer_count_as_weekend():
    schedule = Schedule("s", "Europe/Warsaw", (layer("all", ["a"], timedelta(weeks=1), "09:00", "2026-01-05"),))
    stats = hours_per_person(schedule, at("2026-11-09 00:00"), at("2026-11-16 00:00"))
    assert stats["a"].hours() == (120, 48, 0)  # default weekend: Sat 00:00 -> Mon 00:00


def test_shift_notices_before_weekend_and_holiday_shifts():
    notices = shift_notices(brand(), at("2026-12-20 00:00"), at("2027-01-04 00:00"))
    assert [(wall(n.notify_at), n.shift.person, n.shift.holiday_name) for n in notices] == [
        ("Wed 2026-12-23 22:00 +01", "zofia", "Christmas Eve"),
        ("Thu 2026-12-24 22:00 +01", "marta", "Christmas Day"),
        ("Fri 2026-12-25 22:00 +01", "zofia", "Second Day of Christmas"),
        ("Sat 2026-12-26 22:00 +01", "tomasz", None),
        ("Wed 2026-12-30 22:00 +01", "marta", "Company day off"),
        ("Thu 2026-12-31 22:00 +01", "zofia", "New Year's Day"),
        ("Fri 2027-01-01 22:00 +01", "ewa", None),
    ]


def test_shift_notice_lead_time_and_windows_that_do_not_repeat_a_notice():
    schedule = brand(shift_notice=timedelta(hours=6))
    friday = shift_notices(schedule, at("2026-11-27 00:00"), at("2026-11-28 00:00"))
    assert [(wall(n.notify_at), n.shift.person) for n in friday] == [("Fri 2026-11-27 11:00 +01", "jakub")]
    before, after = (shift_notices(schedule, at("2026-11-27 00:00"), at("2026-11-27 11:00")),
                     shift_notices(schedule, at("2026-11-27 11:00"), at("2026-11-28 00:00")))
    assert (before, after) == ([], friday)
    assert shift_notices(brand(shift_notice=None), at("2026-11-27 00:00"), at("2026-11-28 00:00")) == []


def test_no_notice_when_the_same_person_carries_on_into_a_holiday():
    schedule = brand(layers=brand().layers[:3], holidays_use_weekend_layer=True)
    notices = shift_notices(schedule, at("2027-03-24 00:00"), at("2027-03-31 00:00"))
    assert [(wall(n.shift.start), n.shift.person) for n in notices] == [("Fri 2027-03-26 17:00 +01", "ewa")]


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        who_is_on_call(brand(), datetime(2026, 11, 28, 3))


def test_who_is_on_call_takes_any_time_zone_and_answers_in_utc():
    saturday = at("2026-11-28 03:00")
    assert who_is_on_call(brand(), saturday.astimezone(ZoneInfo("Asia/Tokyo"))).person == "jakub"
    assert who_is_on_call(brand(), saturday).start.utcoffset() == timedelta(0)
