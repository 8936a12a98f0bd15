"""Properties over random schedules: shifts tile any window, answers agree everywhere and with an oracle."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from escalation.schedules import (
    HolidayRule,
    Layer,
    LayerKind,
    Override,
    Restriction,
    Rotation,
    Schedule,
    find_gaps,
    hours_per_person,
    resolve_shifts,
    shifts_to_ical,
    who_is_on_call,
)
from escalation.schedules.cache import ShiftCache
from escalation.schedules.clock import local, to_utc
from tests.schedules import oracle

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ZONES = ["UTC", "Europe/Warsaw", "America/New_York"]
HOLIDAY_RULES = [
    None,
    HolidayRule("PL"),
    HolidayRule("PL", days_off=((date(2026, 7, 7), "Summer day off"), (date(2026, 12, 31), "Company day off"))),
    HolidayRule("US", "CA", starts=time(9), ends=time(9)),
    HolidayRule(None, days_off=((date(2026, 3, 29), "Day off"), (date(2026, 11, 1), "Day off"))),
]
WEEKENDS = [(Restriction(5, time(0), 0, time(0)),), (Restriction(4, time(17), 0, time(9)),),
            (Restriction(4, time(0), 6, time(0)),)]
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

windows = st.builds(lambda day, start, length: Restriction(day, time(start), (day + (start + length) // 24) % 7,
                                                           time((start + length) % 24)),
                    st.integers(0, 6), st.integers(0, 23), st.integers(1, 100))


@st.composite
def schedules(draw) -> Schedule:
    holidays = draw(st.sampled_from(HOLIDAY_RULES))
    kinds = ["base", "base", "weekend"] + (["holiday"] if holidays else [])
    layers = []
    for number in range(draw(st.integers(1, 4))):
        rotation = Rotation(
            tuple(draw(st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=5))),
            timedelta(hours=draw(st.sampled_from([1, 5, 8, 12, 24, 24, 30, 48, 168, 336]))),
            time(draw(st.integers(0, 23))),
            date(2026, 1, 1) + timedelta(days=draw(st.integers(-60, 300))),
        )
        restrictions = tuple(draw(st.lists(windows, max_size=2)))
        layers.append(Layer(f"layer-{number}", LayerKind(draw(st.sampled_from(kinds))), rotation, restrictions))
    return Schedule("random", draw(st.sampled_from(ZONES)), tuple(layers), weekend=draw(st.sampled_from(WEEKENDS)),
                    holidays=holidays, holidays_use_weekend_layer=bool(holidays) and draw(st.booleans()))


instants = st.integers(0, 500 * 24).map(lambda hour: EPOCH + timedelta(hours=hour, minutes=0))
some_instants = st.integers(0, 500 * 24 * 60).map(lambda minute: EPOCH + timedelta(minutes=minute))
lengths = st.integers(1, 21 * 24).map(lambda hours: timedelta(hours=hours))
overrides = st.lists(st.builds(lambda who, start, hours: Override(who, start, start + timedelta(hours=hours)),
                               st.sampled_from("xyz"), instants, st.integers(1, 72)), max_size=3)


@SETTINGS
@given(schedules(), some_instants, lengths, overrides)
def test_shifts_tile_the_window_with_no_gap_and_no_overlap(schedule, start, length, extra):
    shifts = resolve_shifts(schedule, start, start + length, extra)
    assert shifts[0].start == start and shifts[-1].end == start + length
    assert all(shift.start < shift.end for shift in shifts)
    assert all(before.end == after.start for before, after in zip(shifts, shifts[1:], strict=False))
    assert all(shift.start.utcoffset() == timedelta(0) for shift in shifts)


@SETTINGS
@given(schedules(), some_instants, lengths, st.integers(0, 100), st.integers(0, 100), overrides)
def test_a_part_of_a_window_resolves_the_same_as_the_whole(schedule, start, length, cut_a, cut_b, extra):
    whole = resolve_shifts(schedule, start, start + length, extra)
    low, high = sorted((start + length * cut_a / 100, start + length * cut_b / 100))
    if low == high:
        return
    part = resolve_shifts(schedule, low, high, extra)
    clipped = [(max(s.start, low), min(s.end, high), s.person, s.layer_kind, s.layer_name, s.holiday_name)
               for s in whole if s.start < high and s.end > low]
    assert [(s.start, s.end, s.person, s.layer_kind, s.layer_name, s.holiday_name) for s in part] == clipped


@SETTINGS
@given(schedules(), some_instants, overrides)
def test_exactly_one_answer_and_it_is_the_shift_around_the_instant(schedule, at, extra):
    on_call = who_is_on_call(schedule, at, extra)
    assert on_call.start <= at < on_call.end
    shifts = resolve_shifts(schedule, on_call.start, on_call.end, extra)
    assert len(shifts) == 1  # the reported shift is one whole shift...
    before = resolve_shifts(schedule, on_call.start - timedelta(hours=1), on_call.end + timedelta(hours=1), extra)
    assert len(before) == 3 or on_call.end - on_call.start >= timedelta(days=400)  # ...and no bigger
    assert (shifts[0].person, shifts[0].layer_kind, shifts[0].layer_name, shifts[0].holiday_name) == \
        (on_call.person, on_call.layer_kind, on_call.layer_name, on_call.holiday_name)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules(), instants, overrides)
def test_who_is_on_call_agrees_with_a_literal_reading_of_the_rules(schedule, at, extra):
    wall = local(at, schedule.zone)
    if to_utc(wall, schedule.zone) != at:
        return  # the second pass of a repeated hour: the literal reading cannot tell it from the first
    on_call = who_is_on_call(schedule, at, extra)
    covering = [override for override in extra if override.start <= at < override.end]
    if covering:
        assert (on_call.person, on_call.layer_kind) == (covering[-1].person, "override")
    else:
        assert (on_call.person, on_call.layer_kind, on_call.layer_name) == oracle.answer(schedule, wall)
    assert on_call.holiday_name == oracle.holiday_at(schedule, wall)


@settings(max_examples=40, deadline=None)
@given(schedules(), some_instants, lengths, overrides)
def test_gaps_and_hours_account_for_the_whole_window(schedule, start, length, extra):
    gaps = find_gaps(schedule, start, start + length, extra)
    hours = hours_per_person(schedule, start, start + length, extra)
    covered = sum((tally.total for tally in hours.values()), timedelta(0))
    assert covered + sum((gap.end - gap.start for gap in gaps), timedelta(0)) == length
    assert all(before.end < after.start for before, after in zip(gaps, gaps[1:], strict=False))


@settings(max_examples=30, deadline=None)
@given(schedules(), some_instants, lengths)
def test_ics_parses_back_into_the_same_shifts(schedule, start, length):
    shifts = resolve_shifts(schedule, start, start + length)
    events = Calendar.from_ical(shifts_to_ical("random", shifts)).walk("VEVENT")
    assert [(event.decoded("DTSTART"), event.decoded("DTEND")) for event in events] == \
        [(shift.start, shift.end) for shift in shifts]
    assert [str(event.get("X-CRISISDESK-PERSON")) if "X-CRISISDESK-PERSON" in event else None for event in events] == \
        [shift.person for shift in shifts]


@SETTINGS
@given(schedules(), st.lists(some_instants, min_size=1, max_size=8), overrides)
def test_the_cache_of_resolved_weeks_answers_as_the_lookup_does(schedule, moments, extra):
    cache = ShiftCache(size=4)
    for at in moments:
        assert cache.on_call(schedule, at, tuple(extra)) == who_is_on_call(schedule, at, extra)
