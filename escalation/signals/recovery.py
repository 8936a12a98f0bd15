"""Recovery: the first time a triggered topic's negative share is back within its usual band, the incident's
timeline records how long that took (the review shows it) and the channel is told."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.elapsed import spoken
from escalation.incidents import Incident
from escalation.signals.detection import MentionPoint, recovered
from escalation.signals.models import SignalTopicState, SignalTrigger
from escalation.signals.rules import Topic


def check_recovery(session: Session, topic: Topic, state: SignalTopicState, trigger: SignalTrigger | None,
                   mentions: list[MentionPoint], now: datetime) -> bool:
    """True when recovery was recorded now. A resolved incident stops the wait: nothing is recorded."""
    if trigger is None:
        return False
    incident = session.get(Incident, state.incident_id) if state.incident_id else None
    if incident is None or not incident.is_open:
        state.trigger_id = state.incident_id = None
        return False
    if now <= trigger.at or not recovered(topic, mentions, now, since=trigger.at):
        return False
    took = now - trigger.at
    text = f"Negative share of {topic.name} back within its usual band, {spoken(took)} after the trigger"
    event = timeline.record(session, incident.id, now, "recovered", text,
                            data={"seconds": int(took.total_seconds()), "since": trigger.at.isoformat(),
                                  "topic": topic.name, "trigger": trigger.id})
    event.source_key = f"signal-recovered:{trigger.id}"
    outbox.post_in_channel(session, now, incident.id, f":chart_with_downwards_trend: {text}.")
    state.trigger_id = state.incident_id = None
    return True
