"""The iCalendar feed parses back with `icalendar` into exactly the shifts `schedule show` lists."""
from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from escalation.schedules import Override, resolve_shifts, shifts_to_ical
from escalation.schedules.ical import summary
from tests.schedules.sample import at, brand


def read_back(data: bytes) -> list[tuple]:
    calendar = Calendar.from_ical(data)
    rows = []
    for event in calendar.walk("VEVENT"):
        kind = str(event["CATEGORIES"].cats[0])
        rows.append((event.decoded("DTSTART"), event.decoded("DTEND"),
                     str(event["X-CRISISDESK-PERSON"]) if "X-CRISISDESK-PERSON" in event else None,
                     None if kind == "gap" else kind,
                     str(event["X-CRISISDESK-LAYER"]) if "X-CRISISDESK-LAYER" in event else None,
                     str(event["X-CRISISDESK-HOLIDAY"]) if "X-CRISISDESK-HOLIDAY" in event else None))
    return rows


def test_ics_round_trip_matches_the_resolved_shifts():
    cover = Override("olek", at("2026-12-22 12:00"), at("2026-12-22 20:00"))
    shifts = resolve_shifts(brand(), at("2026-12-21 00:00"), at("2027-01-04 00:00"), [cover])
    data = shifts_to_ical("brand", shifts)
    expected = [(s.start, s.end, s.person, s.layer_kind and str(s.layer_kind), s.layer_name, s.holiday_name)
                for s in shifts]
    assert read_back(data) == expected
    assert Calendar.from_ical(data)["X-WR-CALNAME"] == "On call: brand"


def test_ics_times_are_utc_and_uids_are_unique_and_stable():
    shifts = resolve_shifts(brand(), at("2026-03-23 00:00"), at("2026-04-06 00:00"))  # over the clock change
    first, second = shifts_to_ical("brand", shifts), shifts_to_ical("brand", shifts)
    assert first == second
    events = Calendar.from_ical(first).walk("VEVENT")
    assert all(event.decoded("DTSTART").utcoffset() == timedelta(0) for event in events)
    assert b"DTSTART:20260327T160000Z" in first  # Friday 17:00 +01, before the change
    assert b"DTSTART:20260330T070000Z" in first  # Monday 09:00 +02, after it
    assert len({str(event["UID"]) for event in events}) == len(events) == len(shifts)


def test_gaps_can_be_left_out():
    shifts = resolve_shifts(brand(layers=brand().layers[:1]), at("2026-11-23 00:00"), at("2026-11-24 00:00"))
    with_gaps = Calendar.from_ical(shifts_to_ical("brand", shifts)).walk("VEVENT")
    without = Calendar.from_ical(shifts_to_ical("brand", shifts, include_gaps=False)).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in with_gaps] == ["Nobody on call", "kasia on call", "Nobody on call"]
    assert [str(event["SUMMARY"]) for event in without] == ["kasia on call"]


def test_summaries_mark_weekend_and_holiday_shifts():
    shifts = resolve_shifts(brand(), at("2026-11-10 20:00"), at("2026-11-14 12:00"))
    assert [summary(shift) for shift in shifts] == [
        "lena on call", "marta on call (holiday: National Independence Day)", "lena on call", "piotr on call",
        "lena on call", "kasia on call", "tomasz on call (weekend)",
    ]
