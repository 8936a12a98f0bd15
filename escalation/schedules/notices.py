"""Shift notices: the incoming person hears about a weekend or holiday shift a while before it starts."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from escalation.schedules.model import LayerKind, Override, Schedule, Shift
from escalation.schedules.resolve import resolve_shifts


@dataclass(frozen=True)
class ShiftNotice:
    """DM `shift.person` at `notify_at` about `shift`; (schedule, person, shift.start) identifies it."""

    notify_at: datetime
    shift: Shift


def shift_notices(schedule: Schedule, start: datetime, end: datetime,
                  overrides: Iterable[Override] = ()) -> list[ShiftNotice]:
    """Notices due in [start, end): weekend and holiday shifts starting one lead time later.

    A shift that only continues the same person's time on call (e.g. a weekend running into a holiday)
    gets no notice of its own.
    """
    lead = schedule.shift_notice
    if lead is None or end <= start:
        return []
    # From a minute before the first candidate start, so the shift before every candidate is known.
    shifts = resolve_shifts(schedule, start + lead - timedelta(minutes=1), end + lead, overrides)
    notices = []
    for before, shift in zip([None, *shifts], shifts, strict=False):
        if before is None or shift.person is None or before.person == shift.person:
            continue
        if not _special(shift) or not start <= shift.start - lead < end:
            continue
        notices.append(ShiftNotice(shift.start - lead, shift))
    return notices


def _special(shift: Shift) -> bool:
    return shift.holiday_name is not None or shift.layer_kind in (LayerKind.WEEKEND, LayerKind.HOLIDAY)
