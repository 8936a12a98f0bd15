"""One person's view ahead: who is on call now and next, and their own next weekend or holiday shift."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from escalation.schedules.model import Handoff, LayerKind, OnCall, Schedule, Shift
from escalation.schedules.resolve import resolve_shifts
from escalation.schedules.store import HORIZON, answer, stored_overrides

LOOK_AHEAD = timedelta(days=92)  # how far the next weekend or holiday shift is looked for


@dataclass(frozen=True)
class Ahead:
    schedule: str
    timezone: str
    on_call: OnCall
    handoff: Handoff | None


def on_call_ahead(session: Session, schedules: list[Schedule], now: datetime) -> list[Ahead]:
    """Each schedule's person on call at `now` and the next handoff (stored overrides included)."""
    return [Ahead(s.name, s.timezone, *answer(session, s, now)) for s in schedules]


def is_weekend_or_holiday(shift: Shift, tz: str) -> bool:
    """A shift in a weekend or holiday layer, on a holiday, or touching a Saturday or Sunday where it is worked."""
    if shift.layer_kind in (LayerKind.WEEKEND, LayerKind.HOLIDAY) or shift.holiday_name:
        return True
    zone = ZoneInfo(tz)
    day, last = shift.start.astimezone(zone).date(), (shift.end - timedelta(microseconds=1)).astimezone(zone).date()
    while day <= last:
        if day.weekday() >= 5:
            return True
        day += timedelta(days=1)
    return False


def next_weekend_shift(session: Session, schedules: list[Schedule], person: str,
                       now: datetime) -> tuple[str, Shift] | None:
    """The person's soonest weekend or holiday shift not yet over at `now` (the current one counts), any schedule."""
    found: list[tuple[datetime, str, Shift]] = []
    for schedule in schedules:
        overrides = stored_overrides(session, schedule.name, now - HORIZON)
        for shift in resolve_shifts(schedule, now, now + LOOK_AHEAD, overrides):
            if shift.person == person and shift.end > now and is_weekend_or_holiday(shift, schedule.timezone):
                found.append((shift.start, schedule.name, shift))
                break
    if not found:
        return None
    _, name, shift = min(found, key=lambda f: f[0])
    return name, shift
