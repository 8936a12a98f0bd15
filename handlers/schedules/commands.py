"""`/crisis oncall [schedule] [at <when>]` and `/crisis override [schedule] @user <from> to <to>`."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from escalation.schedules.store import Refused
from handlers.markup import USER_MENTION
from handlers.schedules.blocks import on_call_line, override_lines

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
    word, _sep, tail = rest.partition(" ")
    if word.lower() in ("list", "remove") and USER_MENTION.search(rest) is None:
        return (list_overrides if word.lower() == "list" else remove_override)(oncall, command, tail.strip())
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


def list_overrides(oncall: OnCallDesk, command: dict, name: str) -> str:
    try:
        rows = oncall.overrides(name or None)
    except Refused as refusal:
        return str(refusal)
    return override_lines(rows, [name] if name else sorted({r.schedule for r in rows}) or ["any schedule"])


def remove_override(oncall: OnCallDesk, command: dict, number: str) -> str:
    digits = number.lstrip("#")
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 18):
        return "Name the override by its number: `/crisis override remove 3` (see `/crisis override list`)."
    try:
        return oncall.remove_override(command["user_id"], int(digits))
    except Refused as refusal:
        return str(refusal)


SUBCOMMANDS = {"oncall": oncall_command, "override": override_command}
HELP_LINES = [
    "• `/crisis oncall [schedule] [at <when>]` — who is on call and who is next, e.g. "
    "`/crisis oncall at saturday 03:00`",
    "• `/crisis override [schedule] @person <from> to <to>` — schedule managers: someone covers, e.g. "
    "`/crisis override @anna fri 17:00 to sun 21:00`",
    "• `/crisis override list [schedule]` — the overrides not over yet, by number; "
    "`/crisis override remove <number>` — schedule managers: take one back",
]
