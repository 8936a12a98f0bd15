"""A scenario's act steps done as its people would do them in Slack, through the console: a command typed in the
drill's incident channel, a button pressed, a form filled in; each reaches the bot as a signed Slack request."""
from __future__ import annotations

import re
import shlex

from escalation.drills.scenario import ActStep
from slackstandin.console import Console
from slackstandin.console.acting import click, submit, type_text
from slackstandin.console.picture import picture
from slackstandin.console.state import Refused

MENTION = re.compile(r"(?<![\w<])@([a-z0-9_.-]+)")


class ActFailed(Exception):
    """An act the console refused, or one that found nothing to act on; the text says which."""


def perform(console: Console, act: ActStep, channel_id: str) -> str:
    """Do one act as its person in the incident channel: `/crisis …`, `press <button text>`, or `submit name=value
    …` (the person's open form, its inputs by block id; the rest keep what they hold)."""
    user = next((p.user_id for p in console.people if p.key == act.person), None)
    if user is None:
        raise ActFailed(f"{act.person} is not in this drill's workspace")
    word, _, rest = act.command.partition(" ")
    try:
        if word == "press":
            return _press(console, user, channel_id, rest.strip())
        if word == "submit":
            return _submit(console, user, rest)
        return type_text(console, user, channel_id, _mentions(console, act.command))
    except Refused as refused:
        raise ActFailed(f"{act.person}: {act.command}: {refused}") from None


def _mentions(console: Console, command: str) -> str:
    """`@marta` as Slack's client sends it once the person picked her: `<@U03MARTA1X>`."""
    ids = {p.key: p.user_id for p in console.people}
    return MENTION.sub(lambda found: f"<@{ids[found[1]]}>" if found[1] in ids else found[0], command)


def _press(console: Console, user: str, channel_id: str, label: str) -> str:
    """The newest button with this text that the person sees in the channel (their own answers included)."""
    conversation = next((c for c in picture(console)["channels"] if c["id"] == channel_id), None)
    for line in reversed(conversation["lines"] if conversation else []):
        if line["for"] not in (None, user):
            continue
        for block in line["blocks"]:
            for element in [*(block.get("elements") or []), block.get("accessory") or {}]:
                if element.get("type") == "button" and (element.get("text") or {}).get("text") == label:
                    message = {"ts": line.get("ts"), "text": line["text"], "blocks": line["blocks"]}
                    action = {"action_id": element.get("action_id"), "block_id": block.get("block_id"),
                              "value": element.get("value")}
                    return click(console, user, channel_id, message, action, ephemeral=line["kind"] != "message")
    raise ActFailed(f"no button {label!r} in the incident channel for {user}")


def _submit(console: Console, user: str, rest: str) -> str:
    try:
        given = dict(pair.split("=", 1) for pair in shlex.split(rest))
    except ValueError:
        raise ActFailed(f"submit takes name=value pairs, got {rest!r}") from None
    picture(console)  # turns the forms the bot opened since into the console's modals
    modal = next((m for m in console.open_modals() if m["user"] == user), None)
    if modal is None:
        raise ActFailed(f"{user} has no form open to submit")
    values: dict = {}
    for block in modal["view"].get("blocks") or []:
        element = block.get("element") or {}
        if block.get("type") == "input" and element.get("action_id"):
            typed = given.pop(block.get("block_id"), element.get("initial_value") or "")
            values.setdefault(block.get("block_id"), {})[element["action_id"]] = typed
    if given:
        raise ActFailed(f"the form has no field {', '.join(given)}")
    return submit(console, user, modal["view_id"], values)
