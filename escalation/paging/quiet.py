"""Re-escalation of silent acknowledgements: an acknowledged incident with no update (`/crisis update`, a log
entry, a template used, a severity change, or "Still on it") for its severity's `reescalate_after` is paged
again from level 1; the acknowledger is warned at 75 % of that time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.elapsed import spoken
from escalation.incidents import TRIGGERED, Incident
from escalation.paging.fallback import restart
from escalation.paging.models import EscalationState
from escalation.paging.roster import Roster
from escalation.timeline import TimelineEvent

ACKNOWLEDGED = "acknowledged"
WARN_AT = 75  # percent of `reescalate_after` gone before the acknowledger is warned
UPDATES = ("status_update", "log", "template_used", "severity", "still_on_it")  # timeline kinds that reset it


@dataclass(frozen=True)
class Warn:
    reescalate_at: datetime


@dataclass(frozen=True)
class Reescalate:
    pass


@dataclass(frozen=True)
class Hold:
    until: datetime | None  # None: never (this severity does not re-escalate)


def quiet_step(since: datetime, after: timedelta | None, warned_for: datetime | None, now: datetime):
    """What is due at `now` for an incident silent since `since`: pure."""
    if after is None:
        return Hold(None)
    due, warn = since + after, since + after * WARN_AT / 100
    if now >= due:
        return Reescalate()
    if warned_for == since:
        return Hold(due)
    return Warn(due) if now >= warn else Hold(warn)


def due_quiet(now: datetime, limit: int):
    """Acknowledged incidents whose silence is due a look: never looked at, severity changed, or time come."""
    return (select(EscalationState, Incident).join(Incident, Incident.id == EscalationState.incident_id)
            .where(Incident.status == ACKNOWLEDGED,
                   or_(EscalationState.quiet_severity.is_(None), EscalationState.quiet_severity != Incident.severity,
                       EscalationState.quiet_at <= now))
            .order_by(EscalationState.incident_id).limit(limit)
            .with_for_update(skip_locked=True, of=EscalationState))


def last_updates(session: Session, incident_ids: list[int]) -> dict[int, datetime]:
    """Incident -> its latest update, in one statement for the whole batch."""
    rows = session.execute(select(TimelineEvent.incident_id, func.max(TimelineEvent.at))
                           .where(TimelineEvent.incident_id.in_(incident_ids), TimelineEvent.kind.in_(UPDATES))
                           .group_by(TimelineEvent.incident_id))
    return {incident_id: at for incident_id, at in rows}


def watch_quiet(session: Session, now: datetime, roster: Roster, limit: int = 200) -> int:
    """Warn or re-escalate every acknowledged incident whose silence is due at `now`; returns how many were
    looked at. A re-escalated one is due for the engine at `now`. The caller commits."""
    rows = session.execute(due_quiet(now, limit)).all()
    updates = last_updates(session, [state.incident_id for state, _ in rows]) if rows else {}
    for state, incident in rows:
        if incident.drill_run_id is not None and incident.drill_run_id not in roster.drills:
            state.quiet_severity, state.quiet_at = incident.severity, None  # a drill that ended pages nobody again
            continue
        since = max(t for t in (incident.acknowledged_at or now, updates.get(incident.id)) if t is not None)
        after = roster.reescalate_after.get(incident.severity)
        step = quiet_step(since, after, state.quiet_warned_for, now)
        state.quiet_severity, state.updated_at = incident.severity, now
        if isinstance(step, Reescalate):
            assert after is not None  # only a severity with a time re-escalates
            reescalate(session, state, incident, now - since, now)
        elif isinstance(step, Warn):
            warn(session, state, incident, since, step.reescalate_at, now)
        else:
            state.quiet_at = step.until
    return len(rows)


def warn(session: Session, state: EscalationState, incident: Incident, since: datetime, due: datetime,
         now: datetime) -> None:
    state.quiet_warned_for, state.quiet_at = since, due
    who = incident.acknowledged_by or "the channel"
    outbox.enqueue(session, now, kind="quiet_warning", lane=outbox.dm_lane(incident.id, f"ack:{who}"),
                   incident_id=incident.id, dedup_key=f"quiet-warning:{incident.id}:{since.isoformat()}",
                   payload={"user": incident.acknowledged_by, "quiet": int((now - since).total_seconds()),
                            "due_at": due.isoformat()})
    timeline.record(session, incident.id, now, "quiet_warning",
                    f"No update for {spoken(now - since)}: warned that paging starts again in {spoken(due - now)}",
                    data={"user": incident.acknowledged_by, "due_at": due.isoformat()})


def reescalate(session: Session, state: EscalationState, incident: Incident, quiet: timedelta,
               now: datetime) -> None:
    """Page the incident again from level 1 of its policy, in a new round; the channel and the timeline say so."""
    incident.status = TRIGGERED
    restart(state, state.policy_name, now)
    state.active, state.quiet_at, state.quiet_severity, state.quiet_warned_for = True, None, None, None
    timeline.record(session, incident.id, now, "reescalated",
                    f"No update for {spoken(quiet)} after the acknowledgement: paging again from level 1",
                    data={"round": state.round, "seconds": int(quiet.total_seconds())})
    lane = outbox.incident_lane(incident.id)
    outbox.enqueue(session, now, kind="reescalated", lane=lane, incident_id=incident.id,
                   dedup_key=f"reescalated:{incident.id}:{state.round}",
                   payload={"quiet": int(quiet.total_seconds()), "acknowledged_by": incident.acknowledged_by})
    outbox.enqueue(session, now, kind="update_summary", lane=lane, incident_id=incident.id)
    outbox.enqueue(session, now, kind="set_topic", lane=lane, incident_id=incident.id)  # {status} changed


def still_on_it(session: Session, incident: Incident, actor: str, after: timedelta | None,
                now: datetime) -> tuple[bool, str]:
    """"Still on it": the re-escalation clock starts again from `now` (an update, for the rule). Returns whether
    it did, and what to tell the person (incidents' Outcome, which this package is imported before)."""
    if incident.status != ACKNOWLEDGED:
        why = "is resolved" if incident.status != TRIGGERED else "is being paged again: acknowledge it instead"
        return False, f"Incident #{incident.id} {why}."
    timeline.record(session, incident.id, now, "still_on_it", "Still on it: the re-escalation clock starts again",
                    actor=actor)
    state = session.get(EscalationState, incident.id, with_for_update=True)
    if state is not None:  # the next cycle computes the new times from this update
        state.quiet_at, state.quiet_severity = None, None
    later = f" It is paged again only after {spoken(after)} without an update." if after else ""
    return True, f"Noted: <@{actor}> is still on incident #{incident.id}.{later}"
