"""Tables for status-update reminders and response-time targets (issue: crisis room)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from escalation.base import Base


class IncidentReminder(Base):
    """Where one incident's reminders stand; the worker advances rows whose next time is due.

    The incident's own fields (severity, last status update, first public reply, status) may change under this
    row at any time; `severity` is the one the times were computed for, so a change is noticed at once."""

    __tablename__ = "incident_reminders"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    severity: Mapped[int]
    next_status_reminder_at: Mapped[datetime | None] = mapped_column(index=True)
    status_reminders_sent: Mapped[int] = mapped_column(default=0)
    last_status_reminder_at: Mapped[datetime | None]
    snoozed_at: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    snoozed_by: Mapped[str | None] = mapped_column(String(64))
    reply_warning_at: Mapped[datetime | None] = mapped_column(index=True)
    reply_warning_sent_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
