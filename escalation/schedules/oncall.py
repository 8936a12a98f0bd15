"""Who is on call at an instant, and when that changes: the lookups escalation and `/crisis oncall` use."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from escalation.schedules.clock import require_aware
from escalation.schedules.model import Handoff, OnCall, Override, Schedule, Shift
from escalation.schedules.resolve import resolve_shifts

FIRST_LOOK = timedelta(days=2)
HORIZON = timedelta(days=400)  # how far a shift's ends (and the next handoff) are looked for


def who_is_on_call(schedule: Schedule, at: datetime, overrides: Iterable[Override] = ()) -> OnCall:
    """Who answers at `at` (person None: nobody), with the whole shift around it.

    A shift longer than the horizon (a gap in a schedule without layers) is reported cut at the horizon.
    """
    return OnCall.of(_shift_at(schedule, at, tuple(overrides)))


def next_handoff(schedule: Schedule, at: datetime, overrides: Iterable[Override] = ()) -> Handoff | None:
    """The first change of person after `at`, or None when there is none within the horizon."""
    overrides = tuple(overrides)
    current = _shift_at(schedule, at, overrides)
    cursor, step = current.end, FIRST_LOOK * 4
    while cursor < at + HORIZON:
        for shift in resolve_shifts(schedule, cursor, cursor + step, overrides):
            if shift.person != current.person:
                incoming = _shift_at(schedule, shift.start, overrides)
                return Handoff(shift.start, OnCall.of(current), OnCall.of(incoming))
        cursor, step = cursor + step, step * 2
    return None


def _shift_at(schedule: Schedule, at: datetime, overrides: tuple[Override, ...]) -> Shift:
    require_aware(at)
    at = at.astimezone(UTC)
    reach = FIRST_LOOK
    while True:
        shifts = resolve_shifts(schedule, at - reach, at + reach, overrides)
        shift = next(shift for shift in shifts if shift.start <= at < shift.end)
        cut = shift.start == at - reach or shift.end == at + reach
        if not cut or reach >= HORIZON:
            return shift
        reach = min(reach * 4, HORIZON)
