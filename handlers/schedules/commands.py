"""`/crisis oncall [schedule] [at <when>]` and `/crisis override [schedule] @user <from> to <to>`."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from escalation.schedules.store import Refused
from handlers.markup import USER_MENTION
from handlers.schedules.blocks import on_call_line

if TYPE_CHECKING:
    from bot.schedules import OnCallDesk

ONCALL_USAGE = ("Write `/crisis oncall`, `/crisis oncall social-oncall` or "
                "`/crisis oncall social-oncall at saturday 03:00`.")
OVERRIDE_USAGE = ("Write `/crisis override [schedule] @person <from> to <to>`, "
                  "e.g. `/crisis override social-oncall @anna saturday 09:00 to sunday 21:00`.")
SPLIT = re.compile(r"\s+(?:to|until|->|→)\s+", re.IGNORECASE)


def oncall_command(oncall: OnCallDesk, command: dict, rest: str, **_) -> str:
    name, when = None, None
    if rest.lower().startswith("at "):
        when = rest[3:]
    elif rest:
        name, _sep, tail = rest.partition(" ")
        tail = tail.strip()
        if tail and not tail.lower().startswith("at "):
            return f"I can't read `{rest}`. {ONCALL_USAGE}"
        when = tail[3:] if tail else None
    try:
        answer = oncall.on_call(name, when)
    except Refused as refusal:
        return f"{refusal}\n{ONCALL_USAGE}" if "Example" not in str(refusal) else str(refusal)
    return "\n".join(on_call_line(row.schedule, row.timezone, answer.at, answer.now, row.on_call, row.handoff,
                                  answer.names) for row in answer.rows)


def override_command(oncall: OnCallDesk, command: dict, rest: str, **_) -> str:
    mention = USER_MENTION.search(rest)
    if mention is None:
        return f"Mention who covers. {OVERRIDE_USAGE}"
    name = rest[:mention.start()].strip() or None
    times = SPLIT.split(rest[mention.end():].strip())
    if len(times) != 2 or not all(times):
        return f"Say from when to when, with `to` between. {OVERRIDE_USAGE}"
    try:
        return oncall.add_override(command["user_id"], name, mention["id"], times[0], times[1])
    except Refused as refusal:
        return str(refusal)


SUBCOMMANDS = {"oncall": oncall_command, "override": override_command}
HELP_LINES = [
    "• `/crisis oncall [schedule] [at <when>]` — who is on call and who is next, e.g. "
    "`/crisis oncall at saturday 03:00`",
    "• `/crisis override [schedule] @person <from> to <to>` — schedule managers: someone covers, e.g. "
    "`/crisis override @anna fri 17:00 to sun 21:00`",
]
