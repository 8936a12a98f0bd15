"""On-call lookups against the database: config schedules plus the overrides added from Slack."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import schedules as sched
from escalation.schedules.cache import SHIFTS
from escalation.schedules.models import ScheduleOverride

# Overrides further back than this no longer change any answer the bot gives.
HORIZON = timedelta(days=400)


class Refused(Exception):
    """A request that cannot be done as written; the message says how to write it."""


def stored_overrides(session: Session, schedule: str, since: datetime) -> tuple[sched.Override, ...]:
    """Overrides of `schedule` that end after `since`, oldest first (a later one wins where they overlap)."""
    rows = session.scalars(select(ScheduleOverride).where(ScheduleOverride.schedule == schedule,
                                                          ScheduleOverride.ends_at > since)
                           .order_by(ScheduleOverride.id))
    return tuple(sched.Override(r.person_key, r.starts_at, r.ends_at, r.note) for r in rows)


def add_override(session: Session, schedule: str, person: str, start: datetime, end: datetime, actor: str,
                 now: datetime, note: str | None = None) -> ScheduleOverride:
    if end <= start:
        raise ValueError("the override must end after it starts")
    row = ScheduleOverride(schedule=schedule, person_key=person, starts_at=start, ends_at=end, created_by=actor,
                           created_at=now, note=note)
    session.add(row)
    return row


def current_overrides(session: Session, schedules: list[str], now: datetime) -> list[ScheduleOverride]:
    """The stored overrides of these schedules not yet over at `now`, soonest first (`/crisis override list`)."""
    return list(session.scalars(select(ScheduleOverride).where(ScheduleOverride.schedule.in_(schedules),
                                                               ScheduleOverride.ends_at > now)
                                .order_by(ScheduleOverride.starts_at, ScheduleOverride.id)))


def remove_override(session: Session, row: ScheduleOverride) -> None:
    """Delete a stored override: on-call answers go back to the rotation at once."""
    session.delete(row)


def lookup(session: Session, schedules: dict[str, sched.Schedule]):
    """A `(schedule name, instant) -> person key or None` function for the engine, overrides included.

    Made once per transaction: each schedule's stored overrides are read once in it, and the shifts come from
    the shared cache of resolved weeks."""
    overrides: dict[str, tuple[sched.Override, ...]] = {}

    def on_call(name: str, at: datetime) -> str | None:
        schedule = schedules.get(name)
        if schedule is None:
            return None
        if name not in overrides:
            overrides[name] = stored_overrides(session, name, at - HORIZON)
        return SHIFTS.on_call(schedule, at, overrides[name]).person
    return on_call


def answer(session: Session, schedule: sched.Schedule, at: datetime) -> tuple[sched.OnCall, sched.Handoff | None]:
    """Who is on call at `at`, and the next handoff after it (`/crisis oncall`)."""
    overrides = stored_overrides(session, schedule.name, at - HORIZON)
    return sched.who_is_on_call(schedule, at, overrides), sched.next_handoff(schedule, at, overrides)


def policies_using(policies: dict, schedule: str) -> list[str]:
    """Names of the policies with a level that pages this schedule, as `brand-crisis (level 1)`."""
    found = []
    for policy in policies.values():
        for number, level in enumerate(policy.levels, start=1):
            if schedule in level.targets.schedules:
                found.append(f"{policy.name} (level {number})")
    return found
