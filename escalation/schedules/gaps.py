"""Times nobody is on call: what `crisisdesk schedule check` reports."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from escalation.schedules.model import Gap, Override, Schedule
from escalation.schedules.resolve import resolve_shifts


def find_gaps(schedule: Schedule, start: datetime, end: datetime, overrides: Iterable[Override] = ()) -> list[Gap]:
    """Every stretch of [start, end) with nobody on call, with the holidays it falls on."""
    gaps: list[Gap] = []
    for shift in resolve_shifts(schedule, start, end, overrides):
        if shift.person is not None:
            continue
        names = (shift.holiday_name,) if shift.holiday_name else ()
        if gaps and gaps[-1].end == shift.start:
            last = gaps[-1]
            merged = last.holidays + tuple(name for name in names if name not in last.holidays)
            gaps[-1] = Gap(last.start, shift.end, merged)
        else:
            gaps.append(Gap(shift.start, shift.end, names))
    return gaps
