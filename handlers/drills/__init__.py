"""Drills at the edge: the drill report's message, and `/crisis drill` (list, start, stop)."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.drills.blocks import report_message
from handlers.drills.commands import HELP_LINES, SUBCOMMANDS
from handlers.subcommands import Commands, bind

if TYPE_CHECKING:
    from bot.drills.starting import DrillStarter


def commands(starter: DrillStarter) -> Commands:
    return bind(starter, SUBCOMMANDS, HELP_LINES)


__all__ = ["HELP_LINES", "commands", "report_message"]
