"""Fairness: how many weekday, weekend and holiday hours each person is on call."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from escalation.schedules.clock import local, to_utc
from escalation.schedules.coverage import weekend_spans
from escalation.schedules.model import Override, Schedule
from escalation.schedules.resolve import resolve_shifts
from escalation.schedules.windows import intersect

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class PersonHours:
    """Time on call, split: holiday (any time on a holiday), weekend (the schedule's window), weekday (rest)."""

    weekday: timedelta = timedelta(0)
    weekend: timedelta = timedelta(0)
    holiday: timedelta = timedelta(0)

    @property
    def total(self) -> timedelta:
        return self.weekday + self.weekend + self.holiday

    def hours(self) -> tuple[float, float, float]:
        """(weekday, weekend, holiday) in hours."""
        return self.weekday / HOUR, self.weekend / HOUR, self.holiday / HOUR


def hours_per_person(schedule: Schedule, start: datetime, end: datetime,
                     overrides: Iterable[Override] = ()) -> dict[str, PersonHours]:
    """Each person's on-call time within [start, end), sorted by person key."""
    shifts = resolve_shifts(schedule, start, end, overrides)
    if not shifts:
        return {}
    totals: dict[str, list[timedelta]] = {}
    weekends = _weekend_instants(schedule, shifts[0].start, shifts[-1].end)
    for shift in shifts:
        if shift.person is None:
            continue
        bucket = totals.setdefault(shift.person, [timedelta(0)] * 3)
        if shift.holiday_name:
            bucket[2] += shift.duration
            continue
        weekend = sum((high - low for low, high in intersect([(shift.start, shift.end)], weekends)), timedelta(0))
        bucket[0] += shift.duration - weekend
        bucket[1] += weekend
    return {person: PersonHours(*totals[person]) for person in sorted(totals)}


def _weekend_instants(schedule: Schedule, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    zone = schedule.zone
    spans = weekend_spans(schedule, local(start, zone) - timedelta(days=1), local(end, zone) + timedelta(days=1))
    return [(to_utc(low, zone), to_utc(high, zone)) for low, high in spans]

