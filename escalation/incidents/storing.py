"""Storing the firing and resolved alerts of a run in bulk: the unique index on (incident, fingerprint) guards the
inserts, repeat counts are added in SQL, and outcomes come back from the statements themselves."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, case, func, select, tuple_, update
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents.alerts import AlertIn, Intake, Received
from escalation.incidents.following import Following
from escalation.incidents.models import KEY_LENGTH, RESOLVED, Alert, Incident
from escalation.incidents.service import resolve
from escalation.keys import fitted
from escalation.rows import insert_rows
from escalation.sql import chunks, table_of

Pair = tuple[int, str]  # incident id, fingerprint
Placed = tuple[int, AlertIn, Incident]  # the alert's place in the batch, the alert, its open incident
TABLE = table_of(Alert)
PAIR = tuple_(TABLE.c.incident_id, TABLE.c.fingerprint)


def by_pair(items: list[Placed]) -> dict[Pair, list[Placed]]:
    grouped: dict[Pair, list[Placed]] = {}
    for item in items:
        grouped.setdefault((item[2].id, fitted(item[1].fingerprint, KEY_LENGTH)), []).append(item)
    return grouped


def store_firing(session: Session, now: datetime, items: list[Placed], opened: set[str],
                 results: list[Received | None]) -> None:
    grouped = by_pair(items)
    values = [{"incident_id": pair[0], "fingerprint": pair[1], "title": first[1].title, "severity": first[1].severity,
               "status": "firing", "received_at": now, "last_seen_at": now, "repeats": len(copies) - 1,
               "raw": first[1].raw} for pair, copies in grouped.items() for first in copies[:1]]
    inserted: set[Pair] = set(insert_rows(session, TABLE, values, conflict=["incident_id", "fingerprint"],
                                          returning=["incident_id", "fingerprint"]))
    existing = [pair for pair in grouped if pair not in inserted]
    again: set[Pair] = set()
    for part in chunks(existing):
        again.update((i, f) for i, f in session.execute(
            update(TABLE).where(TABLE.c.status == RESOLVED, PAIR.in_(list(part)))
            .values(status="firing", resolved_at=None).returning(TABLE.c.incident_id, TABLE.c.fingerprint)))
    if existing:
        session.execute(update(TABLE).where(TABLE.c.incident_id == bindparam("b_incident"),
                                            TABLE.c.fingerprint == bindparam("b_fingerprint"))
                        .values(repeats=TABLE.c.repeats + bindparam("b_copies"), last_seen_at=now),
                        [{"b_incident": i, "b_fingerprint": f, "b_copies": len(grouped[(i, f)])} for i, f in existing])
    events, openers, following = [], set(), Following(now)
    for pair, copies in grouped.items():
        index, alert, incident = copies[0]
        outcome, joined = "repeated", False
        if pair in inserted:
            opens = incident.open_key in opened and incident.id not in openers
            openers.add(incident.id)
            outcome, joined = ("opened", False) if opens else ("attached", True)
            if not opens:
                events.append(entry(incident, now, "alert", f"Alert added: {alert.title}", alert.source))
        elif pair in again:
            joined = True
            events.append(entry(incident, now, "alert", f"Alert firing again: {alert.title}", alert.source))
        raised = following.join(incident, alert, pair in again) if joined else None
        if raised is not None:
            events.append(raised)
        results[index] = Received(incident.id, outcome)
        for later, _, _ in copies[1:]:
            results[later] = Received(incident.id, "repeated")
    timeline.record_many(session, events)
    following.store(session)


def resolve_alerts(session: Session, intake: Intake, now: datetime, items: list[Placed],
                   results: list[Received | None]) -> None:
    grouped = by_pair(items)
    titles: dict[Pair, str] = {}
    for part in chunks(list(grouped)):
        titles.update(((i, f), title) for i, f, title in session.execute(
            update(TABLE).where(TABLE.c.status != RESOLVED, PAIR.in_(list(part)))
            .values(status=RESOLVED, resolved_at=now, last_seen_at=now)
            .returning(TABLE.c.incident_id, TABLE.c.fingerprint, TABLE.c.title)))
    events: list[dict] = []
    last: dict[int, Placed] = {}
    for pair, copies in grouped.items():
        for index, _, incident in copies:
            results[index] = Received(incident.id, "ignored")
        if pair in titles:
            index, alert, incident = copies[0]
            results[index] = Received(incident.id, "resolved_alert")
            events.append(entry(incident, now, "alert_resolved", f"Alert resolved: {titles[pair]}", alert.source))
            last[incident.id] = copies[0]
    timeline.record_many(session, events)
    if intake.auto_resolve and last:
        for index, alert, incident in [last[i] for i in all_resolved(session, list(last))]:
            resolve(session, incident, alert.source, now, "every alert has resolved")
            results[index] = Received(incident.id, "resolved_incident")
            for later, _, same in items:  # one by one, these would have found no open incident
                if same.id == incident.id and later > index:
                    results[later] = Received(None, "ignored")


def all_resolved(session: Session, incident_ids: list[int]) -> list[int]:
    """Of these incidents, those with no alert still firing: counted in SQL."""
    still = func.sum(case((TABLE.c.status != RESOLVED, 1), else_=0))
    found: list[int] = []
    for part in chunks(incident_ids):
        found += session.scalars(select(TABLE.c.incident_id).where(TABLE.c.incident_id.in_(list(part)))
                                 .group_by(TABLE.c.incident_id).having(still == 0))
    return found


def entry(incident: Incident, now: datetime, kind: str, text: str, actor: str) -> dict:
    return {"incident_id": incident.id, "at": now, "kind": kind, "text": text, "actor": actor}
