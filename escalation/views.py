"""Incidents as plain values for the edge to render."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation.models import Incident


@dataclass(frozen=True)
class IncidentCard:
    number: int
    title: str
    severity: int
    status: str
    source: str
    description: str
    links: tuple[tuple[str, str], ...]
    policy_name: str | None
    channel_id: str | None
    created_at: datetime
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    resolved_by: str | None
    resolved_at: datetime | None
    resolution: str | None
    alert_count: int


def card(incident: Incident) -> IncidentCard:
    return IncidentCard(
        number=incident.id, title=incident.title, severity=incident.severity, status=incident.status,
        source=incident.source, description=incident.description or "",
        links=tuple((link.get("text") or link["url"], link["url"]) for link in incident.links or []),
        policy_name=incident.policy_name, channel_id=incident.channel_id, created_at=incident.created_at,
        acknowledged_by=incident.acknowledged_by, acknowledged_at=incident.acknowledged_at,
        resolved_by=incident.resolved_by, resolved_at=incident.resolved_at, resolution=incident.resolution,
        alert_count=len(incident.alerts))
