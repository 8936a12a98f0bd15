"""`/crisis ack` and `/crisis resolve`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.incidents.declare import declare_command
from handlers.incidents.listing import list_command, status_command
from handlers.markup import decoded
from handlers.subcommands import split_ref

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk
    from escalation.incidents import Outcome


def acknowledge(incidents: IncidentDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, extra = split_ref(rest, bare_number=True)
    if extra:
        return "`/crisis ack` takes no text. Write `/crisis ack` in the incident channel, or `/crisis ack #crisis-...`."
    return incidents.acknowledge(command["user_id"], channel_id=command.get("channel_id"), ref=ref)


def resolve_incident(incidents: IncidentDesk, command: dict, rest: str, **_) -> Outcome:
    ref, summary = split_ref(rest)
    return incidents.resolve(command["user_id"], channel_id=command.get("channel_id"), ref=ref,
                             summary=decoded(summary).strip() or None)


SUBCOMMANDS: dict = {"ack": acknowledge, "acknowledge": acknowledge, "resolve": resolve_incident,
                     "declare": declare_command, "list": list_command, "status": status_command}
HELP_LINES = [
    "• `/crisis declare [title]` — declare a crisis: a form for severity, type, whom to page and the channel "
    "(or use the message shortcut “Declare a crisis” in a message's … menu)",
    "• `/crisis list [all]` — open incidents (`all`: the last 7 days too); `/crisis status` — this incident's summary",
    "• `/crisis ack` — acknowledge the incident of this channel; paging stops",
    "• `/crisis resolve [summary]` — resolve it, e.g. `/crisis resolve post removed, apology published`",
]
