"""The escalation engine: advances every escalation that is due, in one transaction per cycle."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents import Incident
from escalation.paging.drill import drill_roster
from escalation.paging.fallback import NOBODY, REMOVED, fall_back, paged_anyone, restart
from escalation.paging.groups import person_of
from escalation.paging.last_resort import run_out
from escalation.paging.models import EscalationState
from escalation.paging.pages import forget_paged, paged_at_level, prefetch_paged, queue_pages
from escalation.paging.policy import Policy
from escalation.paging.quiet import watch_quiet
from escalation.paging.reach import reached, unreachable
from escalation.paging.roster import Roster, resolve_targets
from escalation.paging.steps import Exhausted, PageLevel, Position, Remind, StateView, Wait, next_step
from escalation.paging.triage import lapse, lapses


def due_states(now: datetime, limit: int):
    return (select(EscalationState)
            .where(EscalationState.active.is_(True), EscalationState.next_action_at <= now)
            .order_by(EscalationState.next_action_at).limit(limit)
            .with_for_update(skip_locked=True))


def next_step_due(session: Session) -> datetime | None:
    """When the next escalation step falls due (the index on next_action_at answers it; inactive rows have none)."""
    return session.scalar(select(func.min(EscalationState.next_action_at)))


def run_cycle(session: Session, now: datetime, roster: Roster, limit: int = 200) -> int:
    """Advance every escalation due at `now` (a silent acknowledged one re-escalated first); returns how many
    moved or were looked at. The caller commits."""
    looked = watch_quiet(session, now, roster, limit)
    states = session.scalars(due_states(now, limit)).all()
    # Their incidents in one query: each advance then finds its own in the session's identity map, which keeps an
    # object only while something refers to it, so the list is held until the loop is done.
    held = session.scalars(select(Incident).where(Incident.id.in_([s.incident_id for s in states]))).all() \
        if states else []
    prefetch_paged(session, states)
    try:
        # The states' changes and timeline entries are flushed together at the end, in a few statements, not
        # before each look-up of the next state (the queued pages are Core inserts: written at once regardless).
        with session.no_autoflush:
            for state in states:
                advance(session, state, roster, now)
        session.flush()
    finally:
        forget_paged(session)
    del held
    return len(states) + looked


def view(state: EscalationState) -> StateView:
    return StateView(active=state.active, loop=state.loop, level=state.level, level_paged=state.level_paged,
                     escalate_at=state.escalate_at, next_reminder_at=state.next_reminder_at,
                     reminders_sent=state.reminders_sent)


def advance(session: Session, state: EscalationState, roster: Roster, now: datetime) -> None:
    """Apply every step due at `now` to one escalation (an empty level moves straight on)."""
    incident = session.get(Incident, state.incident_id)
    if incident is None:  # the foreign key keeps the row; a database without it enforced may not
        raise LookupError(f"escalation names incident {state.incident_id}, which is not in the database")
    roster = drill_roster(roster, incident.drill_run_id)  # a drill's incident pages only whom the drill names
    # The incident's policy, then (when it cannot page) the default one; the admin channel ends it.
    for _ in range(3):
        policy = current_policy(session, incident, state, roster, now)
        if policy is None or run_policy(session, incident, state, policy, roster, now):
            break
    state.updated_at = now


def current_policy(session, incident, state, roster: Roster, now) -> Policy | None:
    """The state's policy as the config has it now: a removed one falls back, a shortened one starts again."""
    policy = roster.policies.get(state.policy_name)
    if policy is None:
        fall_back(session, incident, state, roster, now, REMOVED)
        return roster.policies.get(state.policy_name) if state.active else None
    if state.level >= len(policy.levels) or state.loop > policy.repeat:  # levels or repeats were removed
        restart(state, policy.name, now)
        timeline.record(session, incident.id, now, "note", f"Escalation policy {policy.name} has fewer levels "
                        "than the incident had reached: it starts again from level 1", data={"round": state.round})
    return policy


def run_policy(session, incident, state, policy: Policy, roster: Roster, now) -> bool:
    """Steps of one policy until it waits or ends (True), or falls back to another policy to run now (False)."""
    # Each iteration either waits or moves forward; an all-empty policy runs out after one pass per repeat.
    for _ in range(len(policy.levels) * (policy.repeat + 1) + 2):
        step = next_step(view(state), policy, now)
        if lapses(incident.status, step):
            lapse(session, incident, state, now)
        if isinstance(step, Wait):
            state.next_action_at = step.until
            return True
        if isinstance(step, PageLevel):
            page_level(session, incident, state, policy, step.at, roster, now)
        elif isinstance(step, Remind):
            remind(session, incident, state, policy, step.seq, roster, now)
        elif isinstance(step, Exhausted):
            if paged_anyone(session, state):
                run_out(session, incident, state, policy, roster, now)
                return True
            fall_back(session, incident, state, roster, now, NOBODY)
            return not state.active
    return True


def page_level(session, incident, state, policy: Policy, at: Position, roster: Roster, now) -> None:
    level = policy.levels[at.level]
    state.loop, state.level, state.level_paged, state.level_paged_at = at.loop, at.level, True, now
    state.reminders_sent = 0
    resolved = resolve_targets(level.targets, roster, now)
    # Someone Slack did not know lately is not paged: a level of only such people is skipped at once.
    people, unknown = reached(resolved.people, unreachable(session, resolved.people, now))
    notes = [*resolved.notes, *unknown]
    if not people:
        state.escalate_at, state.next_reminder_at = now, None
        why = "; ".join(notes) or "no one to page"
        timeline.record(session, incident.id, now, "skip", f"Level {at.level + 1} skipped: {why}",
                        data={"level": at.level, "loop": at.loop})
        return
    state.escalate_at = now + level.wait
    state.next_reminder_at = now + level.remind_every if level.remind_every else None
    for note in notes:
        timeline.record(session, incident.id, now, "note", f"Level {at.level + 1}: {note}")
    queue_pages(session, incident, state, people, 0, now)


def remind(session, incident, state, policy: Policy, seq: int, roster: Roster, now) -> None:
    level = policy.levels[state.level]
    paged = [p for k in paged_at_level(session, state) if (p := person_of(roster.directory, k)) is not None]
    people, _ = reached(paged, unreachable(session, paged, now))  # the page DM said why, once
    state.reminders_sent = seq
    state.next_reminder_at = now + level.remind_every if level.remind_every else None
    if people:
        queue_pages(session, incident, state, people, seq, now)

