"""Delivering the outbox: claim lane heads (pages first) in a short transaction, call Slack with no transaction
open, record the outcome in another; lanes run side by side, each in order, retried until Slack takes it."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.config.model import Config
from bot.metrics import Metrics
from bot.outbox import rounds
from bot.outbox.delivery import Cancelled, Delivery, Kinds
from bot.outbox.labels import for_incident
from bot.slack.gateway import Failed, Paced, Retry, SlackGateway
from escalation import timeline
from escalation.incidents import Incident
from escalation.outbox import CANCELLED, DEAD, PENDING, SENT, OutboxMessage, claim

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 30
MAX_BACKOFF = timedelta(minutes=5)
# Longer than any one delivery can take (Slack's timeout is 15 s; a long timeline posts several parts).
LEASE = timedelta(minutes=5)
BATCH = 32  # lane heads claimed per round


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s, ... capped at five minutes."""
    return min(timedelta(seconds=5 * 2 ** (attempts - 1)), MAX_BACKOFF)


def deliver_due(sessions: sessionmaker[Session], gateway: SlackGateway, config: Config, kinds: Kinds,
                now: datetime, limit: int = 500, lanes: Executor | None = None, metrics: Metrics | None = None,
                clock: Callable[[], datetime] | None = None, turn: Callable[[], None] = lambda: None,
                deadline: float | None = None) -> int:
    """Deliver rows due (up to `limit`); returns how many were handled. With `lanes`, the rows of one round (each
    the head of a different lane) are delivered side by side. Each round reads the clock again, so a claim's
    expiry and a retry's wait count from when they happen, however long the tick has run. Batched kinds (page
    DMs) are read with the claim and recorded together once their calls are back. Past `deadline` (a
    time.monotonic() instant) no new round starts, so the worker's engine gets its turn in a storm."""
    read_clock = clock or (lambda: now)
    handled = 0
    while handled < limit and (deadline is None or time.monotonic() < deadline):
        turn()
        claimed_at = max(now, read_clock())
        with sessions.begin() as session:
            claimed = claim(session, claimed_at, min(BATCH, limit - handled), LEASE)
            jobs, cancelled = rounds.prepare(session, claimed, kinds, gateway, config, claimed_at) if claimed \
                else ([], set())
        if not claimed:
            break
        mine = claimed_at + LEASE
        batched = {job.row_id for job in jobs}
        run_round([partial(rounds.send, job, kinds) for job in jobs],
                  [partial(deliver, sessions, gateway, config, kinds, row_id, mine, read_clock, metrics, turn)
                   for row_id in claimed if row_id not in batched and row_id not in cancelled],
                  lanes, partial(record_round, sessions, mine=mine, kinds=kinds, clock=read_clock, metrics=metrics,
                                 turn=turn))
        handled += len(claimed)
    return handled


def run_round(sends: Sequence[Callable[[], rounds.Outcome]], singles: Sequence[Callable[[], None]],
              lanes: Executor | None, record: Callable[[list[rounds.Outcome]], None]) -> None:
    """The batched sends and the row-by-row deliveries side by side; the batched outcomes are recorded as soon as
    their calls are back, not after the round's slowest row (a crash in between would send those DMs again)."""
    if lanes is None:
        outcomes = [send() for send in sends]
        if outcomes:
            record(outcomes)
        for single in singles:
            _guarded(single)
        return
    sending = [lanes.submit(send) for send in sends]  # first: the lanes take them before the row-by-row ones
    pending = [lanes.submit(_guarded, single) for single in singles]
    outcomes = [future.result() for future in sending]
    if outcomes:
        record(outcomes)
    for future in pending:
        future.result()


def _guarded(single: Callable[[], None]) -> None:
    """A row-by-row delivery whose bug must not lose the round's other outcomes (its row's claim runs out)."""
    try:
        single()
    except Exception:
        log.exception("an outbox delivery raised past its own handling")


def record_round(sessions: sessionmaker[Session], outcomes: list[rounds.Outcome], mine: datetime, kinds: Kinds,
                 clock: Callable[[], datetime], metrics: Metrics | None, turn: Callable[[], None]) -> None:
    """The round's batched outcomes in one transaction; if that fails, each in its own, and a row whose outcome
    cannot be recorded at all is freed for the next tick."""
    turn()
    now = clock()
    try:
        with sessions.begin() as session:
            sent = rounds.record(session, outcomes, mine, kinds, now, settle)
    except Exception:
        log.exception("outbox rows %s: the round could not be recorded at once; one by one",
                      [o.job.row_id for o in outcomes])
        sent = []
        for outcome in outcomes:
            try:
                with sessions.begin() as session:
                    sent += rounds.record(session, [outcome], mine, kinds, now, settle)
            except Exception:
                log.exception("outbox row %s: the delivery could not be recorded", outcome.job.row_id)
                release(sessions, outcome.job.row_id, mine)
    if metrics is not None:
        for outcome in sent:
            if outcome.job.measured:
                metrics.page_lateness.observe(max((now - outcome.job.work.created_at).total_seconds(), 0.0))


def deliver(sessions: sessionmaker[Session], gateway: SlackGateway, config: Config, kinds: Kinds, row_id: int,
            mine: datetime, clock: Callable[[], datetime], metrics: Metrics | None, turn: Callable[[], None]) -> None:
    """One row the usual way, its own transactions around each Slack call."""
    turn()
    try:
        sent = deliver_one(sessions, gateway, config, kinds, row_id, mine, clock)
    except Exception:  # recording failed (the database went away): free the row for the next tick
        log.exception("outbox row %s: the delivery could not be recorded", row_id)
        release(sessions, row_id, mine)
        return
    if sent is not None and metrics is not None and sent.priority == 0:  # a page DM
        metrics.page_lateness.observe(max((clock() - sent.created_at).total_seconds(), 0.0))


def deliver_one(sessions: sessionmaker[Session], gateway: SlackGateway, config: Config, kinds: Kinds,
                row_id: int, mine: datetime, clock: Callable[[], datetime]) -> OutboxMessage | None:
    """One claimed row (`mine`: its claim's expiry): its transactions are committed before every Slack call (the
    gateway does it), so no lock or SQLite write lock is held while Slack answers; what the delivery did before a
    failure is kept, so a retry does not do it again. A row whose claim passed to another worker is left alone.
    Returns the row once sent, to be measured; None when it was not, or was a drill's."""
    with sessions() as session:
        row = session.get(OutboxMessage, row_id)
        if row is None or row.status != PENDING or row.claimed_until != mine:
            return None
        incident = session.get(Incident, row.incident_id) if row.incident_id else None
        real = incident is None or incident.drill_run_id is None
        delivery = Delivery(session, for_incident(gateway.for_delivery(session.commit), incident), config, row,
                            incident, clock())
        try:
            result = kinds.run[row.kind](delivery)
        except Exception as error:
            if isinstance(error, SQLAlchemyError):
                session.rollback()
            settle(session, row, error, clock(), kinds)
        else:
            row.status, row.sent_at, row.result, row.last_error = SENT, clock(), result or {}, None
        row.claimed_until = None
        session.commit()
        # A drill's rows count in no measure of the real service (page lateness).
        return row if row.status == SENT and real else None


def settle(session: Session, row: OutboxMessage, error: Exception, now: datetime, kinds: Kinds) -> None:
    """What a delivery that raised leaves on its row: cancelled, paced, retried later, or failed for good."""
    if isinstance(error, Cancelled):
        row.status, row.last_error = CANCELLED, str(error)
    elif isinstance(error, Paced):  # our own pacing is no failed attempt
        row.attempts -= 1
        row.next_attempt_at = now + timedelta(seconds=error.after or 1)
    elif isinstance(error, Retry):
        give_up_or_wait(session, row, str(error), error.after, now, kinds)
    elif isinstance(error, Failed):
        fail(session, row, str(error), now, kinds)
    else:  # a bug must not wedge the lane forever: count it as an attempt
        log.error("outbox row %s (%s) raised", row.id, row.kind, exc_info=error)
        give_up_or_wait(session, row, f"{type(error).__name__}: {error}", None, now, kinds)


def release(sessions: sessionmaker[Session], row_id: int, mine: datetime) -> None:
    """Give a claimed row back at once (if the claim is still ours) rather than after its claim runs out."""
    try:
        with sessions.begin() as session:
            session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id,
                                                        OutboxMessage.claimed_until == mine)
                            .values(claimed_until=None))
    except Exception:
        log.exception("outbox row %s stays claimed until its claim runs out", row_id)


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
