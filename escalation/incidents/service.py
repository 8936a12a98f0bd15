"""Opening, acknowledging and resolving incidents."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents.models import ACKNOWLEDGED, OPEN_KEY_LENGTH, RESOLVED, Incident
from escalation.keys import fitted
from escalation.paging import EscalationState

# An incident named in command text: <#C123|name> as Slack writes a channel link.
CHANNEL_REF = re.compile(r"^<#(?P<id>[CG][A-Z0-9]+)(?:\|[^>]*)?>$")

SEVERITY_LABELS = {1: "SEV1", 2: "SEV2", 3: "SEV3", 4: "SEV4"}


@dataclass(frozen=True)
class Outcome:
    """What a command did, in words the person who asked can read."""

    changed: bool
    message: str
    drill: bool = False  # about a drill's incident: the edge says DRILL when it answers


def open_key(source: str, group_key: str) -> str:
    """What the unique index on open incidents holds: fitted, so a group key of any length finds its incident."""
    return fitted(f"{source}:{group_key}", OPEN_KEY_LENGTH)


def by_channel(session: Session, channel_id: str) -> Incident | None:
    return session.scalar(select(Incident).where(Incident.channel_id == channel_id).order_by(Incident.id.desc()))


def by_open_key(session: Session, source: str, group_key: str) -> Incident | None:
    """The open incident an alert of this source and group belongs to (an indexed lookup)."""
    return session.scalar(select(Incident).where(Incident.open_key == open_key(source, group_key)))


def acknowledge(session: Session, incident: Incident, actor: str, now: datetime) -> Outcome:
    """Stop paging; the incident stays open."""
    if incident.status == RESOLVED:
        return Outcome(False, f"Incident #{incident.id} is already resolved.")
    if incident.status == ACKNOWLEDGED:
        # A person (a Slack user id, shown as a mention) or a sender such as PagerDuty (shown as its name).
        by = incident.acknowledged_by or ""
        who = f"<@{by}>" if re.fullmatch(r"[UW][A-Z0-9]{2,}", by) else by
        return Outcome(False, f"Incident #{incident.id} was already acknowledged by {who}.")
    incident.status, incident.acknowledged_at, incident.acknowledged_by = ACKNOWLEDGED, now, actor
    stop_escalation(session, incident.id, now)
    timeline.record(session, incident.id, now, "acknowledged", "Acknowledged", actor=actor)
    announce(session, incident, now, "acknowledged", actor)
    return Outcome(True, f"Incident #{incident.id} acknowledged. Paging has stopped.")


def resolve(session: Session, incident: Incident, actor: str, now: datetime, summary: str | None = None) -> Outcome:
    """End the incident: no more pages, the channel is told, a later alert opens a new incident."""
    if incident.status == RESOLVED:
        return Outcome(False, f"Incident #{incident.id} is already resolved.")
    incident.status, incident.resolved_at, incident.resolved_by = RESOLVED, now, actor
    incident.open_key, incident.resolution = None, summary
    stop_escalation(session, incident.id, now)
    timeline.record(session, incident.id, now, "resolved", f"Resolved: {summary}" if summary else "Resolved",
                    actor=actor)
    announce(session, incident, now, "resolved", actor, summary=summary)
    return Outcome(True, f"Incident #{incident.id} resolved.")


def stop_escalation(session: Session, incident_id: int, now: datetime) -> None:
    state = session.get(EscalationState, incident_id)
    if state is not None and state.active:
        state.stop(now)


def announce(session: Session, incident: Incident, now: datetime, change: str, actor: str, **extra) -> None:
    """Tell the channel, refresh the pinned summary, and close the Acknowledge buttons in the DMs."""
    lane = outbox.incident_lane(incident.id)
    outbox.enqueue(session, now, kind="post_status", lane=lane, incident_id=incident.id,
                   payload={"change": change, "actor": actor, **extra})
    outbox.enqueue(session, now, kind="update_summary", lane=lane, incident_id=incident.id)
    outbox.enqueue(session, now, kind="set_topic", lane=lane, incident_id=incident.id)  # {status} changed
    outbox.enqueue(session, now, kind="close_pages", lane=f"pages:{incident.id}", incident_id=incident.id,
                   payload={"change": change, "actor": actor})


def find_incident(session: Session, incident_id: int | None, channel_id: str | None, ref: str) -> Incident | None:
    """By number, by a reference (`<#C123|name>`, `#name`, `#42`), or by the channel the command came from."""
    if incident_id is not None:
        return session.get(Incident, incident_id)
    ref = ref.strip()
    if ref:
        match = CHANNEL_REF.match(ref)
        if match:
            return by_channel(session, match["id"])
        number = ref.lstrip("#")
        if number.isascii() and number.isdigit() and len(number) <= 18:  # `#²` or 30 digits is no incident number
            return session.get(Incident, int(number))
        name = ref.lstrip("#").lower()
        return session.scalar(select(Incident).where(Incident.channel_name == name).order_by(Incident.id.desc()))
    return by_channel(session, channel_id) if channel_id else None
