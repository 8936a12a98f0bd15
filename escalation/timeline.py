"""The incident's timeline: every step, in order, with who did it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import TimelineEvent

SYSTEM = "crisisdesk"


def record(session: Session, incident_id: int, now: datetime, kind: str, text: str, *, actor: str = SYSTEM,
           data: dict | None = None) -> TimelineEvent:
    """Append one event to an incident's timeline."""
    event = TimelineEvent(incident_id=incident_id, at=now, actor=actor, kind=kind, text=text, data=data or {})
    session.add(event)
    return event


def events(session: Session, incident_id: int) -> list[TimelineEvent]:
    """The incident's timeline, oldest first."""
    query = select(TimelineEvent).where(TimelineEvent.incident_id == incident_id)
    return list(session.scalars(query.order_by(TimelineEvent.at, TimelineEvent.id)))
