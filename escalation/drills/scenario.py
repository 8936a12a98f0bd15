"""A drill scenario as plain values: a timed script of alerts and mentions, who it pages, and what the team is
expected to do by when. `parse_scenario` (escalation/drills/parsing.py) builds one from the YAML's data."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

# What a team can be expected to do, each read from the incident's timeline (escalation/drills/report.py).
EXPECTATIONS = ("acknowledge", "triage", "status_update", "public_reply", "statement", "resolve", "commander",
                "log")


class ScenarioError(ValueError):
    """A scenario that cannot be played; the message names the field (`steps[2].at: ...`)."""


@dataclass(frozen=True)
class AlertStep:
    """One alert, as a monitoring tool would send it; `group` keeps repeats in one incident."""

    title: str
    group: str
    severity: int = 3
    source: str = "alertmanager"  # how the scenario says it arrives; stored as source "drill"
    description: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    status: str = "firing"  # firing | resolved


@dataclass(frozen=True)
class MentionStep:
    """`count` social mentions on `topic` (a topic of the config), spread evenly over `over`."""

    topic: str
    count: int
    over: timedelta
    texts: tuple[str, ...]  # used in turn
    language: str | None = None
    followers: int = 0  # per post; a high-reach post is a step with count 1 and many followers
    platform: str | None = None


@dataclass(frozen=True)
class ActStep:
    """A scripted person's command, for local demos (`crisisdesk drill run`): `person` is a config person key."""

    person: str
    command: str  # what they type, e.g. "/crisis ack"


@dataclass(frozen=True)
class Step:
    at: timedelta  # after the drill starts
    alert: AlertStep | None = None
    mentions: MentionStep | None = None
    act: ActStep | None = None


@dataclass(frozen=True)
class Expectation:
    what: str  # one of EXPECTATIONS
    within: timedelta  # after the drill's first incident opened
    by: str | None = None  # a config person key, when it must be that person


@dataclass(frozen=True)
class Pages:
    """Who a drill may page: the people it names (a one-level policy of them), or a policy of the config."""

    people: tuple[str, ...] = ()
    policy: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str  # the file's stem
    title: str
    description: str
    pages: Pages
    steps: tuple[Step, ...]
    expect: tuple[Expectation, ...]
    ends_after: timedelta = timedelta(hours=2)  # the drill ends then, resolved or not
    starts: datetime | None = None  # where a local replay's clock starts (aware); None: now
    admin: bool = False  # may it reach the admin channel and the fallback (the scenario must ask)
