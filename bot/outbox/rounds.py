"""A round of batched rows (page DMs): read in the claim's transaction, sent side by side with no session open,
recorded together in one transaction. A storm's thousands of DMs then cost two transactions a round, not three
a DM (on SQLite each a turn at the one write lock)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.config.model import Config
from bot.outbox.delivery import Cancelled, Kinds
from bot.outbox.labels import for_incident
from bot.slack.gateway import SlackGateway
from escalation.incidents import Incident
from escalation.outbox import CANCELLED, PENDING, SENT, OutboxMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One batched row, ready to send: everything the call needs, read while the row was claimed."""
    row_id: int
    kind: str
    gateway: SlackGateway  # a drill incident's labels what it sends
    work: Any  # what the kind's `prepare` read
    measured: bool  # a real page DM (not a drill's): its lateness is measured


@dataclass(frozen=True)
class Outcome:
    job: Job
    result: dict | None = None
    error: Exception | None = None


def prepare(session: Session, ids: list[int], kinds: Kinds, gateway: SlackGateway, config: Config,
            now: datetime) -> tuple[list[Job], set[int]]:
    """The jobs of the claimed rows whose kind is batched, in claim order, read in two queries, and the rows
    cancelled here (no longer making sense), in the same transaction. Other rows go row by row, as does a row
    whose `prepare` raised: its delivery counts the attempt, so a bug cannot wedge the outbox."""
    rows = [row for row in session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids)))
            if row.kind in kinds.batched]
    if not rows:
        return [], set()
    wanted = {row.incident_id for row in rows if row.incident_id is not None}
    incidents = {i.id: i for i in session.scalars(select(Incident).where(Incident.id.in_(wanted)))}
    jobs: dict[int, Job] = {}
    cancelled: set[int] = set()
    for row in rows:
        incident = incidents.get(row.incident_id) if row.incident_id is not None else None
        try:
            work = kinds.batched[row.kind].prepare(session, row, incident, config, now)
        except Cancelled as why:
            row.status, row.last_error, row.claimed_until = CANCELLED, str(why), None
            cancelled.add(row.id)
            continue
        except SQLAlchemyError:
            raise  # the database's trouble, not the row's: the claim rolls back and the next round tries again
        except Exception:
            log.exception("outbox row %s (%s) could not be prepared; it goes row by row", row.id, row.kind)
            continue
        if work is not None:
            real = incident is None or incident.drill_run_id is None
            jobs[row.id] = Job(row.id, row.kind, for_incident(gateway, incident), work,
                               measured=real and row.priority == 0)
    return [jobs[i] for i in ids if i in jobs], cancelled


def send(job: Job, kinds: Kinds) -> Outcome:
    """Make one job's call; never raises (what went wrong is recorded with the round)."""
    try:
        return Outcome(job, result=kinds.batched[job.kind].send(job.gateway, job.work))
    except Exception as error:
        return Outcome(job, error=error)


def record(session: Session, outcomes: list[Outcome], mine: datetime, kinds: Kinds, now: datetime,
           settle) -> list[Outcome]:
    """Keep every outcome of the round, each only if its claim is still ours; returns the ones sent. `settle`
    records a failure as a row-by-row delivery would (retry, give up, fail)."""
    ids = [o.job.row_id for o in outcomes]
    rows = {r.id: r for r in session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))
                                             .with_for_update())}
    sent = []
    answers: dict[str, list[tuple[Any, dict]]] = {}
    for outcome in outcomes:
        row = rows.get(outcome.job.row_id)
        if row is None or row.status != PENDING or row.claimed_until != mine:
            log.warning("outbox row %s: its claim passed on before its outcome was recorded", outcome.job.row_id)
            continue
        if outcome.error is None:
            answers.setdefault(row.kind, []).append((outcome.job.work, outcome.result or {}))
            row.status, row.sent_at, row.result, row.last_error = SENT, now, outcome.result or {}, None
            sent.append(outcome)
        else:
            settle(session, row, outcome.error, now, kinds)
        row.claimed_until = None
    for kind, answered in answers.items():  # each kind's answers in one statement, not one a row
        kinds.batched[kind].record(session, answered, now)
    return sent
