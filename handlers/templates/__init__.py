"""Reply templates at the edge: /crisis template, the proposal modal, Use/Approve/Reject buttons, Block Kit."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.subcommands import Commands, bind
from handlers.templates.commands import HELP_LINES, SUBCOMMANDS, register

if TYPE_CHECKING:
    from bot.templates import TemplateDesk


def commands(templates: TemplateDesk) -> Commands:
    return bind(templates, SUBCOMMANDS, HELP_LINES)


__all__ = ['HELP_LINES', 'commands', 'register']
