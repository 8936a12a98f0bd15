"""The Acknowledge and Resolve buttons (pinned summary and page DMs)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import App

from handlers.incidents.blocks import ACK_ACTION, RESOLVE_ACTION
from handlers.incidents.declare import register_declare
from handlers.incidents.home import register_home
from handlers.incidents.quiet import STILL_ON_IT_ACTION
from handlers.incidents.triage import register_triage
from handlers.markup import drill_blocks, drill_text, is_drill_message, said
from handlers.subcommands import as_number, pressed_in

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk


def incident_number(action: dict) -> int | None:
    return as_number(action.get("value"))


def button(act):
    """A listener that acks, applies `act` to the button's incident, and answers only when nothing changed.

    Where it was pressed matters: outside the incident's channel (a page DM) it acts for responders only."""
    def on_click(ack, body, action, respond):
        ack()
        number = incident_number(action)
        if number is None:  # never ours: without a number the channel would name some other incident
            respond(text="This button is broken; use `/crisis` in the incident channel.", response_type="ephemeral",
                    replace_original=False)
            return
        outcome = act(body["user"]["id"], incident_id=number, channel_id=pressed_in(body), button=True)
        if not outcome.changed:
            respond(text=said(outcome), response_type="ephemeral", replace_original=False)
    return on_click


def still_on_it(incidents: IncidentDesk):
    """"Still on it" on the re-escalation warning: once taken, the warning loses its button."""
    def on_click(ack, body, action, respond):
        ack()
        number = incident_number(action)
        outcome = incidents.still_on_it(body["user"]["id"], incident_id=number, channel_id=pressed_in(body)) \
            if number is not None else None
        drill = is_drill_message(body.get("message") or {})  # the warning was a drill's: the answers say so too
        if outcome is None or not outcome.changed:
            answer = said(outcome) if outcome else "This button is broken; use `/crisis update` instead."
            respond(text=drill_text(answer) if drill and outcome else answer, response_type="ephemeral",
                    replace_original=False)
            return
        words, blocks = outcome.message, [{"type": "section", "text": {"type": "mrkdwn", "text": outcome.message}}]
        if drill:
            words, blocks = drill_text(words), drill_blocks(blocks)
        respond(text=words, blocks=blocks, replace_original=True)
    return on_click


def register(app: App, incidents: IncidentDesk) -> None:
    app.action(ACK_ACTION)(button(incidents.acknowledge))
    app.action(RESOLVE_ACTION)(button(incidents.resolve))
    app.action(STILL_ON_IT_ACTION)(still_on_it(incidents))
    register_declare(app, incidents)  # /crisis declare's form, the message shortcut
    register_home(app, incidents)  # the App Home tab
    register_triage(app, incidents)  # a signal-opened incident's It's a crisis / Customer service / Watch 1 h
