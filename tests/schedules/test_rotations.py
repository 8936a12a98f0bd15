"""Rotations: turns pass on shifts actually worked, so restricted rotations leave nobody out."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from escalation.schedules import Schedule, resolve_shifts, who_is_on_call
from tests.schedules.sample import at, daily, layer, wall

SEVEN = ["p0", "p1", "p2", "p3", "p4", "p5", "p6"]


def weekday_rotation(members, shift=timedelta(days=1), start="2026-01-05") -> Schedule:
    return Schedule("weekdays", "Europe/Warsaw", (
        layer("weekdays", members, shift, "09:00", start, restrictions=daily(range(5), "09:00", "17:00")),))


def test_seven_people_on_a_weekday_rotation_all_get_turns():
    # The classic bug: counting calendar days, p5 and p6 would always land on Saturday and Sunday.
    shifts = resolve_shifts(weekday_rotation(SEVEN), at("2026-01-05 00:00"), at("2026-01-19 00:00"))
    people = [shift.person for shift in shifts if shift.person]
    assert people == SEVEN + SEVEN[:3]
    assert [wall(shift.start)[:3] for shift in shifts if shift.person][5:7] == ["Mon", "Tue"]


@pytest.mark.parametrize("weeks", [1, 5, 52])
def test_turns_are_even_over_whole_cycles(weeks):
    shifts = resolve_shifts(weekday_rotation(SEVEN), at("2026-01-05 00:00"),
                            at("2026-01-05 00:00") + timedelta(weeks=7 * weeks))
    counts = Counter(shift.person for shift in shifts if shift.person)
    assert set(counts.values()) == {5 * weeks}


def test_rotation_runs_backwards_from_its_start_date():
    schedule = weekday_rotation(["a", "b", "c"], start="2026-01-05")
    assert who_is_on_call(schedule, at("2026-01-05 12:00")).person == "a"
    assert who_is_on_call(schedule, at("2026-01-02 12:00")).person == "c"  # the Friday before: one turn back
    assert who_is_on_call(schedule, at("2026-01-01 12:00")).person == "b"  # two turns back
    assert who_is_on_call(schedule, at("2025-12-29 12:00")).person == "b"  # five turns back
    assert who_is_on_call(schedule, at("2026-01-03 12:00")).person is None  # Saturday: outside the window


def test_start_date_on_an_unworked_day_gives_the_first_worked_shift_to_the_first_member():
    schedule = weekday_rotation(["a", "b"], start="2026-01-03")  # a Saturday
    assert who_is_on_call(schedule, at("2026-01-05 12:00")).person == "a"
    assert who_is_on_call(schedule, at("2026-01-06 12:00")).person == "b"


def test_twelve_hour_shifts_hand_off_at_the_handoff_time_and_twelve_hours_later():
    halves = layer("halves", ["day", "night"], timedelta(hours=12), "08:00", "2026-01-05")
    schedule = Schedule("s", "Europe/Warsaw", (halves,))
    shifts = resolve_shifts(schedule, at("2026-03-28 08:00"), at("2026-03-30 08:00"))
    assert [(wall(s.start)[4:], s.person, s.duration / timedelta(hours=1)) for s in shifts] == [
        ("2026-03-28 08:00 +01", "day", 12), ("2026-03-28 20:00 +01", "night", 11),
        ("2026-03-29 08:00 +02", "day", 12), ("2026-03-29 20:00 +02", "night", 12),
    ]


def test_weekly_rotation_restricted_to_weekday_nights_hands_off_on_monday():
    schedule = Schedule("s", "Europe/Warsaw", (layer("nights", ["a", "b"], timedelta(weeks=1), "09:00", "2026-01-05",
                                                     restrictions=daily(range(4), "17:00", "09:00")),))
    shifts = [s for s in resolve_shifts(schedule, at("2026-01-05 00:00"), at("2026-01-19 00:00")) if s.person]
    nights = ["Mon", "Tue", "Wed", "Thu"]
    assert [(wall(s.start)[:3], s.person) for s in shifts] == \
        [(day, "a") for day in nights] + [(day, "b") for day in nights]
