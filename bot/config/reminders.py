"""The `reminders:` section: status-update reminders and first-public-reply targets per severity."""
from __future__ import annotations

from dataclasses import dataclass

from bot.config.problems import Problem  # noqa: F401


@dataclass(frozen=True)
class ReminderSettings:
    pass


def parse_reminders(raw: object, path: str, problems: list, users: set[str] | None = None,
                 teams: set[str] | None = None) -> ReminderSettings:
    """Validate the section; every problem goes on `problems` with its key path."""
    return ReminderSettings()
