"""Triage of a signal-opened incident: the first level decides whether it is a crisis (the policy pages on from
level 2), a customer-service matter (handed to that channel and closed as not a crisis), or one to watch for an
hour (asked again when the hour ends or a new trigger fires). Each decision goes on the timeline with who, when
and how long after the opening it came."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.elapsed import spoken
from escalation.incidents.models import TRIAGE, TRIGGERED, Incident
from escalation.incidents.service import Outcome, resolve
from escalation.paging import EscalationState

CRISIS, CUSTOMER_SERVICE, WATCH = "crisis", "customer_service", "watch"
WATCH_FOR = timedelta(hours=1)
NOT_A_CRISIS = "not a crisis"
SAID = {CRISIS: "It's a crisis", CUSTOMER_SERVICE: "Customer service", WATCH: "Watch 1 h"}
CLOSED = {CRISIS: "judged a crisis", CUSTOMER_SERVICE: "handed to customer service",
          WATCH: "put on watch for 1 h"}  # the page DMs: "Incident #1 · … was judged a crisis by @U"


def undecided(incident: Incident) -> Outcome | None:
    """Why the incident takes no triage decision now (None: it does)."""
    if incident.status == TRIAGE:
        return None
    said = "is resolved" if not incident.is_open else f"was already triaged: it is {incident.status}"
    return Outcome(False, f"Incident #{incident.id} {said}.")


def record(session: Session, incident: Incident, decision: str, actor: str, now: datetime, close: bool = True,
           **data) -> str:
    took = now - incident.created_at
    what = f"Triage: {SAID[decision]}, {spoken(took)} after the incident opened"
    timeline.record(session, incident.id, now, "triage", what, actor=actor,
                    data={"decision": decision, "seconds": int(took.total_seconds()), **data})
    lane = outbox.incident_lane(incident.id)
    outbox.enqueue(session, now, kind="triage_decided", lane=lane, incident_id=incident.id,
                   payload={"decision": decision, "actor": actor, **data})
    if close:  # closing as not a crisis resolves it, and resolving closes the page DMs
        outbox.enqueue(session, now, kind="close_pages", lane=f"pages:{incident.id}", incident_id=incident.id,
                       payload={"change": CLOSED[decision], "actor": actor, "level": 0})
    return what


def crisis(session: Session, incident: Incident, actor: str, now: datetime, invite: tuple[dict, ...]) -> Outcome:
    """It's a crisis: the policy pages on from level 2, and the standing people join the channel."""
    refused = undecided(incident)
    if refused:
        return refused
    incident.status = TRIGGERED
    state = session.get(EscalationState, incident.id, with_for_update=True)
    if state is not None and state.active:
        # Watching, level 1 was not paged again yet: count it paged, so the next step is level 2.
        state.level_paged, state.escalate_at, state.next_reminder_at, state.next_action_at = True, now, None, now
    record(session, incident, CRISIS, actor, now)
    lane = outbox.incident_lane(incident.id)
    if invite:
        outbox.enqueue(session, now, kind="invite", lane=lane, incident_id=incident.id,
                       payload={"people": list(invite)}, dedup_key=f"invite-standing:{incident.id}")
    outbox.enqueue(session, now, kind="update_summary", lane=lane, incident_id=incident.id)
    outbox.enqueue(session, now, kind="set_topic", lane=lane, incident_id=incident.id)  # {status} changed
    more = "the escalation policy pages on from level 2" if state is not None else "no escalation policy applies"
    return Outcome(True, f"Incident #{incident.id} is a crisis: {more}.")


def customer_service(session: Session, incident: Incident, actor: str, now: datetime,
                     channel: str | None) -> Outcome:
    """Customer service: handed to that channel with the evidence, closed as not a crisis (kept for the review)."""
    refused = undecided(incident)
    if refused:
        return refused
    if channel is None:
        return Outcome(False, "No customer-service channel is configured (`signals.customer_service_channel`, or "
                              "the topic's own), so it cannot be handed over. Decide “It's a crisis” or "
                              "“Watch 1 h”, or resolve the incident.")
    record(session, incident, CUSTOMER_SERVICE, actor, now, close=False, channel=channel)
    outbox.enqueue(session, now, kind="triage_handoff", lane=f"handoff:{incident.id}", incident_id=incident.id,
                   dedup_key=f"triage-handoff:{incident.id}", payload={"channel": channel, "actor": actor})
    resolve(session, incident, actor, now, NOT_A_CRISIS)
    return Outcome(True, f"Incident #{incident.id} handed to customer service in <#{channel}> and closed as "
                         f"{NOT_A_CRISIS}.")


def watch(session: Session, incident: Incident, actor: str, now: datetime) -> Outcome:
    """Watch 1 h: no paging for an hour; then (or at a new trigger) the first level is asked again."""
    refused = undecided(incident)
    if refused:
        return refused
    until = now + WATCH_FOR
    state = session.get(EscalationState, incident.id, with_for_update=True)
    if state is not None and state.active:
        # A new round pages level 1 afresh (pages are unique per round) when the watch ends.
        state.round, state.loop, state.level, state.level_paged = state.round + 1, 0, 0, False
        state.escalate_at, state.next_reminder_at, state.reminders_sent, state.next_action_at = None, None, 0, until
    record(session, incident, WATCH, actor, now, until=until.isoformat())
    return Outcome(True, f"Watching incident #{incident.id} for 1 h: triage is asked again then, or at a new trigger.")


def ask_again(session: Session, incident_id: int, now: datetime) -> None:
    """A new trigger on a watched incident ends the watch: the first level is asked again now."""
    incident = session.get(Incident, incident_id)
    state = session.get(EscalationState, incident_id, with_for_update=True)
    if incident is None or incident.status != TRIAGE or state is None or not state.active or state.level_paged:
        return
    if state.next_action_at is not None and state.next_action_at <= now:
        return  # the hour is up anyway: the engine asks now
    state.next_action_at = now
    timeline.record(session, incident_id, now, "note", "A new trigger while watching: triage is asked again now")
