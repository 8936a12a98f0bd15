"""The snooze buttons of status-update reminders."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from slack_bolt import App

from handlers.markup import said
from handlers.reminders.blocks import SNOOZE_ACTION, parse_snooze_value, snoozed_blocks
from handlers.subcommands import pressed_in

if TYPE_CHECKING:
    from bot.reminders import ReminderDesk


def register(app: App, reminders: ReminderDesk) -> None:
    """The snooze buttons of status-update reminders."""
    @app.action(re.compile(f"^{SNOOZE_ACTION}_"))
    def snooze(ack, body, action, respond):
        ack()
        parsed = parse_snooze_value(action.get("value", ""))
        if parsed is None:
            respond(text="This button is broken; wait for the next reminder.", response_type="ephemeral",
                    replace_original=False)
            return
        outcome = reminders.snooze(body["user"]["id"], *parsed, channel_id=pressed_in(body))
        if not outcome.changed:
            respond(text=said(outcome), response_type="ephemeral", replace_original=False)
            return
        message = body.get("message") or {}
        respond(text=message.get("text") or outcome.message,
                blocks=snoozed_blocks(message.get("blocks") or [], outcome.message), replace_original=True)
