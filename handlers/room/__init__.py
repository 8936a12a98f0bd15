"""The crisis room at the edge: its /crisis subcommands, the pin reaction, and its Block Kit."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.room.commands import HELP_LINES, SUBCOMMANDS, register
from handlers.subcommands import Commands, bind

if TYPE_CHECKING:
    from bot.room import RoomDesk


def commands(room: RoomDesk) -> Commands:
    return bind(room, SUBCOMMANDS, HELP_LINES)


__all__ = ['HELP_LINES', 'commands', 'register']
