"""Parses the `schedules:` section of the config (stub: replaced by the schedules work)."""
from __future__ import annotations

from bot.config.problems import Problem


def parse_schedules(raw: object, path: str, problems: list[Problem], people: set[str]) -> dict:
    """Plain YAML values -> {name: Schedule}; appends a Problem for each mistake instead of raising."""
    return {}
