"""On-call at the edge: /crisis oncall and override, the iCalendar feed, on-call lines."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.schedules.commands import HELP_LINES, SUBCOMMANDS
from handlers.schedules.feed import calendar_routes
from handlers.subcommands import Commands, bind

if TYPE_CHECKING:
    from bot.schedules import OnCallDesk


def commands(schedules: OnCallDesk) -> Commands:
    return bind(schedules, SUBCOMMANDS, HELP_LINES)


__all__ = ['HELP_LINES', 'calendar_routes', 'commands']
