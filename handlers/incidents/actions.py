"""The Acknowledge and Resolve buttons (pinned summary and page DMs)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import App

from handlers.incidents.blocks import ACK_ACTION, RESOLVE_ACTION

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk


def incident_number(action: dict) -> int | None:
    value = action.get("value", "")
    return int(value) if value.isdigit() else None


def button(act):
    """A listener that acks, applies `act` to the button's incident, and answers only when nothing changed."""
    def on_click(ack, body, action, respond):
        ack()
        outcome = act(body["user"]["id"], incident_id=incident_number(action))
        if not outcome.changed:
            respond(text=outcome.message, response_type="ephemeral", replace_original=False)
    return on_click


def register(app: App, incidents: IncidentDesk) -> None:
    app.action(ACK_ACTION)(button(incidents.acknowledge))
    app.action(RESOLVE_ACTION)(button(incidents.resolve))
