"""Signals at the edge: /crisis pulse and the mentions webhook."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.signals.commands import HELP_LINES, SUBCOMMANDS
from handlers.signals.webhooks import webhook_routes
from handlers.subcommands import Commands, bind

if TYPE_CHECKING:
    from bot.signals import SignalDesk


def commands(signals: SignalDesk) -> Commands:
    return bind(signals, SUBCOMMANDS, HELP_LINES)


__all__ = ['HELP_LINES', 'commands', 'webhook_routes']
