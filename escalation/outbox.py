"""Queueing Slack side effects as rows, so they survive restarts and are retried until delivered."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Index, String, Text, exists, or_, select, text, update
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column

from escalation.base import Base
from escalation.sql import chunks, insert, table_of

PENDING, SENT, DEAD, CANCELLED = "pending", "sent", "dead", "cancelled"
# A page reaches the person before any channel housekeeping; the channel mention follows it.
PRIORITY = {"dm_page": 0, "dm_page_now": 0, "dm_fallback": 0, "channel_page": 1, "channel_page_now": 1}
OTHER = 2


class OutboxMessage(Base):
    """A Slack side effect waiting to happen. Rows of one lane are delivered in id order."""

    __tablename__ = "outbox"
    # Pending rows by priority: what the worker claims next. Only pending rows are indexed, so the index stays
    # as small as the backlog however many rows were ever sent.
    __table_args__ = (Index("ix_outbox_pending", "priority", "id", sqlite_where=text("status = 'pending'"),
                            postgresql_where=text("status = 'pending'")),
                      Index("ix_outbox_lane", "lane", "status", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    lane: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    payload: Mapped[dict] = mapped_column(default=dict)
    dedup_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    priority: Mapped[int] = mapped_column(default=2)  # see PRIORITY: pages go first
    # Set when a worker claims the row, before it calls Slack with no transaction open; a row whose claim ran out
    # (the worker died mid-call) is claimed again.
    claimed_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    result: Mapped[dict] = mapped_column(default=dict)


TABLE = table_of(OutboxMessage)


def incident_lane(incident_id: int) -> str:
    """Channel work for one incident happens in order: create, topic, summary, pin, then posts."""
    return f"incident:{incident_id}"


def dm_lane(incident_id: int, person_key: str) -> str:
    """Each person's DMs have their own lane, so a stuck channel never holds back a page."""
    return f"dm:{incident_id}:{person_key}"


def enqueue(session: Session, now: datetime, *, kind: str, lane: str, incident_id: int | None = None,
            payload: dict | None = None, dedup_key: str | None = None) -> int | None:
    """Queue a side effect at once, so rows of a lane keep the order they were queued in. With a dedup_key that is
    queued already, queue nothing and return None: the unique index decides, not a look-up. Returns the row's id."""
    statement = insert(session, TABLE).values(
        row(now, kind=kind, lane=lane, incident_id=incident_id, payload=payload or {}, dedup_key=dedup_key))
    if dedup_key is not None:
        statement = statement.on_conflict_do_nothing(index_elements=["dedup_key"])
    return session.execute(statement.returning(TABLE.c.id)).scalar()


def row(now: datetime, **given) -> dict:
    """The values of a new outbox row."""
    values = {"incident_id": None, "payload": {}, "dedup_key": None, **given}
    return {**values, "status": PENDING, "priority": PRIORITY.get(values["kind"], OTHER), "attempts": 0,
            "next_attempt_at": now, "created_at": now, "result": {}, "claimed_until": None}


def post_in_channel(session: Session, now: datetime, incident_id: int, text: str, **payload) -> None:
    """Queue a plain message in the incident channel."""
    enqueue(session, now, kind="post_channel", lane=incident_lane(incident_id), incident_id=incident_id,
            payload={"text": text, **payload})


def enqueue_many(session: Session, now: datetime, rows: list[dict]) -> None:
    """Queue many side effects in one statement; a row whose dedup_key is queued already is skipped by the unique
    index, not by a look-up. Each row has kind, lane and optionally incident_id, payload, dedup_key."""
    if not rows:
        return
    values = [row(now, **given) for given in rows]
    for chunk in chunks(values):
        session.execute(insert(session, TABLE).on_conflict_do_nothing(
            index_elements=["dedup_key"]), list(chunk))


def claim(session: Session, now: datetime, limit: int, lease: timedelta) -> list[int]:
    """Claim up to `limit` rows due at `now`, pages first: each the oldest pending row of its lane, with no row of
    its lane in flight. Returns their ids in delivery order; the caller commits, then calls Slack with no
    transaction open, then records the outcome. A claim that runs out (a worker died) frees the row again."""
    earlier = aliased(OutboxMessage)
    behind = exists().where(earlier.lane == OutboxMessage.lane, earlier.status == PENDING,
                            earlier.id < OutboxMessage.id)
    heads = (select(OutboxMessage.id)
             .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now,
                    or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until <= now), ~behind)
             .order_by(OutboxMessage.priority, OutboxMessage.id).limit(limit)
             .with_for_update(skip_locked=True, of=OutboxMessage))
    ids = list(session.scalars(heads))
    if ids:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                        .values(claimed_until=now + lease, attempts=OutboxMessage.attempts + 1))
    return ids
