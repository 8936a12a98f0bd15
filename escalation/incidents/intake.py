"""Taking alerts in: dedup and grouping into incidents, resolving alerts that cleared."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents import service as incidents
from escalation.incidents.alerts import AlertIn
from escalation.incidents.models import RESOLVED, Alert, Incident
from escalation.paging import Route, route_policy


@dataclass(frozen=True)
class Intake:
    """The config an intake needs, as plain values."""

    routes: tuple[Route, ...]
    default_policy: str | None  # None: incidents open but page nobody
    auto_resolve: bool
    channel_name: Callable[[int, AlertIn, datetime], str]  # incident number, first alert, now -> name
    invite: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Received:
    incident_id: int | None
    outcome: str  # opened | attached | repeated | resolved_alert | resolved_incident | ignored


def ingest(session: Session, alerts: list[AlertIn], intake: Intake, now: datetime) -> list[Received]:
    """Store every alert; the caller commits before answering the webhook."""
    return [ingest_one(session, alert, intake, now) for alert in alerts]


def ingest_one(session: Session, alert: AlertIn, intake: Intake, now: datetime) -> Received:
    incident = incidents.find_open(session, alert.source, alert.group_key)
    if incident is None:
        if alert.status == RESOLVED:
            return Received(None, "ignored")
        incident, created = open_guarded(session, alert, intake, now)
        if created:
            add_alert(session, incident, alert, now)
            return Received(incident.id, "opened")
    return attach(session, incident, alert, intake, now)


def open_guarded(session: Session, alert: AlertIn, intake: Intake, now: datetime) -> tuple[Incident, bool]:
    """Open an incident; if a concurrent delivery opened it first, use that one."""
    policy = route_policy(intake.routes, intake.default_policy, alert.source, alert.labels)
    try:
        with session.begin_nested():
            incident = incidents.open_incident(session, alert, policy, intake.channel_name, now, list(intake.invite))
        return incident, True
    except IntegrityError:
        return incidents.find_open(session, alert.source, alert.group_key), False


def add_alert(session: Session, incident: Incident, alert: AlertIn, now: datetime) -> Alert:
    row = Alert(incident=incident, fingerprint=alert.fingerprint, title=alert.title, severity=alert.severity,
                status=alert.status, received_at=now, last_seen_at=now, repeats=0, raw=alert.raw)
    session.add(row)
    return row


def attach(session: Session, incident: Incident, alert: AlertIn, intake: Intake, now: datetime) -> Received:
    existing = next((a for a in incident.alerts if a.fingerprint == alert.fingerprint), None)
    if alert.status == RESOLVED:
        if existing is None or existing.status == RESOLVED:
            return Received(incident.id, "ignored")
        existing.status, existing.resolved_at, existing.last_seen_at = RESOLVED, now, now
        timeline.record(session, incident.id, now, "alert_resolved", f"Alert resolved: {existing.title}",
                        actor=alert.source)
        if intake.auto_resolve and all(a.status == RESOLVED for a in incident.alerts):
            incidents.resolve(session, incident, alert.source, now, "every alert has resolved")
            return Received(incident.id, "resolved_incident")
        return Received(incident.id, "resolved_alert")
    if existing is None:
        add_alert(session, incident, alert, now)
        timeline.record(session, incident.id, now, "alert", f"Alert added: {alert.title}", actor=alert.source)
        return Received(incident.id, "attached")
    if existing.status == RESOLVED:
        existing.status, existing.resolved_at = "firing", None
        timeline.record(session, incident.id, now, "alert", f"Alert firing again: {alert.title}", actor=alert.source)
    existing.repeats += 1
    existing.last_seen_at = now
    return Received(incident.id, "repeated")
