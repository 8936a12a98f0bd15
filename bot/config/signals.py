"""The `signals:` section: social-listening sources and topics, and the rules that open incidents."""
from __future__ import annotations

from dataclasses import dataclass

from bot.config.problems import Problem  # noqa: F401


@dataclass(frozen=True)
class SignalSettings:
    pass


def parse_signals(raw: object, path: str, problems: list, users: set[str] | None = None,
                 teams: set[str] | None = None) -> SignalSettings:
    """Validate the section; every problem goes on `problems` with its key path."""
    return SignalSettings()
