"""A schedule's shifts over whole local days, with the overrides stored from Slack: what `schedule show`,
`schedule ics` and the `.ics` feed list, so they agree with whom escalation pages."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from escalation import schedules as sched
from escalation.schedules.clock import local, to_utc
from escalation.schedules.store import HORIZON, stored_overrides

JUST_BEFORE = timedelta(microseconds=1)


def local_days(schedule: sched.Schedule, first: date, days: int) -> tuple[datetime, datetime]:
    """[first 00:00, first + days 00:00) in the schedule's zone, as UTC instants (23 or 25 h days included)."""
    return _midnight(schedule, first), _midnight(schedule, first + timedelta(days))


def _midnight(schedule: sched.Schedule, day: date) -> datetime:
    return to_utc(datetime.combine(day, time(0)), schedule.zone)


def today(schedule: sched.Schedule, now: datetime) -> date:
    """The date it is now on the schedule's local clock."""
    return local(now, schedule.zone).date()


def overrides_for(session: Session, schedule: sched.Schedule, start: datetime) -> tuple[sched.Override, ...]:
    # The same look-back as escalation's lookup, so a listing never disagrees with a page.
    return stored_overrides(session, schedule.name, start - HORIZON)


def whole_shifts(schedule: sched.Schedule, start: datetime, end: datetime,
                 overrides: tuple[sched.Override, ...]) -> list[sched.Shift]:
    """The shifts of [start, end), widened so the first and last person's shifts are whole.

    A listing that cut the night shift at midnight would show a shorter shift than anyone works, and an
    iCalendar event whose start moved with the window would get a new UID on every fetch. Gaps at the
    edges stay cut: a schedule with nobody on call for months would otherwise list all of them.
    """
    first = sched.who_is_on_call(schedule, start, overrides)
    last = sched.who_is_on_call(schedule, end - JUST_BEFORE, overrides)
    low = first.start if first.person is not None else start
    high = last.end if last.person is not None else end
    return sched.resolve_shifts(schedule, low, high, overrides)


def calendar_shifts(session: Session, schedule: sched.Schedule, first: date, days: int) -> list[sched.Shift]:
    """Whole shifts of `days` local days from `first`, stored overrides included."""
    start, end = local_days(schedule, first, days)
    return whole_shifts(schedule, start, end, overrides_for(session, schedule, start))


def calendar_ics(session: Session, schedule: sched.Schedule, now: datetime, days: int) -> bytes:
    """The iCalendar of `days` local days from today: the feed and `crisisdesk schedule ics`."""
    return sched.shifts_to_ical(schedule.name, calendar_shifts(session, schedule, today(schedule, now), days))
