"""Incidents at the edge: /crisis ack and resolve, the Acknowledge and Resolve buttons, alert webhooks, and the
incident's Block Kit."""
# ruff: noqa: I001  (submodules in dependency order: features import each other's packages)
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.incidents.blocks import ACK_ACTION
from handlers.incidents.actions import register
from handlers.incidents.commands import HELP_LINES, SUBCOMMANDS
from handlers.incidents.webhooks import webhook_routes
from handlers.incidents.events_v2 import pagerduty_routes
from handlers.subcommands import Commands, bind

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk


def commands(incidents: IncidentDesk) -> Commands:
    return bind(incidents, SUBCOMMANDS, HELP_LINES)

__all__ = ['ACK_ACTION', 'HELP_LINES', 'commands', 'pagerduty_routes', 'register', 'webhook_routes']
