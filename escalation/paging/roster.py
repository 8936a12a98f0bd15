"""What the engine needs to know from the config: policies, people, and who is on call."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from escalation.paging.groups import StoredGroup, group_people
from escalation.paging.policy import DrillPaging, Fallback, Policy, Targets
from escalation.people import Directory, Person

OnCallLookup = Callable[[str, datetime], "str | None"]


def nobody_on_call(schedule: str, at: datetime) -> str | None:
    return None


@dataclass(frozen=True)
class Roster:
    policies: dict[str, Policy] = field(default_factory=dict)
    directory: Directory = field(default_factory=Directory)
    on_call: OnCallLookup = nobody_on_call  # schedule name, instant -> person key or None
    default_policy: str | None = None  # where an incident goes when its own policy cannot page
    admin_channel: str | None = None  # asked to page someone when no policy can
    fallback: Fallback = field(default_factory=Fallback)  # the last resort of a policy without its own
    managers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # schedule name -> manager person keys
    # severity -> how long an acknowledged incident may go without an update before it is paged again; None: never
    reescalate_after: dict[int, timedelta | None] = field(default_factory=dict)
    # Slack user groups the levels target, as last read into the database (ref -> group); read per transaction
    usergroups: dict[str, StoredGroup] = field(default_factory=dict)
    # Drill runs not yet ended -> whom their incidents may page (escalation/paging/drill.py); read per transaction
    drills: dict[int, DrillPaging] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolved:
    people: tuple[Person, ...]
    notes: tuple[str, ...]  # e.g. "nobody is on call for weekend-oncall"


def resolve_targets(targets: Targets, roster: Roster, now: datetime) -> Resolved:
    """The people a level pages at `now`, each once, in the order the config names them (user groups' members,
    as stored, last)."""
    keys: list[str] = list(targets.users)
    for team in targets.teams:
        keys.extend(roster.directory.teams[team].members)
    notes = []
    for schedule in targets.schedules:
        person = roster.on_call(schedule, now)
        if person is None:
            notes.append(f"nobody is on call for {schedule}")
        else:
            keys.append(person)
    people = {k: roster.directory.people[k] for k in keys if k in roster.directory.people}
    for ref in targets.usergroups:
        members, note = group_people(ref, roster.usergroups)
        if note:
            notes.append(note)
        slack_ids = {p.slack_id for p in people.values() if p.slack_id}
        for member in members:  # someone also named by the config is paged once
            if member.key not in people and member.slack_id not in slack_ids:
                people[member.key] = member
    return Resolved(tuple(people.values()), tuple(notes))


def person_ref(person: Person) -> dict:
    """A person as plain values for an outbox payload."""
    return {"key": person.key, "slack_id": person.slack_id, "email": person.email, "name": person.label}
