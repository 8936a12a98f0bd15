"""Reply templates at the edge: /crisis template, the proposal modal, Use/Approve/Reject buttons, Block Kit."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import App

from handlers.subcommands import Commands, bind
from handlers.templates import commands as template_commands
from handlers.templates import statement
from handlers.templates.commands import SUBCOMMANDS

if TYPE_CHECKING:
    from bot.templates import TemplateDesk


def commands(templates: TemplateDesk) -> Commands:
    return bind(templates, {**SUBCOMMANDS, **statement.SUBCOMMANDS}, HELP_LINES)


def register(app: App, templates: TemplateDesk) -> None:
    """Buttons and forms of templates, statements included."""
    template_commands.register(app, templates)
    statement.register(app, templates)


HELP_LINES = [*template_commands.HELP_LINES, *statement.HELP_LINES]


__all__ = ['HELP_LINES', 'commands', 'register']
