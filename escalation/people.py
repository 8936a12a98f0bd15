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

    @property
    def slack_only(self) -> bool:
        """Known to Slack only (paged by their Slack id, not named in the config): the label is that id, which
        the renderers show as a mention when a timeline event names it in `data["mentions"]`."""
        return self.name is None and self.key == self.slack_id


def slack_only(user_id: str) -> Person:
    """Someone the config does not name, paged by their Slack user id."""
    return Person(key=user_id, slack_id=user_id)


def mentions(people: list[Person] | tuple[Person, ...]) -> list[str]:
    """The Slack ids of the people whose label is their id: a timeline event keeps them in `data["mentions"]`, so
    its text stays plain and the edge renders them as mentions (Slack) or names (the Markdown file)."""
    return list(dict.fromkeys(p.key for p in people if p.slack_only))


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
