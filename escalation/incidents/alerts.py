"""An alert as the core receives it: plain values, whatever webhook it came through."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from escalation.incidents.declaring import Declaration
from escalation.paging import Route

SEVERITIES = (1, 2, 3, 4)  # 1 is the most severe
DEFAULT_SEVERITY = 3


@dataclass(frozen=True)
class AlertIn:
    """One alert from a monitoring source.

    `group_key` decides the incident: alerts with the same source and group key while an incident is open
    attach to it. `fingerprint` names one alert inside the group (Alertmanager sends several per group).
    """

    source: str
    group_key: str
    fingerprint: str
    title: str
    status: str = "firing"  # firing | resolved
    severity: int = DEFAULT_SEVERITY
    description: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (text, url)
    labels: dict[str, str] = field(default_factory=dict)
    started_at: datetime | None = None
    raw: dict = field(default_factory=dict)
    declared: Declaration | None = None  # a person declared it in Slack: how the incident it opens is set up
    triage: bool = False  # the incident it opens waits for a person's triage (escalation/incidents/triage.py)
    drill: int | None = None  # the drill run that played it: the incident it opens is that drill's


@dataclass(frozen=True)
class Intake:
    """The config an intake needs, as plain values."""

    routes: tuple[Route, ...]
    default_policy: str | None  # None: incidents open but page nobody
    auto_resolve: bool
    channel_name: Callable[[int, AlertIn, datetime], str]  # incident number, first alert, now -> name
    invite: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Received:
    incident_id: int | None
    outcome: str  # opened | attached | repeated | resolved_alert | resolved_incident | ignored
