"""Statements and broadcasts at the edge: `/crisis statement` and its form, `/crisis broadcast`, and how an approved
statement and a broadcast read in Slack."""
from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from escalation.templates.service import Invalid
from handlers.markup import Block, channel, local, mention, text
from handlers.subcommands import as_number, split_ref
from handlers.templates.blocks import filled_message
from handlers.templates.words import parse_template_args

if TYPE_CHECKING:
    from bot.templates import TemplateDesk
    from escalation.incidents import Outcome

log = logging.getLogger(__name__)
STATEMENT_VIEW = "statement_propose"
STATEMENT_FIELDS = ("text", "language", "channels")
HELP_LINES: list[str] = [
    "• `/crisis statement` — write an ad-hoc public statement; another approver approves it, then it is shown "
    "here ready to copy",
    "• `/crisis broadcast <template or statement> [lang] name=value ...` — post approved wording to the staff "
    "channel, e.g. `/crisis broadcast statement-1`",
]
STATEMENT_USAGE = "`/crisis statement` takes nothing after it but the incident: the form asks for the text."
BROADCAST_USAGE = ("Name the approved wording to broadcast: `/crisis broadcast <template or statement> [lang] "
                   'name=value ...`, e.g. `/crisis broadcast holding-statement time="15:00"`.')


def approved(by: str | None, at: datetime | None, tz: str) -> str:
    if by == "config":
        return "approved in the config file"
    return f"approved by {mention(by)}" + (f" at {local(at, tz)}" if at else "")


def statement_view(incident_id: int, default_language: str) -> dict:
    def field(block_id: str, label: str, *, initial: str | None = None, multiline: bool = False,
              optional: bool = False, hint: str, max_length: int) -> Block:
        element = {"type": "plain_text_input", "action_id": block_id, "multiline": multiline, "max_length": max_length}
        if initial:
            element["initial_value"] = initial
        return {"type": "input", "block_id": block_id, "optional": optional, "element": element,
                "label": {"type": "plain_text", "text": label}, "hint": {"type": "plain_text", "text": hint}}
    return {"type": "modal", "callback_id": STATEMENT_VIEW, "private_metadata": json.dumps({"incident": incident_id}),
            "title": {"type": "plain_text", "text": "Public statement"},
            "submit": {"type": "plain_text", "text": "Send for approval"},
            "close": {"type": "plain_text", "text": "Cancel"},
            "blocks": [field("text", "Statement", multiline=True, max_length=2500,
                             hint="The words to publish, exactly; another approver approves them first"),
                       field("language", "Language", initial=default_language, max_length=16,
                             hint="A code like en or pl"),
                       field("channels", "Meant for", optional=True, max_length=200,
                             hint="Where it will be posted, like twitter, facebook, press")]}


def sent_view(proposed) -> dict:
    return {"type": "modal", "title": {"type": "plain_text", "text": "Sent for approval"},
            "close": {"type": "plain_text", "text": "Done"},
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": (
                f"Statement `{text(proposed.key)}` ({text(proposed.language)}) was sent to the approvers in "
                f"{channel(proposed.channel)}. Once another approver approves it, it is posted in the incident "
                "channel, ready to copy.")}}]}


def ready_message(filled, channels: list[str], tz: str) -> dict:
    """An approved statement in its incident's channel: the words to copy and the Use button."""
    meant = f" for {text(', '.join(channels))}" if channels else ""
    head = (f"Approved statement `{text(filled.key)}` ({text(filled.language)}){meant}, "
            f"{approved(filled.approved_by, filled.approved_at, tz)}: ready to copy")
    message = filled_message(filled, tz)
    return {"text": head, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": f":white_check_mark: "
                                                                   f"*{head}*"}}, *message["blocks"]]}


def broadcast_message(p: dict, number: int, incident_channel: str | None, tz: str) -> dict:
    """The staff channel's message: the approved words, who approved them and when, and who shared them."""
    at = datetime.fromisoformat(p["approved_at"]) if p.get("approved_at") else None
    head = (f"Approved wording for incident #{number}: `{text(p['key'])}` v{p['number']} ({text(p['language'])}), "
            f"{approved(p.get('approved_by'), at, tz)}")
    ask = f" Send anything else to {channel(incident_channel)}." if incident_channel else ""
    return {"text": head, "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": f":mega: *{head}*"}},
        {"type": "section", "text": {"type": "plain_text", "text": text(p["text"]), "emoji": True}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": (
            f"Shared by {mention(p['by'])}. When asked about it, answer with exactly these words.{ask}")}]}]}


def statement_command(templates: TemplateDesk, command: dict, rest: str, client=None, **_) -> str | Outcome | None:
    ref, extra = split_ref(rest, bare_number=True)
    if extra:
        return STATEMENT_USAGE
    allowed = templates.may_propose_statement(command["user_id"], command.get("channel_id"), ref)
    if not allowed.changed:
        return allowed
    view = statement_view(int(allowed.message), templates.config.templates.default_language)
    try:
        client.views_open(trigger_id=command.get("trigger_id"), view=view)
    except SlackApiError as error:
        log.warning("views.open failed: %s", error.response.get("error"))
        return f"Slack did not open the form ({error.response.get('error')}). Type the command again."
    return None


def broadcast_command(templates: TemplateDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, rest = split_ref(rest)
    try:
        asked = parse_template_args(rest)
    except ValueError as error:
        return str(error)
    if asked.key is None or asked.tag is not None:
        return BROADCAST_USAGE
    return templates.broadcast(command["user_id"], asked.key, asked.language, asked.values,
                               channel_id=command.get("channel_id"), ref=ref)


SUBCOMMANDS: dict = {"statement": statement_command, "broadcast": broadcast_command}


def register(app: App, templates: TemplateDesk) -> None:
    @app.view(STATEMENT_VIEW)
    def on_submit(ack, body, view):
        state = view.get("state", {}).get("values", {})
        typed = {n: ((state.get(n) or {}).get(n) or {}).get("value") or "" for n in STATEMENT_FIELDS}
        incident_id = as_number(str(json.loads(view.get("private_metadata") or "{}").get("incident", "")))
        if incident_id is None:
            ack(response_action="errors", errors={"text": "This form lost its incident; run /crisis statement again."})
            return
        try:
            proposed = templates.propose_statement(body["user"]["id"], incident_id, typed["text"],
                                                   typed["language"], typed["channels"])
        except Invalid as invalid:
            ack(response_action="errors", errors=invalid.errors)
            return
        ack(response_action="update", view=sent_view(proposed))
