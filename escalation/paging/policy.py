"""Escalation policies as plain values: levels of targets, a wait, a reminder interval, repeats."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class Targets:
    """Whom a level pages: people and teams by config key, on-call schedules by name, Slack user groups by id
    (S0123…) or @handle."""

    users: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    schedules: tuple[str, ...] = ()
    usergroups: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.users or self.teams or self.schedules or self.usergroups)


@dataclass(frozen=True)
class Fallback:
    """The last resort when a policy runs out after paging people who did not answer: these people (by config key
    and team), the managers of the policy's schedules, and a message in the on-call admin channel."""

    users: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    managers: bool = True  # the managers of the schedules the policy's levels page
    admin_channel: bool = True


@dataclass(frozen=True)
class Level:
    targets: Targets
    wait: timedelta
    remind_every: timedelta | None = None


@dataclass(frozen=True)
class Policy:
    """`repeat` is how many more times the whole list of levels runs after the first pass."""

    name: str
    levels: tuple[Level, ...]
    repeat: int = 0
    description: str | None = None
    fallback: Fallback | None = None  # None: the config's global `paging.fallback`


@dataclass(frozen=True)
class DrillPaging:
    """Whom a drill's incidents may page: its own policy (None: nobody), and whether it may go past that policy to
    the default one, the on-call admin channel and a last resort, as a real incident would."""

    policy: Policy | None
    admin: bool = False


@dataclass(frozen=True)
class Route:
    """Sends alerts of a source (and, optionally, with these labels) to a policy. First match wins."""

    policy: str
    source: str | None = None
    match: dict[str, str] = field(default_factory=dict)

    def matches(self, source: str, labels: dict[str, str]) -> bool:
        if self.source is not None and self.source != source:
            return False
        return all(labels.get(k) == v for k, v in self.match.items())


def route_policy(routes: tuple[Route, ...], default: str | None, source: str, labels: dict[str, str]) -> str | None:
    """The policy an alert goes to: the first route that matches, else the default."""
    for route in routes:
        if route.matches(source, labels):
            return route.policy
    return default
