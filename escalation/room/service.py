"""The crisis room: severity, crisis type, roles, the action log and status updates, each on the timeline."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import SEVERITY_LABELS, Incident, Outcome

ROLE_NAMES = {"commander": "Commander", "comms": "Comms lead", "approver": "Approver"}


def refresh(session: Session, incident: Incident, now: datetime, *, topic: bool) -> None:
    """Show the change where the room looks: the pinned summary, and the topic when it names the change."""
    lane = outbox.incident_lane(incident.id)
    outbox.enqueue(session, now, kind="update_summary", lane=lane, incident_id=incident.id)
    if topic:
        outbox.enqueue(session, now, kind="set_topic", lane=lane, incident_id=incident.id)


def tell_channel(session: Session, incident: Incident, now: datetime, **notice) -> None:
    outbox.enqueue(session, now, kind="room_notice", lane=outbox.incident_lane(incident.id), incident_id=incident.id,
                   payload=notice)


def set_severity(session: Session, incident: Incident, level: int, actor: str, now: datetime) -> Outcome:
    label = SEVERITY_LABELS[level]
    incident.severity_set_by = actor  # a person chose it, even the one it had: worse alerts no longer change it
    if incident.severity == level:
        return Outcome(False, f"Incident #{incident.id} is already {label}.")
    before, incident.severity = incident.severity, level
    timeline.record(session, incident.id, now, "severity", f"Severity {SEVERITY_LABELS[before]} → {label}",
                    actor=actor, data={"from": before, "to": level})
    tell_channel(session, incident, now, what="severity", actor=actor, before=before, after=level)
    refresh(session, incident, now, topic=True)
    return Outcome(True, f"Incident #{incident.id} is now {label}.")


def set_type(session: Session, incident: Incident, crisis_type: str, actor: str, now: datetime) -> Outcome:
    if incident.crisis_type == crisis_type:
        return Outcome(False, f"Incident #{incident.id} is already classified as {crisis_type}.")
    before, incident.crisis_type = incident.crisis_type, crisis_type
    was = f" (was {before})" if before else ""
    timeline.record(session, incident.id, now, "type", f"Crisis type: {crisis_type}{was}", actor=actor,
                    data={"from": before, "to": crisis_type})
    tell_channel(session, incident, now, what="type", actor=actor, before=before, after=crisis_type)
    refresh(session, incident, now, topic=True)
    return Outcome(True, f"Incident #{incident.id} is now classified as {crisis_type}.")


def set_role(session: Session, incident: Incident, role: str, user: str, actor: str, now: datetime) -> Outcome:
    """Give a role to a Slack user and invite them to the channel."""
    name = ROLE_NAMES[role]
    before = getattr(incident, role)
    if before == user:
        return Outcome(False, f"<@{user}> is already the {name.lower()} of incident #{incident.id}.")
    setattr(incident, role, user)
    was = f" (was <@{before}>)" if before else ""
    timeline.record(session, incident.id, now, "role", f"{name}: <@{user}>{was}", actor=actor,
                    data={"role": role, "user": user})
    tell_channel(session, incident, now, what="role", actor=actor, role=role, before=before, after=user)
    outbox.enqueue(session, now, kind="invite", lane=outbox.incident_lane(incident.id), incident_id=incident.id,
                   dedup_key=f"invite:{incident.id}:{user}",
                   payload={"people": [{"key": user, "slack_id": user, "email": None, "name": f"<@{user}>"}]})
    refresh(session, incident, now, topic=False)
    return Outcome(True, f"<@{user}> is now the {name.lower()} of incident #{incident.id}.")


def log_action(session: Session, incident: Incident, text: str, follow_up: bool, actor: str,
               now: datetime) -> Outcome:
    """Record what someone did; a follow-up item is also picked up by the review."""
    timeline.record(session, incident.id, now, "log", f"Follow-up: {text}" if follow_up else text, actor=actor,
                    data={"follow_up": follow_up})
    if follow_up:
        return Outcome(True, f"Follow-up item logged on the timeline of incident #{incident.id}; the review lists it.")
    return Outcome(True, f"Logged on the timeline of incident #{incident.id}.")


def status_update(session: Session, incident: Incident, text: str, actor: str, now: datetime,
                  stakeholders_channel: str | None) -> Outcome:
    """Post an internal status update in the room and to the stakeholders; status-update reminders count from it."""
    incident.last_update_at = now
    timeline.record(session, incident.id, now, "status_update", f"Status update: {text}", actor=actor,
                    data={"stakeholders_channel": stakeholders_channel})
    tell_channel(session, incident, now, what="status_update", actor=actor, text=text)
    if stakeholders_channel is None:
        return Outcome(True, f"Status update posted in <#{incident.channel_id}>. No stakeholders channel is set "
                             "(`room.stakeholders_channel` in the config), so it went nowhere else.")
    outbox.enqueue(session, now, kind="post_stakeholders", lane=f"stakeholders:{stakeholders_channel}",
                   incident_id=incident.id, payload={"channel": stakeholders_channel, "actor": actor, "text": text})
    return Outcome(True, f"Status update posted in <#{incident.channel_id}> and <#{stakeholders_channel}>.")


def queue_export(session: Session, incident: Incident, now: datetime) -> Outcome:
    outbox.enqueue(session, now, kind="export_timeline", lane=outbox.incident_lane(incident.id),
                   incident_id=incident.id)
    return Outcome(True, f"Uploading the timeline of incident #{incident.id} to <#{incident.channel_id}> "
                         "as a Markdown file.")
