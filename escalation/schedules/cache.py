"""Who is on call, answered from shifts resolved once per schedule, set of overrides and week.

Resolving shifts is the expensive part of a lookup; escalation asks the same schedule again and again (every
level, reminder and incident in a storm). A week of shifts is resolved on first use and then searched by bisect;
a schedule object belongs to one loaded config, so a new config never reads an old config's shifts.
"""
from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from escalation.schedules.clock import require_aware
from escalation.schedules.model import OnCall, Override, Schedule, Shift
from escalation.schedules.oncall import who_is_on_call
from escalation.schedules.resolve import resolve_shifts

WEEK = timedelta(days=7)
MARGIN = timedelta(days=21)  # resolved either side of the week, so shifts up to three weeks long are whole
EPOCH = datetime(2026, 1, 5, tzinfo=UTC)


@dataclass(frozen=True)
class Week:
    schedule: Schedule  # held, so its id is never reused by another schedule while the entry lives
    shifts: tuple[Shift, ...]
    starts: tuple[datetime, ...]

    def at(self, at: datetime) -> Shift | None:
        """The whole shift around `at`, or None when it may run past what was resolved."""
        index = bisect_right(self.starts, at) - 1
        if index <= 0 or index >= len(self.shifts) - 1:  # the first and last may be cut by the window
            return None
        shift = self.shifts[index]
        return shift if shift.start <= at < shift.end else None


class ShiftCache:
    def __init__(self, size: int = 512):
        self._size = size
        self._weeks: OrderedDict[tuple[int, tuple[Override, ...], datetime], Week] = OrderedDict()
        self._lock = threading.Lock()

    def on_call(self, schedule: Schedule, at: datetime, overrides: tuple[Override, ...] = ()) -> OnCall:
        """The same answer as `who_is_on_call(schedule, at, overrides)`."""
        require_aware(at)
        at = at.astimezone(UTC)
        start = EPOCH + ((at - EPOCH) // WEEK) * WEEK
        key = (id(schedule), overrides, start)
        with self._lock:
            week = self._weeks.get(key)
            if week is not None and week.schedule is schedule:
                self._weeks.move_to_end(key)
            else:
                week = None
        if week is None:
            shifts = tuple(resolve_shifts(schedule, start - MARGIN, start + WEEK + MARGIN, overrides))
            week = Week(schedule, shifts, tuple(s.start for s in shifts))
            with self._lock:
                self._weeks[key] = week
                while len(self._weeks) > self._size:
                    self._weeks.popitem(last=False)
        shift = week.at(at)
        return OnCall.of(shift) if shift is not None else who_is_on_call(schedule, at, overrides)


SHIFTS = ShiftCache()
