"""`/crisis <subcommand>`: ack first, parse, ask the desk, answer the person who typed it."""
from __future__ import annotations

from slack_bolt import App

from handlers.review import commands as review_commands
from handlers.room import commands as room_commands
from handlers.schedules.commands import oncall_command, override_command
from handlers.signals import commands as pulse_commands
from handlers.templates import commands as template_commands

FEATURES = (room_commands, template_commands, review_commands, pulse_commands)
CORE_HELP = [
    "• `/crisis ack` — acknowledge the incident of this channel; paging stops",
    "• `/crisis resolve [summary]` — resolve it, e.g. `/crisis resolve post removed, apology published`",
    "• `/crisis timeline [export]` — post the incident's timeline in the channel; `export` uploads it as a "
    "Markdown file, e.g. `/crisis timeline export`",
]
ONCALL_HELP = [
    "• `/crisis oncall [schedule] [at <when>]` — who is on call and who is next, e.g. `/crisis oncall at saturday 03:00`",
    "• `/crisis override [schedule] @person <from> to <to>` — schedule managers: someone covers, e.g. "
    "`/crisis override @anna fri 17:00 to sun 21:00`",
]
HELP = "\n".join(["*crisisdesk* — `/crisis <subcommand>`", *CORE_HELP,
                  *(line for feature in FEATURES for line in feature.HELP_LINES), *ONCALL_HELP,
                  "• `/crisis help` — this list",
                  "Outside an incident channel, name the incident: `/crisis ack #crisis-20261121-bojkot` or "
                  "`/crisis ack #42`."])


def split_ref(rest: str, bare_number: bool = False) -> tuple[str, str]:
    """A leading `#channel`, `<#C123|name>` or `#42`, then the rest: `#crisis-x post removed` -> (`#crisis-x`, ...).

    A bare number counts only for subcommands without free text, so `/crisis resolve 3 posts removed` never
    resolves incident #3 by accident."""
    head, _, tail = rest.partition(" ")
    if head.startswith(("<#", "#")) or (bare_number and head.isdigit()):
        return head, tail.strip()
    return "", rest


def acknowledge(desk, command: dict, rest: str, **_) -> str:
    ref, extra = split_ref(rest, bare_number=True)
    if extra:
        return "`/crisis ack` takes no text. Write `/crisis ack` in the incident channel, or `/crisis ack #crisis-...`."
    return desk.acknowledge(command["user_id"], channel_id=command.get("channel_id"), ref=ref).message


def resolve_incident(desk, command: dict, rest: str, **_) -> str:
    ref, summary = split_ref(rest)
    return desk.resolve(command["user_id"], channel_id=command.get("channel_id"), ref=ref,
                        summary=summary or None).message


def post_timeline(desk, command: dict, rest: str, **_) -> str:
    words = rest.split()
    export = bool(words) and words[-1].lower() == "export"  # `/crisis timeline [#crisis-...] export`
    ref, extra = split_ref(" ".join(words[:-1]) if export else rest, bare_number=True)
    if extra:
        return ("Write `/crisis timeline` in the incident channel, or `/crisis timeline #crisis-...`; add `export` "
                "for a Markdown file: `/crisis timeline export`.")
    if export:
        return desk.room.export_timeline(channel_id=command.get("channel_id"), ref=ref).message
    return desk.post_timeline(channel_id=command.get("channel_id"), ref=ref).message


SUBCOMMANDS = {"ack": acknowledge, "acknowledge": acknowledge, "resolve": resolve_incident, "timeline": post_timeline,
               "oncall": oncall_command, "override": override_command}
for _feature in FEATURES:
    SUBCOMMANDS.update(_feature.SUBCOMMANDS)


def register(app: App, desk) -> None:
    @app.command("/crisis")
    def crisis(ack, command, respond, client):
        ack()
        word, _, rest = (command.get("text") or "").strip().partition(" ")
        word = word.lower()
        if word in ("", "help"):
            respond(text=HELP, response_type="ephemeral")
            return
        subcommand = SUBCOMMANDS.get(word)
        if subcommand is None:
            respond(text=f"I don't know `/crisis {word}`.\n{HELP}", response_type="ephemeral")
            return
        answer = subcommand(desk, command, rest.strip(), client=client)
        if answer is None:  # the subcommand answered by itself (e.g. opened a modal)
            return
        respond(**({"text": answer} if isinstance(answer, str) else answer), response_type="ephemeral")
