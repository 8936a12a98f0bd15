"""The `room:` section: crisis types, severity names, the stakeholders channel."""
from __future__ import annotations

from dataclasses import dataclass

from bot.config.problems import Problem  # noqa: F401


@dataclass(frozen=True)
class RoomSettings:
    pass


def parse_room(raw: object, path: str, problems: list, users: set[str] | None = None,
                 teams: set[str] | None = None) -> RoomSettings:
    """Validate the section; every problem goes on `problems` with its key path."""
    return RoomSettings()
