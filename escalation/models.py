"""The tables the core advances: incidents, alerts, timeline, escalation state, pages, outbox."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from escalation.base import Base

TRIGGERED, ACKNOWLEDGED, RESOLVED = "triggered", "acknowledged", "resolved"


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    group_key: Mapped[str] = mapped_column(String(255))
    # Set while the incident is open and cleared on resolve: the unique index makes two concurrent
    # deliveries of the same alert attach to one incident instead of opening two.
    open_key: Mapped[str | None] = mapped_column(String(330), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[int]
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

    alerts: Mapped[list[Alert]] = relationship(back_populates="incident", order_by="Alert.id")

    @property
    def is_open(self) -> bool:
        return self.status != RESOLVED


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("incident_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    repeats: Mapped[int] = mapped_column(default=0)
    raw: Mapped[dict] = mapped_column(default=dict)

    incident: Mapped[Incident] = relationship(back_populates="alerts")


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


class EscalationState(Base):
    """Where an incident's escalation stands; the engine advances rows whose next_action_at is due."""

    __tablename__ = "escalation_states"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    policy_name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    round: Mapped[int] = mapped_column(default=0)  # bumped when an acknowledged incident re-escalates
    loop: Mapped[int] = mapped_column(default=0)  # which repeat of the policy
    level: Mapped[int] = mapped_column(default=0)
    level_paged: Mapped[bool] = mapped_column(default=False)
    level_paged_at: Mapped[datetime | None]
    reminders_sent: Mapped[int] = mapped_column(default=0)
    next_reminder_at: Mapped[datetime | None]
    escalate_at: Mapped[datetime | None]
    next_action_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime]

    def stop(self, now: datetime) -> None:
        """No more steps: acknowledged, resolved, or the policy ran out."""
        self.active, self.next_action_at, self.updated_at = False, None, now


class Page(Base):
    """One person paged (or reminded) at one level; the DM's channel and ts arrive when it is delivered."""

    __tablename__ = "pages"
    __table_args__ = (
        UniqueConstraint("incident_id", "round", "loop", "level", "seq", "person_key", name="uq_pages_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    round: Mapped[int]
    loop: Mapped[int]
    level: Mapped[int]
    seq: Mapped[int]  # 0 is the page, 1.. are reminders
    person_key: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    dm_channel: Mapped[str | None] = mapped_column(String(32))
    dm_ts: Mapped[str | None] = mapped_column(String(32))
    delivered_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """A Slack side effect waiting to happen. Rows of one lane are delivered in id order."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"), Index("ix_outbox_lane", "lane", "status", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    lane: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    payload: Mapped[dict] = mapped_column(default=dict)
    dedup_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    result: Mapped[dict] = mapped_column(default=dict)


class SlackUserLookup(Base):
    """Email -> Slack user id, looked up once (users.lookupByEmail is rate limited)."""

    __tablename__ = "slack_user_lookups"

    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(String(32))
    looked_up_at: Mapped[datetime]


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
