"""`/crisis ack` and `/crisis resolve`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.markup import decoded
from handlers.subcommands import split_ref

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk


def acknowledge(incidents: IncidentDesk, command: dict, rest: str, **_) -> str:
    ref, extra = split_ref(rest, bare_number=True)
    if extra:
        return "`/crisis ack` takes no text. Write `/crisis ack` in the incident channel, or `/crisis ack #crisis-...`."
    return incidents.acknowledge(command["user_id"], channel_id=command.get("channel_id"), ref=ref).message


def resolve_incident(incidents: IncidentDesk, command: dict, rest: str, **_) -> str:
    ref, summary = split_ref(rest)
    return incidents.resolve(command["user_id"], channel_id=command.get("channel_id"), ref=ref,
                             summary=decoded(summary).strip() or None).message


SUBCOMMANDS = {"ack": acknowledge, "acknowledge": acknowledge, "resolve": resolve_incident}
HELP_LINES = [
    "• `/crisis ack` — acknowledge the incident of this channel; paging stops",
    "• `/crisis resolve [summary]` — resolve it, e.g. `/crisis resolve post removed, apology published`",
]
