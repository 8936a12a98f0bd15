"""Delivering the outbox: one due row per transaction, in lane order, retried until Slack takes it."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from bot.config.model import Config
from bot.outbox.delivery import Cancelled, Delivery, Kinds
from bot.slack.gateway import Failed, Retry, SlackGateway
from escalation import timeline
from escalation.incidents import Incident
from escalation.outbox import CANCELLED, DEAD, PENDING, SENT, OutboxMessage

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 30
MAX_BACKOFF = timedelta(minutes=5)


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s, ... capped at five minutes."""
    return min(timedelta(seconds=5 * 2 ** (attempts - 1)), MAX_BACKOFF)


def due_row(now: datetime):
    earlier = aliased(OutboxMessage)
    blocked = exists().where(and_(earlier.lane == OutboxMessage.lane, earlier.status == PENDING,
                                  earlier.id < OutboxMessage.id))
    return (select(OutboxMessage)
            .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now, ~blocked)
            .order_by(OutboxMessage.id).limit(1)
            .with_for_update(skip_locked=True, of=OutboxMessage))


def deliver_due(sessions: sessionmaker[Session], gateway: SlackGateway, config: Config, kinds: Kinds,
                now: datetime, limit: int = 500) -> int:
    """Deliver every row due at `now` (up to `limit`); returns how many were handled."""
    handled = 0
    while handled < limit:
        with sessions.begin() as session:
            row = session.scalar(due_row(now))
            if row is None:
                break
            attempt(session, gateway, config, kinds, row, now)
        handled += 1
    return handled


def attempt(session: Session, gateway: SlackGateway, config: Config, kinds: Kinds, row: OutboxMessage,
            now: datetime) -> None:
    incident = session.get(Incident, row.incident_id) if row.incident_id else None
    delivery = Delivery(session, gateway, config, row, incident, now)
    row.attempts += 1
    # No savepoint: what a delivery did before Slack failed mid-way (a channel created, the first parts of a
    # long timeline posted) must be kept, so the retry does not do it again.
    try:
        result = kinds.run[row.kind](delivery)
    except Cancelled as why:
        row.status, row.last_error = CANCELLED, str(why)
    except Retry as error:
        give_up_or_wait(session, row, str(error), error.after, now, kinds)
    except Failed as error:
        fail(session, row, str(error), now, kinds)
    except Exception as error:  # a bug must not wedge the lane forever: count it as an attempt
        log.exception("outbox row %s (%s) raised", row.id, row.kind)
        give_up_or_wait(session, row, f"{type(error).__name__}: {error}", None, now, kinds)
    else:
        row.status, row.sent_at, row.result, row.last_error = SENT, now, result or {}, None


def give_up_or_wait(session: Session, row: OutboxMessage, error: str, after: float | None, now: datetime,
                    kinds: Kinds) -> None:
    if row.attempts >= MAX_ATTEMPTS:
        fail(session, row, f"gave up after {row.attempts} attempts: {error}", now, kinds)
        return
    row.last_error = error
    # At least a second, so a `Retry-After: 0` cannot spend every attempt within one pass of the worker.
    wait = timedelta(seconds=max(after, 1)) if after is not None else backoff(row.attempts)
    row.next_attempt_at = now + wait
    log.warning("outbox row %s (%s) will retry at %s: %s", row.id, row.kind, row.next_attempt_at, error)


def fail(session: Session, row: OutboxMessage, error: str, now: datetime, kinds: Kinds) -> None:
    row.status, row.last_error = DEAD, error
    log.error("outbox row %s (%s) failed: %s", row.id, row.kind, error)
    if row.incident_id:
        what = kinds.failed_to.get(row.kind, f"deliver {row.kind}")
        timeline.record(session, row.incident_id, now, "delivery_failed", f"Could not {what}: {error}")
