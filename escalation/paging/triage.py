"""An incident in triage pages its first level only. When that level's wait ends with no decision, paging never
stops silently: the incident is handled as a crisis and the policy goes on from level 2."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.elapsed import spoken
from escalation.incidents import TRIAGE, TRIGGERED, Incident
from escalation.paging.models import EscalationState
from escalation.paging.steps import PageLevel, Step


def lapses(status: str, step: Step) -> bool:
    """Whether this step moves an undecided incident past its first level: pure."""
    return status == TRIAGE and isinstance(step, PageLevel) and (step.at.level, step.at.loop) != (0, 0)


def lapse(session: Session, incident: Incident, state: EscalationState, now: datetime) -> None:
    """No triage decision in time: a crisis, said on the timeline and in the channel."""
    incident.status = TRIGGERED
    waited = now - state.level_paged_at if state.level_paged_at else None
    note = (f"No triage decision within {spoken(waited)}: handled as a crisis, paging goes on from level 2"
            if waited else "Nobody at the first level could be asked to triage: handled as a crisis, paging goes "
                           "on from level 2")
    timeline.record(session, incident.id, now, "triage", note, data={"decision": "lapsed",
                    "seconds": int((now - incident.created_at).total_seconds())})
    lane = outbox.incident_lane(incident.id)
    outbox.enqueue(session, now, kind="post_channel", lane=lane, incident_id=incident.id, payload={"text": note},
                   dedup_key=f"triage-lapsed:{incident.id}")
    outbox.enqueue(session, now, kind="close_pages", lane=f"pages:{incident.id}", incident_id=incident.id,
                   payload={"change": "judged a crisis (no decision in time)", "actor": "crisisdesk", "level": 0})
    outbox.enqueue(session, now, kind="update_summary", lane=lane, incident_id=incident.id)
    outbox.enqueue(session, now, kind="set_topic", lane=lane, incident_id=incident.id)
