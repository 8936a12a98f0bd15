"""What the engine needs to know from the config: policies, people, and who is on call."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from escalation.paging.policy import Policy, Targets
from escalation.people import Directory, Person

OnCallLookup = Callable[[str, datetime], "str | None"]


def nobody_on_call(schedule: str, at: datetime) -> str | None:
    return None


@dataclass(frozen=True)
class Roster:
    policies: dict[str, Policy] = field(default_factory=dict)
    directory: Directory = field(default_factory=Directory)
    on_call: OnCallLookup = nobody_on_call  # schedule name, instant -> person key or None


@dataclass(frozen=True)
class Resolved:
    people: tuple[Person, ...]
    notes: tuple[str, ...]  # e.g. "nobody is on call for weekend-oncall"


def resolve_targets(targets: Targets, roster: Roster, now: datetime) -> Resolved:
    """The people a level pages at `now`, each once, in the order the config names them."""
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
    unique = dict.fromkeys(k for k in keys if k in roster.directory.people)
    return Resolved(tuple(roster.directory.people[k] for k in unique), tuple(notes))


def person_ref(person: Person) -> dict:
    """A person as plain values for an outbox payload."""
    return {"key": person.key, "slack_id": person.slack_id, "email": person.email, "name": person.label}
