"""The escalation engine: advances every escalation that is due, in one transaction per cycle."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import Incident
from escalation.paging.models import EscalationState
from escalation.paging.pages import paged_at_level, queue_pages
from escalation.paging.policy import Policy
from escalation.paging.roster import Roster, resolve_targets
from escalation.paging.steps import Exhausted, PageLevel, Position, Remind, StateView, Wait, next_step


def due_states(now: datetime, limit: int):
    return (select(EscalationState)
            .where(EscalationState.active.is_(True), EscalationState.next_action_at <= now)
            .order_by(EscalationState.next_action_at).limit(limit)
            .with_for_update(skip_locked=True))


def run_cycle(session: Session, now: datetime, roster: Roster, limit: int = 200) -> int:
    """Advance every escalation due at `now`; returns how many moved. The caller commits."""
    states = session.scalars(due_states(now, limit)).all()
    for state in states:
        advance(session, state, roster, now)
    return len(states)


def view(state: EscalationState) -> StateView:
    return StateView(active=state.active, loop=state.loop, level=state.level, level_paged=state.level_paged,
                     escalate_at=state.escalate_at, next_reminder_at=state.next_reminder_at,
                     reminders_sent=state.reminders_sent)


def advance(session: Session, state: EscalationState, roster: Roster, now: datetime) -> None:
    """Apply every step due at `now` to one escalation (an empty level moves straight on)."""
    incident = session.get(Incident, state.incident_id)
    if incident is None:  # the foreign key keeps the row; a database without it enforced may not
        raise LookupError(f"escalation names incident {state.incident_id}, which is not in the database")
    policy = roster.policies.get(state.policy_name)
    if policy is None:
        state.stop(now)
        timeline.record(session, incident.id, now, "escalation",
                        f"Escalation stopped: policy {state.policy_name} is no longer in the config")
        return
    # Each iteration either waits or moves forward; an all-empty policy runs out after one pass per repeat.
    for _ in range(len(policy.levels) * (policy.repeat + 1) + 2):
        step = next_step(view(state), policy, now)
        if isinstance(step, Wait):
            state.next_action_at = step.until
            break
        if isinstance(step, PageLevel):
            page_level(session, incident, state, policy, step.at, roster, now)
        elif isinstance(step, Remind):
            remind(session, incident, state, policy, step.seq, roster, now)
        elif isinstance(step, Exhausted):
            exhaust(session, incident, state, policy, now)
            break
    state.updated_at = now


def page_level(session, incident, state, policy: Policy, at: Position, roster: Roster, now) -> None:
    level = policy.levels[at.level]
    state.loop, state.level, state.level_paged, state.level_paged_at = at.loop, at.level, True, now
    state.reminders_sent = 0
    resolved = resolve_targets(level.targets, roster, now)
    if not resolved.people:
        state.escalate_at, state.next_reminder_at = now, None
        why = "; ".join(resolved.notes) or "no one to page"
        timeline.record(session, incident.id, now, "skip", f"Level {at.level + 1} skipped: {why}",
                        data={"level": at.level, "loop": at.loop})
        return
    state.escalate_at = now + level.wait
    state.next_reminder_at = now + level.remind_every if level.remind_every else None
    for note in resolved.notes:
        timeline.record(session, incident.id, now, "note", f"Level {at.level + 1}: {note}")
    queue_pages(session, incident, state, list(resolved.people), 0, now)


def remind(session, incident, state, policy: Policy, seq: int, roster: Roster, now) -> None:
    level = policy.levels[state.level]
    people = [roster.directory.people[k] for k in paged_at_level(session, state) if k in roster.directory.people]
    state.reminders_sent = seq
    state.next_reminder_at = now + level.remind_every if level.remind_every else None
    if people:
        queue_pages(session, incident, state, people, seq, now)


def exhaust(session, incident, state, policy: Policy, now) -> None:
    state.stop(now)
    levels = len(policy.levels) * (policy.repeat + 1)
    text = f"Nobody acknowledged: escalation policy {policy.name} ran out after {levels} level(s)"
    timeline.record(session, incident.id, now, "exhausted", text)
    outbox.post_in_channel(session, now, incident.id, f":rotating_light: {text}.")
