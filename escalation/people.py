"""Who can be paged: people from the config and the teams they form."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """One responder. `key` is the name the config uses; Slack id and/or email say who it is in Slack."""

    key: str
    slack_id: str | None = None
    email: str | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.key


@dataclass(frozen=True)
class Team:
    key: str
    members: tuple[str, ...]
    name: str | None = None


@dataclass(frozen=True)
class Directory:
    """Every person and team the config names, looked up by key."""

    people: dict[str, Person] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)

    def person(self, key: str) -> Person:
        return self.people[key]

    def by_slack_id(self, slack_id: str) -> Person | None:
        for person in self.people.values():
            if person.slack_id == slack_id:
                return person
        return None
