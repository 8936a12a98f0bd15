"""Overrides added from Slack and the shift notices already queued."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from escalation.base import Base


class ScheduleOverride(Base):
    """An override added from Slack (`/crisis override`); config overrides stay in the config."""

    __tablename__ = "schedule_overrides"
    __table_args__ = (Index("ix_overrides_schedule_end", "schedule", "ends_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule: Mapped[str] = mapped_column(String(100))
    person_key: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)


class ShiftNoticeSent(Base):
    """One row per shift notice queued, so a notice goes out once however often the worker looks."""

    __tablename__ = "shift_notices"
    __table_args__ = (UniqueConstraint("schedule", "person_key", "shift_start", name="uq_shift_notices_shift"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule: Mapped[str] = mapped_column(String(100))
    person_key: Mapped[str] = mapped_column(String(100))
    shift_start: Mapped[datetime]
    queued_at: Mapped[datetime]
