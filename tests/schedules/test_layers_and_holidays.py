"""Who answers when: precedence override > holiday > weekend > base, Polish and other public holidays."""
from __future__ import annotations

from datetime import time, timedelta

import pytest

from escalation.schedules import HolidayRule, Override, Schedule, resolve_shifts, who_is_on_call
from tests.schedules.sample import NEW_YORK, at, brand, daily, layer, wall

# (local time in Warsaw, person, layer kind, layer, holiday, shift start, shift end)
BRAND_TABLE = [
    # A Saturday night: the weekend rotation, whose shift runs Fri 17:00 -> Mon 09:00.
    ("2026-11-28 03:00", "jakub", "weekend", "weekend", None,
     "Fri 2026-11-27 17:00 +01", "Mon 2026-11-30 09:00 +01"),
    ("2026-11-27 16:59", "anna", "base", "business-hours", None,
     "Fri 2026-11-27 09:00 +01", "Fri 2026-11-27 17:00 +01"),
    ("2026-11-27 17:00", "jakub", "weekend", "weekend", None,
     "Fri 2026-11-27 17:00 +01", "Mon 2026-11-30 09:00 +01"),
    ("2026-11-30 08:59", "jakub", "weekend", "weekend", None,
     "Fri 2026-11-27 17:00 +01", "Mon 2026-11-30 09:00 +01"),
    ("2026-11-30 09:00", "piotr", "base", "business-hours", None,
     "Mon 2026-11-30 09:00 +01", "Mon 2026-11-30 17:00 +01"),
    # Independence Day, a Wednesday: the holiday layer from 00:00 to 24:00 cuts the weeknight shifts.
    ("2026-11-10 23:59", "lena", "base", "weeknights", None,
     "Tue 2026-11-10 17:00 +01", "Wed 2026-11-11 00:00 +01"),
    ("2026-11-11 12:00", "marta", "holiday", "holidays", "National Independence Day",
     "Wed 2026-11-11 00:00 +01", "Thu 2026-11-12 00:00 +01"),
    ("2026-11-12 00:00", "lena", "base", "weeknights", None,
     "Thu 2026-11-12 00:00 +01", "Thu 2026-11-12 09:00 +01"),
    # Easter Monday 2027 (the day after the clocks went forward).
    ("2027-03-29 03:00", "marta", "holiday", "holidays", "Easter Monday",
     "Mon 2027-03-29 00:00 +02", "Tue 2027-03-30 00:00 +02"),
    # Christmas Eve is a public holiday in Poland since 2025; in 2024 it was an ordinary Tuesday.
    ("2026-12-24 10:00", "zofia", "holiday", "holidays", "Christmas Eve",
     "Thu 2026-12-24 00:00 +01", "Fri 2026-12-25 00:00 +01"),
    ("2024-12-24 10:00", "piotr", "base", "business-hours", None,
     "Tue 2024-12-24 09:00 +01", "Tue 2024-12-24 17:00 +01"),
    # Holidays on a weekend: the holiday layer wins over the weekend layer.
    ("2026-11-01 12:00", "zofia", "holiday", "holidays", "All Saints' Day",
     "Sun 2026-11-01 00:00 +01", "Mon 2026-11-02 00:00 +01"),
    ("2026-12-26 14:00", "zofia", "holiday", "holidays", "Second Day of Christmas",
     "Sat 2026-12-26 00:00 +01", "Sun 2026-12-27 00:00 +01"),
    ("2026-12-27 14:00", "tomasz", "weekend", "weekend", None,
     "Sun 2026-12-27 00:00 +01", "Mon 2026-12-28 09:00 +01"),
    ("2027-12-25 10:00", "zofia", "holiday", "holidays", "Christmas Day",
     "Sat 2027-12-25 00:00 +01", "Sun 2027-12-26 00:00 +01"),
    # The year boundary: a company day off, then New Year's Day, then the weekend.
    ("2026-12-31 23:30", "marta", "holiday", "holidays", "Company day off",
     "Thu 2026-12-31 00:00 +01", "Fri 2027-01-01 00:00 +01"),
    ("2027-01-01 00:30", "zofia", "holiday", "holidays", "New Year's Day",
     "Fri 2027-01-01 00:00 +01", "Sat 2027-01-02 00:00 +01"),
    ("2027-01-02 12:00", "ewa", "weekend", "weekend", None,
     "Sat 2027-01-02 00:00 +01", "Mon 2027-01-04 09:00 +01"),
]


@pytest.mark.parametrize(("when", "person", "kind", "name", "holiday", "start", "end"), BRAND_TABLE)
def test_brand_schedule(when, person, kind, name, holiday, start, end):
    on_call = who_is_on_call(brand(), at(when))
    answer = (on_call.person, on_call.layer_kind, on_call.layer_name, on_call.holiday_name)
    assert answer == (person, kind, name, holiday)
    assert (wall(on_call.start), wall(on_call.end)) == (start, end)


def test_holiday_turns_continue_across_the_year_boundary():
    days = ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31", "2027-01-01", "2027-01-06"]
    people = [who_is_on_call(brand(), at(f"{day} 12:00")).person for day in days]
    assert people == ["zofia", "marta", "zofia", "marta", "zofia", "marta"]


def test_holidays_covered_by_the_weekend_layer():
    schedule = brand(layers=brand().layers[:3], holidays_use_weekend_layer=True)
    easter_monday = who_is_on_call(schedule, at("2027-03-29 12:00"))
    answer = (easter_monday.person, easter_monday.layer_kind, easter_monday.holiday_name)
    assert answer == ("ewa", "weekend", "Easter Monday")
    # The weekend turn runs Fri 17:00 -> Fri 17:00, so the same person has the weekend and the Monday after it.
    assert who_is_on_call(schedule, at("2027-03-27 12:00")).person == "ewa"
    assert (wall(easter_monday.start), wall(easter_monday.end)) == \
        ("Mon 2027-03-29 00:00 +02", "Tue 2027-03-30 00:00 +02")


def test_without_a_holiday_layer_the_base_layer_answers_on_a_holiday_and_the_holiday_is_named():
    schedule = brand(layers=brand().layers[:3])
    on_call = who_is_on_call(schedule, at("2026-11-11 10:00"))
    assert (on_call.layer_name, on_call.holiday_name) == ("business-hours", "National Independence Day")


def test_holiday_window_can_follow_the_business_handoff():
    rule = HolidayRule("PL", starts=time(9), ends=time(9))
    holidays = layer("holidays", ["marta", "zofia"], timedelta(days=1), "09:00", "2026-01-01", "holiday")
    schedule = brand(holidays=rule, layers=(*brand().layers[:3], holidays))
    on_call = who_is_on_call(schedule, at("2026-11-12 08:00"))
    assert (on_call.layer_kind, wall(on_call.start), wall(on_call.end)) == \
        ("holiday", "Wed 2026-11-11 09:00 +01", "Thu 2026-11-12 09:00 +01")
    assert who_is_on_call(schedule, at("2026-11-11 08:00")).layer_name == "weeknights"


def test_holiday_layer_hands_off_at_its_own_time_even_inside_a_holiday_window():
    # A 09:00 -> 09:00 holiday with a rotation handing off at 00:00 is two turns: say so by the handoff time.
    schedule = brand(holidays=HolidayRule("PL", starts=time(9), ends=time(9)))
    shifts = resolve_shifts(schedule, at("2026-11-11 09:00"), at("2026-11-12 09:00"))
    assert [(wall(s.start), s.person) for s in shifts] == [("Wed 2026-11-11 09:00 +01", "zofia"),
                                                          ("Thu 2026-11-12 00:00 +01", "marta")]


@pytest.mark.parametrize(("subdivision", "kind", "holiday"), [
    ("CA", "holiday", "Cesar Chavez Day"),  # 2026-03-31, a California state holiday
    (None, "base", None),
])
def test_country_with_a_subdivision(subdivision, kind, holiday):
    schedule = Schedule("us", NEW_YORK, (
        layer("days", ["amy", "bob"], timedelta(days=1), "09:00", "2026-01-05"),
        layer("holidays", ["cy"], timedelta(days=1), "00:00", "2026-01-01", "holiday"),
    ), holidays=HolidayRule("US", subdivision))
    on_call = who_is_on_call(schedule, at("2026-03-31 12:00", NEW_YORK))
    assert (on_call.layer_kind, on_call.holiday_name) == (kind, holiday)


def test_within_one_kind_the_first_listed_layer_answers():
    first = layer("first", ["a"], timedelta(days=1), "09:00", "2026-01-05")
    second = layer("second", ["b"], timedelta(days=1), "09:00", "2026-01-05")
    assert who_is_on_call(Schedule("s", "UTC", (first, second)), at("2026-06-01 12:00")).person == "a"
    assert who_is_on_call(Schedule("s", "UTC", (second, first)), at("2026-06-01 12:00")).person == "b"


def test_weekly_restriction_friday_evening_to_monday_morning_on_a_base_layer():
    weekend_base = layer("weekend-base", ["w"], timedelta(weeks=1), "17:00", "2026-01-02",
                         restrictions=brand().weekend)
    schedule = Schedule("s", "Europe/Warsaw", (weekend_base,))
    assert who_is_on_call(schedule, at("2026-11-28 03:00")).person == "w"
    assert who_is_on_call(schedule, at("2026-11-27 16:00")).person is None


def test_override_crossing_a_handoff_takes_over_both_sides():
    cover = Override("marta", at("2026-11-27 15:00"), at("2026-11-28 03:00"), "swap")
    shifts = resolve_shifts(brand(), at("2026-11-27 09:00"), at("2026-11-30 09:00"), [cover])
    assert [(wall(s.start), s.person, s.layer_kind) for s in shifts] == [
        ("Fri 2026-11-27 09:00 +01", "anna", "base"),
        ("Fri 2026-11-27 15:00 +01", "marta", "override"),
        ("Sat 2026-11-28 03:00 +01", "jakub", "weekend"),
    ]
    on_call = who_is_on_call(brand(), at("2026-11-27 17:30"), [cover])
    assert (on_call.person, wall(on_call.start), wall(on_call.end)) == \
        ("marta", "Fri 2026-11-27 15:00 +01", "Sat 2026-11-28 03:00 +01")


def test_later_override_wins_and_config_overrides_come_first():
    from_config = Override("marta", at("2026-11-28 00:00"), at("2026-11-29 00:00"))
    from_slack = Override("olek", at("2026-11-28 10:00"), at("2026-11-28 12:00"))
    schedule = brand(overrides=(from_config,))
    people = [who_is_on_call(schedule, at(f"2026-11-28 {hour}"), [from_slack]).person
              for hour in ("09:00", "11:00", "12:00")]
    assert people == ["marta", "olek", "marta"]


def test_override_on_a_holiday_keeps_the_holiday_name():
    cover = Override("olek", at("2026-11-11 08:00"), at("2026-11-11 20:00"))
    on_call = who_is_on_call(brand(), at("2026-11-11 12:00"), [cover])
    assert (on_call.person, on_call.layer_kind) == ("olek", "override")
    assert on_call.holiday_name == "National Independence Day"


def test_nobody_on_call_outside_every_layer():
    schedule = Schedule("office", "Europe/Warsaw",
                        (layer("office", ["a", "b"], timedelta(days=1), "09:00", "2026-01-05",
                               restrictions=daily(range(5), "09:00", "17:00")),))
    gap = who_is_on_call(schedule, at("2026-11-28 03:00"))
    assert (gap.person, gap.layer_kind) == (None, None)
    assert (wall(gap.start), wall(gap.end)) == ("Fri 2026-11-27 17:00 +01", "Mon 2026-11-30 09:00 +01")


def test_christmas_eve_is_named_in_2025_but_not_in_2024():
    names = {shift.holiday_name for shift in resolve_shifts(brand(), at("2024-12-24 00:00"), at("2024-12-25 00:00"))}
    assert names == {None}
    assert who_is_on_call(brand(), at("2025-12-24 12:00")).holiday_name == "Christmas Eve"
