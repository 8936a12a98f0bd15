"""The crisis room at the edge: its /crisis subcommands, the pin reaction, playbooks, and its Block Kit."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import App

from handlers.room import commands as room_commands
from handlers.room import playbook
from handlers.room.commands import HELP_LINES, SUBCOMMANDS
from handlers.room.playbook import policy_line
from handlers.subcommands import Commands, bind

if TYPE_CHECKING:
    from bot.room import RoomDesk


def commands(room: RoomDesk) -> Commands:
    return bind(room, SUBCOMMANDS, HELP_LINES)


def register(app: App, room: RoomDesk) -> None:
    """Buttons, modals and events of the room: the commands' own, and the playbook's checkboxes."""
    room_commands.register(app, room)
    playbook.register(app, room)


__all__ = ['HELP_LINES', 'commands', 'policy_line', 'register']
