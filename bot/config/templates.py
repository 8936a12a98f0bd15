"""The `templates:` section: reply templates seeded into the database, who approves them."""
from __future__ import annotations

from dataclasses import dataclass

from bot.config.problems import Problem  # noqa: F401


@dataclass(frozen=True)
class TemplateSettings:
    pass


def parse_templates(raw: object, path: str, problems: list, users: set[str] | None = None,
                 teams: set[str] | None = None) -> TemplateSettings:
    """Validate the section; every problem goes on `problems` with its key path."""
    return TemplateSettings()
