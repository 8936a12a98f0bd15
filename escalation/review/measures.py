"""What the review measures against the plan: each target met or missed (acknowledge, first public reply, the
status-update rhythm), the triage decisions, and the playbook steps left open. Pure, from plain values; `load`
reads them in the caller's transaction."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.incidents import Incident
from escalation.review.service import Event
from escalation.room import PlaybookStep
from escalation.signals import Course

UPDATE_KINDS = ("status_update",)  # `/crisis update`: what stakeholders read


@dataclass(frozen=True)
class Targets:
    """Per severity; a severity absent or None has no target."""

    acknowledge_within: Mapping[int, timedelta | None]
    first_public_reply_within: Mapping[int, timedelta | None]
    status_update_every: Mapping[int, timedelta | None]


@dataclass(frozen=True)
class Target:
    took: timedelta | None  # None: not (yet) done
    within: timedelta | None  # None: no target
    final: bool  # resolved, or the target already passed: what was not done is missed

    @property
    def met(self) -> bool | None:
        """True met, False missed, None not judged (no target, or still open and not yet late)."""
        if self.within is None:
            return None
        if self.took is not None:
            return self.took <= self.within
        return False if self.final else None


@dataclass(frozen=True)
class Rhythm:
    updates: int
    every: timedelta | None  # the severity's reminder interval; None: no target
    longest: timedelta  # the longest stretch without an update (from the opening to the last instant measured)

    @property
    def met(self) -> bool | None:
        return None if self.every is None else self.longest <= self.every


@dataclass(frozen=True)
class Decision:
    at: datetime
    actor: str
    decision: str  # crisis | customer_service | watch | lapsed
    took: timedelta  # from the opening


@dataclass(frozen=True)
class Measures:
    acknowledge: Target
    first_public_reply: Target
    rhythm: Rhythm
    triage: tuple[Decision, ...]
    open_steps: tuple[str, ...]
    course: Course | None = None  # a signal incident's topic from its trigger to the end


def rhythm(opened_at: datetime, until: datetime, updates: list[datetime], every: timedelta | None) -> Rhythm:
    """The longest silence between the opening, each update and `until` (the resolve, or the review's instant)."""
    marks = [opened_at, *sorted(t for t in updates if opened_at <= t <= until), until]
    longest = max((b - a for a, b in zip(marks, marks[1:], strict=False)), default=timedelta(0))
    return Rhythm(updates=len(updates), every=every, longest=longest)


def measure(incident: Incident, events: list[Event], targets: Targets, now: datetime,
            open_steps: tuple[str, ...] = (), course: Course | None = None) -> Measures:
    sev, opened, final = incident.severity, incident.created_at, incident.resolved_at is not None
    acked = incident.acknowledged_at - opened if incident.acknowledged_at else None
    replied = incident.first_public_reply_at - opened if incident.first_public_reply_at else None
    until = incident.resolved_at or now
    decisions = tuple(Decision(at=e.at, actor=e.actor, decision=str(e.data.get("decision")),
                               took=timedelta(seconds=int(e.data.get("seconds", 0))))
                      for e in events if e.kind == "triage")
    ack_within, reply_within = targets.acknowledge_within.get(sev), targets.first_public_reply_within.get(sev)
    return Measures(
        acknowledge=Target(acked, ack_within, final or (ack_within is not None and now - opened > ack_within)),
        first_public_reply=Target(replied, reply_within,
                                  final or (reply_within is not None and now - opened > reply_within)),
        rhythm=rhythm(opened, until, [e.at for e in events if e.kind in UPDATE_KINDS],
                      targets.status_update_every.get(sev)),
        triage=decisions, open_steps=open_steps, course=course)


def steps_left(session: Session, incident: Incident) -> tuple[str, ...]:
    """The playbook steps of the incident's crisis type not ticked, in order, in English when they have it."""
    rows = session.scalars(select(PlaybookStep).where(
        PlaybookStep.incident_id == incident.id, PlaybookStep.done_by.is_(None)).order_by(PlaybookStep.position))
    return tuple(f"{row.position}. {row.texts.get('en') or next(iter(row.texts.values()), '')}" for row in rows
                 if row.crisis_type == incident.crisis_type)


def load(session: Session, incident: Incident, events: list[Event], targets: Targets, now: datetime,
         course: Course | None = None) -> Measures:
    return measure(incident, events, targets, now, steps_left(session, incident), course)
