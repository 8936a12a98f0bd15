"""Alerts that joined an incident (or fired in it again), announced in its channel: gathered from `alert_joins`
into one `alerts_joined` message per incident, at most one a minute, saying what they did to the severity."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from escalation import outbox
from escalation.incidents import RESOLVED, AlertJoin, Incident

EVERY = timedelta(minutes=1)  # at most one message per incident in this time
KIND = "alerts_joined"
LISTED = 10  # titles named in one message; the rest are counted


def announce_joins(session: Session, now: datetime, limit: int = 900) -> int:
    """Queue one message per incident with joins not yet announced and none announced in the last minute;
    returns how many were queued. The caller commits."""
    session.execute(delete(AlertJoin).where(AlertJoin.announced_at <= now - EVERY))
    lately = select(AlertJoin.incident_id).where(AlertJoin.announced_at.is_not(None))
    rows = session.execute(select(AlertJoin, Incident).join(Incident, Incident.id == AlertJoin.incident_id)
                           .where(AlertJoin.announced_at.is_(None), AlertJoin.incident_id.not_in(lately))
                           .order_by(AlertJoin.id).limit(limit)
                           .with_for_update(skip_locked=True, of=AlertJoin)).all()
    joins: dict[int, list[AlertJoin]] = {}
    incidents: dict[int, Incident] = {}
    for join, incident in rows:
        joins.setdefault(incident.id, []).append(join)
        incidents[incident.id] = incident
    work, gone, announced = [], [], []
    for number, these in joins.items():
        if incidents[number].status == RESOLVED:  # nobody needs to hear what joined a resolved incident
            gone += [j.id for j in these]
        else:
            work.append(message(incidents[number], these, now))
            announced += [j.id for j in these]
    if gone:
        session.execute(delete(AlertJoin).where(AlertJoin.id.in_(gone)))
    if announced:
        session.execute(update(AlertJoin).where(AlertJoin.id.in_(announced)).values(announced_at=now))
    outbox.enqueue_many(session, now, work)
    return len(work)


def message(incident: Incident, joins: list[AlertJoin], now: datetime) -> dict:
    """The outbox row announcing these joins; a worse alert than a person's severity offers to raise it."""
    worst = min(j.severity for j in joins)
    raised = [j for j in joins if j.raised_from is not None]
    payload = {"alerts": [{"title": j.title, "severity": j.severity, "again": j.again} for j in joins[:LISTED]],
               "count": len(joins),
               "raised": {"from": max(j.raised_from or 0 for j in raised), "to": min(j.severity for j in raised)}
               if raised else None,
               "raise_to": worst if incident.severity_set_by and worst < incident.severity else None,
               "severity": incident.severity, "set_by": incident.severity_set_by}
    return {"kind": KIND, "lane": outbox.incident_lane(incident.id), "incident_id": incident.id,
            # Join ids come back once their rows are deleted (SQLite); one message per minute has a unique instant.
            "dedup_key": f"{KIND}:{incident.id}:{now.isoformat()}", "payload": payload}
