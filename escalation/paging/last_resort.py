"""When a policy runs out after paging people who did not answer: its last resort (`fallback:` on the policy, or the
config's global one) is paged by DM with Acknowledge, the on-call admin channel is told, and the incident channel
and the timeline say so. By default the last resort is the admin channel and the managers of the policy's
schedules."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import Incident
from escalation.paging.models import EscalationState, Page
from escalation.paging.policy import Fallback, Policy
from escalation.paging.reach import reached, unreachable
from escalation.paging.roster import Roster, person_ref
from escalation.people import Person

FALLBACK = -2  # Page.level of a last-resort page (ON_DEMAND, -1, is a page someone asked for)


def fallback_people(rule: Fallback, policy: Policy, roster: Roster) -> list[Person]:
    """The last resort's people, each once: its users, its teams' members, then the schedules' managers."""
    keys = list(rule.users)
    for team in rule.teams:
        keys.extend(roster.directory.teams[team].members if team in roster.directory.teams else ())
    if rule.managers:
        for level in policy.levels:
            for schedule in level.targets.schedules:
                keys.extend(roster.managers.get(schedule, ()))
    people = roster.directory.people
    return [people[k] for k in dict.fromkeys(keys) if k in people]


def run_out(session: Session, incident: Incident, state: EscalationState, policy: Policy, roster: Roster,
            now: datetime) -> None:
    """Stop the escalation and hand the incident to the policy's last resort; said once (keyed by the round)."""
    state.stop(now)
    levels = len(policy.levels) * (policy.repeat + 1)
    rule = policy.fallback or roster.fallback
    candidates = fallback_people(rule, policy, roster)
    people, notes = reached(candidates, unreachable(session, candidates, now))
    admin = roster.admin_channel if rule.admin_channel else None
    told = []
    if people:
        told.append(f"paged {', '.join(p.label for p in people)}")
    if admin:
        told.append("told the on-call admin channel")
    outcome = f"last resort: {' and '.join(told)}" if told else "there is no last resort to page"
    text = f"Nobody acknowledged: escalation policy {policy.name} ran out after {levels} level(s)"
    timeline.record(session, incident.id, now, "exhausted", f"{text}; {outcome}",
                    data={"policy": policy.name, "levels": levels, "people": [p.key for p in people],
                          "admin": admin})
    for note in notes:
        timeline.record(session, incident.id, now, "note", f"Last resort: {note}")
    key = f"{incident.id}:{state.round}"
    for person in people:
        if outbox.enqueue(session, now, kind="dm_fallback", lane=outbox.dm_lane(incident.id, person.key),
                          incident_id=incident.id, dedup_key=f"dm-fallback:{key}:{person.key}",
                          payload={"person": person_ref(person), "round": state.round, "policy": policy.name,
                                   "levels": levels}) is None:
            continue
        session.add(Page(incident_id=incident.id, round=state.round, loop=0, level=FALLBACK, seq=0,
                         person_key=person.key, created_at=now))
        outbox.enqueue(session, now, kind="invite", lane=outbox.incident_lane(incident.id), incident_id=incident.id,
                       dedup_key=f"invite:{incident.id}:{person.key}", payload={"people": [person_ref(person)]})
    payload = {"policy": policy.name, "levels": levels, "people": [person_ref(p) for p in people], "admin": admin}
    outbox.enqueue(session, now, kind="ran_out", lane=outbox.incident_lane(incident.id), incident_id=incident.id,
                   dedup_key=f"ran-out:{key}", payload=payload)
    if admin:
        outbox.enqueue(session, now, kind="admin_ran_out", lane=f"admin:{admin}", incident_id=incident.id,
                       dedup_key=f"ran-out-admin:{key}", payload=payload)
