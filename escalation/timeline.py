"""The incident's timeline: every step, in order, with who did it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from escalation.base import Base
from escalation.rows import insert_rows
from escalation.sql import table_of

SYSTEM = "crisisdesk"


class TimelineEvent(Base):
    __tablename__ = "timeline_events"
    __table_args__ = (Index("ix_timeline_incident_at", "incident_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(default=dict)
    # Set for entries that must be added once only (a pinned message: "pin:C123:1700000000.000100").
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)


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


def record_many(session: Session, rows: list[dict]) -> None:
    """Append many events in one statement; each row has incident_id, at, kind, text and optionally actor, data,
    source_key. Intake's hot path: a new group of 100 alerts adds 99 events."""
    insert_rows(session, table_of(TimelineEvent),
                [{"actor": SYSTEM, "data": {}, "source_key": None, **row} for row in rows])
