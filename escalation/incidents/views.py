"""Incidents as plain values for the edge to render."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation.incidents.models import Incident


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
    # The room: what kind of crisis, and who holds which role (Slack user ids).
    crisis_type: str | None = None
    commander: str | None = None
    comms: str | None = None
    approver: str | None = None
    channel_name: str | None = None
    drill: bool = False  # a drill opened it: everything showing it says DRILL

    @property
    def roles(self) -> tuple[tuple[str, str], ...]:
        """(role, Slack user id) of each role someone holds, in the order the summary shows them."""
        held = (("commander", self.commander), ("comms", self.comms), ("approver", self.approver))
        return tuple((role, user) for role, user in held if user)


def card(incident: Incident) -> IncidentCard:
    return IncidentCard(
        number=incident.id, title=incident.title, severity=incident.severity, status=incident.status,
        source=incident.source, description=incident.description or "",
        links=tuple((link.get("text") or link["url"], link["url"]) for link in incident.links or []),
        policy_name=incident.policy_name, channel_id=incident.channel_id, created_at=incident.created_at,
        acknowledged_by=incident.acknowledged_by, acknowledged_at=incident.acknowledged_at,
        resolved_by=incident.resolved_by, resolved_at=incident.resolved_at, resolution=incident.resolution,
        crisis_type=incident.crisis_type, commander=incident.commander,
        comms=incident.comms, approver=incident.approver, channel_name=incident.channel_name,
        drill=incident.drill_run_id is not None)
