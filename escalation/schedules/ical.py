"""Resolved shifts as an iCalendar (RFC 5545) feed: one event per shift, times in UTC."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event

from escalation.schedules.model import Shift

PRODID = "-//crisisdesk//on-call schedules//EN"


def shifts_to_ical(schedule_name: str, shifts: Iterable[Shift], *, stamp: datetime | None = None,
                   include_gaps: bool = True) -> bytes:
    """A VCALENDAR with a VEVENT per shift (gaps as `Nobody on call` unless left out).

    DTSTAMP is `stamp` when given, else the shift's start, so the same shifts always give the same bytes.
    UIDs are stable (schedule and start), so a calendar app updates an event when the person changes.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"On call: {schedule_name}")
    for shift in shifts:
        if shift.person is None and not include_gaps:
            continue
        calendar.add_component(_event(schedule_name, shift, stamp))
    return calendar.to_ical()


def _event(schedule_name: str, shift: Shift, stamp: datetime | None) -> Event:
    start, end = shift.start.astimezone(UTC), shift.end.astimezone(UTC)
    event = Event()
    event.add("uid", f"{schedule_name}-{start:%Y%m%dT%H%M%SZ}@crisisdesk")
    event.add("dtstamp", (stamp or start).astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary(shift))
    event.add("categories", [str(shift.layer_kind or "gap")])
    event.add("transp", "OPAQUE" if shift.person else "TRANSPARENT")
    if shift.person:
        event.add("x-crisisdesk-person", shift.person)
    if shift.layer_name:
        event.add("x-crisisdesk-layer", shift.layer_name)
    if shift.holiday_name:
        event.add("x-crisisdesk-holiday", shift.holiday_name)
    return event


def summary(shift: Shift) -> str:
    """`anna on call (weekend)`, `bartek on call (holiday: Easter Monday)`, `Nobody on call`."""
    who = f"{shift.person} on call" if shift.person else "Nobody on call"
    marks = [str(shift.layer_kind)] if shift.layer_kind and shift.layer_kind != "base" else []
    if shift.holiday_name:
        marks = [mark for mark in marks if mark != "holiday"] + [f"holiday: {shift.holiday_name}"]
    return f"{who} ({', '.join(marks)})" if marks else who
