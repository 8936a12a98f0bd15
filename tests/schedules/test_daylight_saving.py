"""Handoffs at local wall-clock time across both daylight-saving changes, in Warsaw and New York."""
from __future__ import annotations

from datetime import timedelta

import pytest

from escalation.schedules import resolve_shifts, who_is_on_call
from tests.schedules.sample import NEW_YORK, WARSAW, around_the_clock, at, brand, hours, wall


@pytest.mark.parametrize(("zone", "during", "start", "end", "length"), [
    # Spring forward: the shift that contains the change is an hour short.
    (WARSAW, "2026-03-29 05:00", "Sat 2026-03-28 09:00 +01", "Sun 2026-03-29 09:00 +02", 23),
    (NEW_YORK, "2026-03-08 05:00", "Sat 2026-03-07 09:00 -05", "Sun 2026-03-08 09:00 -04", 23),
    # Fall back: an hour long.
    (WARSAW, "2026-10-25 05:00", "Sat 2026-10-24 09:00 +02", "Sun 2026-10-25 09:00 +01", 25),
    (NEW_YORK, "2026-11-01 05:00", "Sat 2026-10-31 09:00 -04", "Sun 2026-11-01 09:00 -05", 25),
    # Days without a change stay 24 hours, on both sides of it.
    (WARSAW, "2026-03-30 12:00", "Mon 2026-03-30 09:00 +02", "Tue 2026-03-31 09:00 +02", 24),
    (NEW_YORK, "2026-11-02 12:00", "Mon 2026-11-02 09:00 -05", "Tue 2026-11-03 09:00 -05", 24),
])
def test_daily_shift_crossing_a_change_is_23_or_25_hours_and_hands_off_at_09_local(zone, during, start, end, length):
    shift = who_is_on_call(around_the_clock(zone), at(during, zone))
    assert (wall(shift.start, zone), wall(shift.end, zone)) == (start, end)
    assert shift.end - shift.start == hours(length)


@pytest.mark.parametrize("zone", [WARSAW, NEW_YORK])
@pytest.mark.parametrize("month", ["03", "10", "11"])
def test_shifts_around_a_change_tile_time_without_gap_or_overlap(zone, month):
    start, end = at(f"2026-{month}-01 00:00", zone), at(f"2026-{month}-28 00:00", zone)
    shifts = resolve_shifts(around_the_clock(zone), start, end)
    assert shifts[0].start == start and shifts[-1].end == end
    assert all(before.end == after.start for before, after in zip(shifts, shifts[1:], strict=False))
    assert {wall(shift.start, zone)[15:20] for shift in shifts[1:]} == {"09:00"}
    assert {shift.duration for shift in shifts[1:-1]} <= {hours(23), hours(24), hours(25)}


@pytest.mark.parametrize(("zone", "handoff", "during", "start", "end"), [
    # 02:30 does not exist on 2026-03-29 in Warsaw: the handoff happens at the jump (02:00 +01 = 03:00 +02).
    (WARSAW, "02:30", "2026-03-29 01:00", "Sat 2026-03-28 02:30 +01", "Sun 2026-03-29 03:00 +02"),
    (WARSAW, "02:30", "2026-03-29 12:00", "Sun 2026-03-29 03:00 +02", "Mon 2026-03-30 02:30 +02"),
    # 02:30 happens twice on 2026-10-25: the handoff is at the first one (+02).
    (WARSAW, "02:30", "2026-10-25 01:00", "Sat 2026-10-24 02:30 +02", "Sun 2026-10-25 02:30 +02"),
    (WARSAW, "02:30", "2026-10-25 12:00", "Sun 2026-10-25 02:30 +02", "Mon 2026-10-26 02:30 +01"),
    (NEW_YORK, "02:00", "2026-03-08 12:00", "Sun 2026-03-08 03:00 -04", "Mon 2026-03-09 02:00 -04"),
    (NEW_YORK, "01:30", "2026-11-01 12:00", "Sun 2026-11-01 01:30 -04", "Mon 2026-11-02 01:30 -05"),
])
def test_handoff_time_that_is_skipped_or_repeated(zone, handoff, during, start, end):
    shift = who_is_on_call(around_the_clock(zone, handoff), at(during, zone))
    assert (wall(shift.start, zone), wall(shift.end, zone)) == (start, end)


def test_skipped_handoff_shortens_both_shifts_next_to_the_jump_and_loses_no_time():
    zone = around_the_clock(WARSAW, "02:30")
    shifts = resolve_shifts(zone, at("2026-03-28 02:30"), at("2026-03-30 02:30"))
    assert [shift.duration for shift in shifts] == [hours(23.5), hours(23.5)]
    assert [shift.person for shift in shifts] != [shifts[0].person] * 2


def test_the_second_pass_of_a_repeated_hour_belongs_to_the_shift_that_started_before_it():
    schedule = around_the_clock(WARSAW, "02:30")
    second_0215 = at("2026-10-25 02:15") + timedelta(hours=1)  # 02:15 +01, after the clocks went back
    first = who_is_on_call(schedule, at("2026-10-25 02:45"))  # 02:45 +02, the new shift has begun
    assert who_is_on_call(schedule, second_0215) == first


@pytest.mark.parametrize(("during", "start", "end", "length"), [
    ("2026-03-28 03:00", "Fri 2026-03-27 17:00 +01", "Mon 2026-03-30 09:00 +02", 63),
    ("2026-10-24 03:00", "Fri 2026-10-23 17:00 +02", "Mon 2026-10-26 09:00 +01", 65),
])
def test_weekend_window_over_a_change_keeps_its_wall_clock_ends(during, start, end, length):
    shift = who_is_on_call(brand(), at(during))
    assert (shift.layer_kind, wall(shift.start), wall(shift.end)) == ("weekend", start, end)
    assert shift.end - shift.start == hours(length)


def test_restricted_window_after_a_change_opens_at_the_same_local_time():
    shifts = resolve_shifts(brand(), at("2026-03-30 00:00"), at("2026-03-31 00:00"))
    business = [shift for shift in shifts if shift.layer_name == "business-hours"]
    assert [(wall(s.start), wall(s.end)) for s in business] == \
        [("Mon 2026-03-30 09:00 +02", "Mon 2026-03-30 17:00 +02")]
