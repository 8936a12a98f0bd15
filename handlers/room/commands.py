"""`/crisis` severity, type, role, log, update, page, timeline export; the pin reaction."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from slack_bolt import App

from escalation.room.page_requests import PageRequest
from escalation.room.service import ROLE_NAMES
from handlers.markup import USER_MENTION, decoded, mention, said, severity
from handlers.room.joins import RAISE_ACTION, raised_blocks
from handlers.subcommands import as_number, pressed_in, split_ref, where

if TYPE_CHECKING:
    from bot.room import RoomDesk
    from escalation.incidents import Outcome

GROUP = re.compile(r"^<!subteam\^(?P<id>[A-Z0-9]+)(?:\|(?P<handle>[^>]*))?>$")
FOLLOW_UP = re.compile(r"^action:\s*", re.IGNORECASE)
PIN = "pushpin"

SEVERITY_USAGE = "Write `/crisis severity <1-4>`, e.g. `/crisis severity 1` (1 is the worst)."
ROLE_USAGE = "Write `/crisis role commander|comms|approver @person`, e.g. `/crisis role commander @anna`."
LOG_USAGE = ("Write `/crisis log <what was done>`, e.g. `/crisis log deleted the post`, or "
             "`/crisis log action: <text>` for a follow-up item, e.g. `/crisis log action: update the FAQ`.")
UPDATE_USAGE = ("Write `/crisis update <text>`, e.g. "
                "`/crisis update statement drafted, legal reviewing; next update 14:00`.")
PAGE_USAGE = ("Write `/crisis page @person`, `/crisis page @group` or `/crisis page <schedule>` (several at once "
              "work too), e.g. `/crisis page @anna`.")


def text_ref(rest: str) -> tuple[str, str]:
    """For free text only a channel link names the incident: `/crisis log #boycott posts removed` is all text."""
    head, _, tail = rest.partition(" ")
    return (head, tail.strip()) if head.startswith("<#") else ("", rest)


def severity_command(room: RoomDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, value = split_ref(rest)
    level = value.strip().lower().removeprefix("sev")
    if level not in ("1", "2", "3", "4"):
        meanings = room.settings.severities
        listed = "".join(f"\n• SEV{n}: {text}" for n, text in meanings.items())
        return f"{SEVERITY_USAGE}{listed}"
    return room.severity(command["user_id"], int(level), **where(command, ref))


def type_command(room: RoomDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, value = split_ref(rest)
    types = room.settings.types
    wanted = "-".join(value.lower().split())
    if wanted not in types:
        heard = f"There is no crisis type `{value}`. " if value else ""
        return (f"{heard}Write `/crisis type <crisis type>`, e.g. `/crisis type {types[0]}`. "
                f"Crisis types: {', '.join(types)}.")
    return room.crisis_type(command["user_id"], wanted, **where(command, ref))


def role_command(room: RoomDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, value = split_ref(rest)
    words = value.split()
    user = USER_MENTION.fullmatch(words[1]) if len(words) == 2 else None
    if len(words) != 2 or words[0].lower() not in ROLE_NAMES or user is None:
        return ROLE_USAGE
    return room.role(command["user_id"], words[0].lower(), user["id"], **where(command, ref))


def log_command(room: RoomDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, text = text_ref(rest)
    follow_up = FOLLOW_UP.match(text)
    if follow_up:
        text = text[follow_up.end():]
    if not text.strip():
        return LOG_USAGE
    # Stored plain (Slack's escaping undone, broadcasts and labelled links made words), escaped when shown.
    return room.log(command["user_id"], decoded(text).strip(), bool(follow_up), **where(command, ref))


def update_command(room: RoomDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, text = text_ref(rest)
    if not text.strip():
        return UPDATE_USAGE
    return room.update(command["user_id"], decoded(text).strip(), **where(command, ref))


def page_command(room: RoomDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, value = split_ref(rest)
    schedules = room.config.schedules
    users, groups, names = [], [], []
    for word in value.split():
        user, group = USER_MENTION.fullmatch(word), GROUP.match(word)
        if user:
            users.append(user["id"])
        elif group:
            groups.append((group["id"], group["handle"]))
        elif word in schedules:
            names.append(word)
        else:
            known = f" Schedules: {', '.join(sorted(schedules))}." if schedules else ""
            return f"I can't page `{word}`: it is not a person, a user group or a schedule. {PAGE_USAGE}{known}"
    if not (users or groups or names):
        return PAGE_USAGE
    request = PageRequest(tuple(users), tuple(groups), tuple(names))
    return room.page(command["user_id"], request, **where(command, ref))


def timeline_command(room: RoomDesk, command: dict, rest: str, **_) -> str | Outcome:
    words = rest.split()
    export = bool(words) and words[-1].lower() == "export"  # `/crisis timeline [#crisis-...] export`
    ref, extra = split_ref(" ".join(words[:-1]) if export else rest, bare_number=True)
    if extra:
        return ("Write `/crisis timeline` in the incident channel, or `/crisis timeline #crisis-...`; add `export` "
                "for a Markdown file: `/crisis timeline export`.")
    if export:
        return room.export_timeline(command["user_id"], channel_id=command.get("channel_id"), ref=ref)
    return room.post_timeline(command["user_id"], channel_id=command.get("channel_id"), ref=ref)


SUBCOMMANDS: dict = {"timeline": timeline_command, "severity": severity_command, "type": type_command,
                     "role": role_command, "log": log_command, "update": update_command, "page": page_command}
HELP_LINES: list[str] = [
    "• `/crisis timeline [export]` — post the incident's timeline in the channel; `export` uploads it as a "
    "Markdown file, e.g. `/crisis timeline export`",
    "• `/crisis severity <1-4>` — how bad it is (1 is the worst), e.g. `/crisis severity 1`",
    "• `/crisis type <crisis type>` — classify the crisis and post its playbook, a checklist to tick, e.g. "
    "`/crisis type rumour`",
    "• `/crisis role commander|comms|approver @person` — who leads, speaks, approves, e.g. "
    "`/crisis role commander @anna`",
    "• `/crisis log <text>` — record what was done, e.g. `/crisis log deleted the post`; "
    "`/crisis log action: <text>` marks a follow-up for the review",
    "• `/crisis update <text>` — a status update here and to the stakeholders, e.g. "
    "`/crisis update statement drafted, next update 14:00`",
    "• `/crisis page @person|@group|<schedule>` — page someone now, e.g. `/crisis page @piotr`",
    "• React with :pushpin: to a message in the incident channel to put it on the timeline",
]


def register(app: App, room: RoomDesk) -> None:
    """Buttons, modals and events of this feature."""
    app.action(RAISE_ACTION)(raise_button(room))

    @app.event("reaction_added")
    def on_reaction(event, client):
        # Bolt has acked already; fetching the message and its permalink is the outbox's job.
        item = event.get("item") or {}
        if event.get("reaction") == PIN and item.get("type") == "message" and item.get("channel") and item.get("ts"):
            outcome = room.pin(item["channel"], item["ts"], event.get("user") or "")
            if outcome.message:  # a reaction has no reply of its own: the confirmation or refusal goes to them alone
                client.chat_postEphemeral(channel=item["channel"], user=event.get("user"), text=said(outcome))


def raise_button(room: RoomDesk):
    """"Raise to SEVn" under a worse alert's announcement: checked like `/crisis severity`; once raised, the
    announcement shows who raised it instead of the button."""
    def on_click(ack, body, action, respond):
        ack()
        number, _, level = (action.get("value") or "").partition(":")
        incident, wanted = as_number(number), as_number(level)
        if incident is None or wanted not in (1, 2, 3, 4):
            respond(text="This button is broken; use `/crisis severity 1` instead.", response_type="ephemeral",
                    replace_original=False)
            return
        user = body["user"]["id"]
        outcome = room.raise_severity(user, incident, wanted, channel_id=pressed_in(body))
        if not outcome.changed:
            respond(text=said(outcome), response_type="ephemeral", replace_original=False)
            return
        message = body.get("message") or {}
        respond(text=message.get("text") or outcome.message, replace_original=True,
                blocks=raised_blocks(message.get("blocks") or [], f"Raised to {severity(wanted)} by {mention(user)}."))
    return on_click
