"""A scenario as JSON-able data and back, for `DrillRun.data`: a run plays the scenario as it was when it started."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from escalation.drills.scenario import (
    ActStep,
    AlertStep,
    Expectation,
    MentionStep,
    Pages,
    Scenario,
    ScenarioError,
    Step,
)

VERSION = 1


def scenario_data(scenario: Scenario) -> dict:
    """Plain values only: durations in seconds, `starts` as ISO 8601 with its offset."""
    data = _plain(asdict(scenario))
    data["version"] = VERSION
    return data


def scenario_from_data(data: dict) -> Scenario:
    """The scenario `scenario_data` wrote; ScenarioError for data it did not write."""
    try:
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return Scenario(name=data["name"], title=data["title"], description=data["description"],
                        pages=Pages(people=tuple(data["pages"]["people"]), policy=data["pages"]["policy"]),
                        steps=tuple(_step(step) for step in data["steps"]),
                        expect=tuple(Expectation(what=e["what"], within=_delta(e["within"]), by=e["by"])
                                     for e in data["expect"]),
                        ends_after=_delta(data["ends_after"]),
                        starts=datetime.fromisoformat(data["starts"]) if data["starts"] else None,
                        admin=bool(data["admin"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ScenarioError(f"stored drill data is not a scenario: {type(error).__name__}: {error}") from None


def _step(data: dict) -> Step:
    alert, mentions, act = data["alert"], data["mentions"], data["act"]
    return Step(at=_delta(data["at"]),
                alert=AlertStep(**{**alert, "labels": dict(alert["labels"])}) if alert else None,
                mentions=MentionStep(**{**mentions, "over": _delta(mentions["over"]),
                                        "texts": tuple(mentions["texts"])}) if mentions else None,
                act=ActStep(**act) if act else None)


def _delta(seconds: Any) -> timedelta:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"a duration in seconds, got {seconds!r}")
    return timedelta(seconds=seconds)


def _plain(value: Any) -> Any:
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
        return int(seconds) if seconds.is_integer() else seconds
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value

