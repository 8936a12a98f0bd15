"""`/crisis` review; the snooze buttons of status-update reminders."""
from __future__ import annotations

import re

from slack_bolt import App

from handlers import router as crisis  # split_ref; a module import, as handlers.commands imports this one
from handlers.reminders.blocks import SNOOZE_ACTION, parse_snooze_value, snoozed_blocks


def review(desk, command: dict, rest: str, **_) -> str:
    ref, extra = crisis.split_ref(rest, bare_number=True)
    if extra:
        return ("`/crisis review` takes no text. Write `/crisis review` in the incident channel, or "
                "`/crisis review #crisis-...`.")
    return desk.review.post_review(command["user_id"], channel_id=command.get("channel_id"), ref=ref).message


# subcommand word -> function(desk, command, rest, client=...) returning the ephemeral answer
# (a str, or a dict of respond() arguments such as {"text": ..., "blocks": [...]}).
SUBCOMMANDS: dict = {"review": review}
HELP_LINES: list[str] = [  # one line per subcommand, with one example each
    "• `/crisis review` — post the post-incident review (response times, paging, templates, follow-ups, "
    "timeline) and upload it as Markdown, e.g. `/crisis review #crisis-20261121-bojkot`",
]


def register(app: App, desk) -> None:
    """Buttons, modals and events of this feature."""
    @app.action(re.compile(f"^{SNOOZE_ACTION}_"))
    def snooze(ack, body, action, respond):
        ack()
        parsed = parse_snooze_value(action.get("value", ""))
        if parsed is None:
            respond(text="This button is broken; wait for the next reminder.", response_type="ephemeral",
                    replace_original=False)
            return
        outcome = desk.review.snooze(body["user"]["id"], *parsed)
        if not outcome.changed:
            respond(text=outcome.message, response_type="ephemeral", replace_original=False)
            return
        message = body.get("message") or {}
        respond(text=message.get("text") or outcome.message,
                blocks=snoozed_blocks(message.get("blocks") or [], outcome.message), replace_original=True)
