"""Incidents at a glance: the open ones (and, asked for, the last days'), when each pages next, who is paged."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from escalation.incidents.models import RESOLVED, TRIAGE, TRIGGERED, Incident
from escalation.incidents.views import IncidentCard, card
from escalation.paging import EscalationState, Page

RECENT = timedelta(days=7)  # what `/crisis list all` looks back over


@dataclass(frozen=True)
class Listed:
    card: IncidentCard
    next_page_at: datetime | None  # when the running escalation acts next (a page, a reminder, the next level)


def listed(session: Session, now: datetime, *, recent: bool = False) -> list[Listed]:
    """Open incidents, newest first; `recent` adds those opened or resolved in the last 7 days."""
    wanted = Incident.status != RESOLVED
    if recent:
        wanted = or_(wanted, Incident.created_at >= now - RECENT, Incident.resolved_at >= now - RECENT)
    query = (select(Incident, EscalationState.next_action_at)
             .outerjoin(EscalationState, (EscalationState.incident_id == Incident.id) & EscalationState.active)
             .where(wanted).order_by(Incident.id.desc()).options(selectinload(Incident.alerts)))
    return [Listed(card(incident), due if incident.status != RESOLVED else None)
            for incident, due in session.execute(query)]


def paged_for(session: Session, keys: set[str]) -> list[int]:
    """Numbers of the triggered incidents that have paged any of `keys` (a person's config key or Slack id)."""
    if not keys:
        return []
    query = (select(Incident.id).join(Page, Page.incident_id == Incident.id)
             .where(Incident.status.in_((TRIGGERED, TRIAGE)), Page.person_key.in_(keys))
             .distinct().order_by(Incident.id))
    return list(session.scalars(query))
