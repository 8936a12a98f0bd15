"""The incident and the alerts grouped into it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from escalation.base import Base

TRIGGERED, ACKNOWLEDGED, RESOLVED = "triggered", "acknowledged", "resolved"
# A signal-opened incident a person has not yet judged: only the first level is paged (escalation/incidents/triage.py).
TRIAGE = "triage"
# Group keys, open keys and fingerprints longer than these are stored fitted (escalation/keys.py).
KEY_LENGTH, OPEN_KEY_LENGTH = 255, 330


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    group_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    # Set while the incident is open and cleared on resolve: the unique index makes two concurrent
    # deliveries of the same alert attach to one incident instead of opening two.
    open_key: Mapped[str | None] = mapped_column(String(OPEN_KEY_LENGTH), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[int]
    # Who set the severity with `/crisis severity` (a Slack user id); while None it follows the worst alert.
    severity_set_by: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=TRIGGERED)
    policy_name: Mapped[str | None] = mapped_column(String(100))
    labels: Mapped[dict] = mapped_column(default=dict)
    links: Mapped[list] = mapped_column(default=list)
    channel_name: Mapped[str | None] = mapped_column(String(80))
    channel_id: Mapped[str | None] = mapped_column(String(32), index=True)
    summary_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(Text)
    crisis_type: Mapped[str | None] = mapped_column(String(64))
    # Room roles hold Slack user ids; they show in the pinned summary and steer reminders.
    commander: Mapped[str | None] = mapped_column(String(64))
    comms: Mapped[str | None] = mapped_column(String(64))
    approver: Mapped[str | None] = mapped_column(String(64))
    last_update_at: Mapped[datetime | None]  # the last `/crisis update`
    first_public_reply_at: Mapped[datetime | None]  # the first use of a template tagged public
    # Set for an incident a drill opened: labelled DRILL everywhere and kept out of real statistics and reviews.
    drill_run_id: Mapped[int | None] = mapped_column(ForeignKey("drill_runs.id"), index=True)

    alerts: Mapped[list[Alert]] = relationship(back_populates="incident", order_by="Alert.id")

    @property
    def is_open(self) -> bool:
        return self.status != RESOLVED


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("incident_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(KEY_LENGTH))
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    repeats: Mapped[int] = mapped_column(default=0)
    raw: Mapped[dict] = mapped_column(default=dict)

    incident: Mapped[Incident] = relationship(back_populates="alerts")


class AlertJoin(Base):
    """An alert that joined an open incident, or fired in it again, not yet announced in the incident's channel
    (escalation/room/joins.py gathers them, at most one message a minute per incident)."""

    __tablename__ = "alert_joins"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[int]
    again: Mapped[bool] = mapped_column(default=False)  # fired again after resolving
    raised_from: Mapped[int | None]  # the incident's severity before this alert raised it
    at: Mapped[datetime]
    announced_at: Mapped[datetime | None]  # kept a minute after, so the next message waits out the minute
