"""The Acknowledge and Resolve buttons (pinned summary and page DMs)."""
from __future__ import annotations

from slack_bolt import App

from handlers.blocks import ACK_ACTION, RESOLVE_ACTION


def incident_number(action: dict) -> int | None:
    value = action.get("value", "")
    return int(value) if value.isdigit() else None


def register(app: App, desk) -> None:
    @app.action(ACK_ACTION)
    def on_ack(ack, body, action, respond):
        ack()
        outcome = desk.acknowledge(body["user"]["id"], incident_id=incident_number(action))
        if not outcome.changed:
            respond(text=outcome.message, response_type="ephemeral", replace_original=False)

    @app.action(RESOLVE_ACTION)
    def on_resolve(ack, body, action, respond):
        ack()
        outcome = desk.resolve(body["user"]["id"], incident_id=incident_number(action))
        if not outcome.changed:
            respond(text=outcome.message, response_type="ephemeral", replace_original=False)
