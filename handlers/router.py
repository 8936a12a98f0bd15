"""`/crisis <subcommand>`: ack first, parse, ask the feature, answer the person who typed it."""
from __future__ import annotations

from collections.abc import Sequence

from slack_bolt import App

from handlers import incidents, review, room, schedules, signals, templates
from handlers.subcommands import Commands

# The order of /crisis help: the incident first, then the room, templates, review, signals and on-call.
HELP = "\n".join(["*crisisdesk* — `/crisis <subcommand>`",
                  *(line for feature in (incidents, room, templates, review, signals, schedules)
                    for line in feature.HELP_LINES),
                  "• `/crisis help` — this list",
                  "Outside an incident channel, name the incident: `/crisis ack #crisis-20261121-bojkot` or "
                  "`/crisis ack #42`."])


def register(app: App, features: Sequence[Commands]) -> None:
    subcommands = {word: f for feature in features for word, f in feature.subcommands.items()}

    @app.command("/crisis")
    def crisis(ack, command, respond, client):
        ack()
        word, _, rest = (command.get("text") or "").strip().partition(" ")
        word = word.lower()
        if word in ("", "help"):
            respond(text=HELP, response_type="ephemeral")
            return
        subcommand = subcommands.get(word)
        if subcommand is None:
            respond(text=f"I don't know `/crisis {word}`.\n{HELP}", response_type="ephemeral")
            return
        answer = subcommand(command, rest.strip(), client=client)
        if answer is None:  # the subcommand answered by itself (e.g. opened a modal)
            return
        respond(**({"text": answer} if isinstance(answer, str) else answer), response_type="ephemeral")
