"""`/crisis template` list/fill/propose/edit/retire; the Use, Approve and Reject buttons; the propose form."""
from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from escalation.templates.catalogue import Catalogue
from escalation.templates.service import Invalid, Refused
from escalation.templates.text import LANGUAGE, Draft, normalize_tags
from handlers.markup import drill_answer, said
from handlers.subcommands import as_number, split_ref
from handlers.templates.blocks import (
    APPROVE_ACTION,
    PROPOSE_VIEW,
    REJECT_ACTION,
    USE_ACTION,
    catalogue_text,
    filled_message,
    propose_view,
    proposed_view,
)
from handlers.templates.words import parse_template_args

if TYPE_CHECKING:
    from bot.templates import TemplateDesk

log = logging.getLogger(__name__)

HELP_LINES: list[str] = [
    "• `/crisis template [tag:public] [lang:pl]` — list the approved reply templates",
    "• `/crisis template <key> [lang] name=value ...` — fill one in to copy, with a Use button for the timeline, "
    'e.g. `/crisis template holding-statement pl time="15:00"`',
    "• `/crisis template propose` or `edit <key> [lang]` — propose new wording for approval; approvers: "
    "`/crisis template retire <key> [lang]`",
]
FORM_FIELDS = ("key", "language", "tags", "title", "body")


def template_command(templates: TemplateDesk, command: dict, rest: str, client=None, **_) -> str | dict | None:
    word, _sep, tail = rest.partition(" ")
    action = {"propose": propose, "edit": edit, "retire": retire}.get(word.lower())
    if action is not None:
        return action(templates, command, tail.strip(), client)
    ref, rest = split_ref(rest)
    try:
        asked = parse_template_args(rest)
    except ValueError as error:
        return str(error)
    try:
        if asked.key is None:
            return catalogue_text(templates.catalogue(asked.tag, asked.language))
        answer = templates.fill(key=asked.key, language=asked.language, values=asked.values,
                                     channel_id=command.get("channel_id"), ref=ref)
    except Refused as refused:
        return str(refused)
    if isinstance(answer, Catalogue):  # the word was a tag or a language: the list of those
        return catalogue_text(answer)
    filled = filled_message(answer, templates.config.timezone)
    # A drill's wording says DRILL in a block of its own, above and apart from the text to copy.
    return drill_answer(filled) if answer.drill else filled


def propose(templates: TemplateDesk, command: dict, rest: str, client) -> str | None:
    if rest:
        return "`/crisis template propose` takes nothing after it: the form asks for the key, language and text."
    return open_form(templates, command, client, None)


def edit(templates: TemplateDesk, command: dict, rest: str, client) -> str | None:
    words = rest.split()
    if not 1 <= len(words) <= 2 or (len(words) == 2 and not LANGUAGE.match(words[1].lower())):
        return "Name the template to edit: `/crisis template edit <key> [lang]`, e.g. " \
               "`/crisis template edit holding-statement pl`."
    try:
        draft = templates.edit_draft(words[0].lower(), words[1].lower() if len(words) == 2 else None)
    except Refused as refused:
        return str(refused)
    return open_form(templates, command, client, draft)


def open_form(templates: TemplateDesk, command: dict, client, draft: Draft | None) -> str | None:
    blocker = templates.proposal_blocker()
    if blocker:
        return blocker
    view = propose_view(draft, editing=draft is not None, default_language=templates.config.templates.default_language)
    try:
        client.views_open(trigger_id=command.get("trigger_id"), view=view)
    except SlackApiError as error:
        log.warning("views.open failed: %s", error.response.get("error"))
        return f"Slack did not open the form ({error.response.get('error')}). Type the command again."
    return None


def retire(templates: TemplateDesk, command: dict, rest: str, client) -> str:
    words = rest.split()
    if not 1 <= len(words) <= 2 or (len(words) == 2 and not LANGUAGE.match(words[1].lower())):
        return "Name the template to retire: `/crisis template retire <key> [lang]`, e.g. " \
               "`/crisis template retire rumour-correction en`."
    try:
        return templates.retire(command["user_id"], words[0].lower(),
                                     words[1].lower() if len(words) == 2 else None, slack=client)
    except Refused as refused:
        return str(refused)


SUBCOMMANDS: dict = {"template": template_command, "templates": template_command}


def form_values(view: dict) -> dict[str, str]:
    state = view.get("state", {}).get("values", {})
    return {name: ((state.get(name) or {}).get(name) or {}).get("value") or "" for name in FORM_FIELDS}


def register(app: App, templates: TemplateDesk) -> None:
    """Buttons, modals and events of this feature."""

    @app.view(PROPOSE_VIEW)
    def on_submit(ack, body, view):
        fixed = json.loads(view.get("private_metadata") or "{}")
        typed = form_values(view)
        draft = Draft(key=fixed.get("key") or typed["key"].strip().lower(),
                      language=fixed.get("language") or typed["language"].strip().lower(),
                      title=typed["title"].strip(), body=typed["body"].strip(), tags=normalize_tags(typed["tags"]))
        try:
            proposed = templates.propose(body["user"]["id"], draft, editing=bool(fixed))
        except Invalid as invalid:
            shown = {b["block_id"] for b in view.get("blocks", []) if b.get("block_id")} or set(FORM_FIELDS)
            errors: dict[str, str] = {}
            for field, message in invalid.errors.items():
                block = field if field in shown else "body"
                errors[block] = f"{errors[block]} {message}" if block in errors else message
            ack(response_action="errors", errors=errors)
            return
        ack(response_action="update", view=proposed_view(proposed))

    @app.action(USE_ACTION)
    def on_use(ack, body, action, respond):
        ack()
        incident, _, version = str(action.get("value", "")).partition(":")
        incident_id, version_id = as_number(incident), as_number(version)
        if incident_id is None or version_id is None:
            respond(text="This button is broken; fetch the template again.", response_type="ephemeral",
                    replace_original=False)
            return
        container = body.get("container") or {}
        outcome = templates.use(body["user"]["id"], incident_id=incident_id, version_id=version_id,
                                     shown_in=container.get("channel_id") or "",
                                     shown_ts=container.get("message_ts") or action.get("action_ts") or "")
        respond(text=said(outcome), response_type="ephemeral", replace_original=False)

    def decision(approve: bool):
        def on_click(ack, body, action, respond, client):
            ack()
            proposal = as_number(action.get("value"))
            if proposal is None:
                return
            outcome = templates.decide(body["user"]["id"], proposal, approve=approve, slack=client)
            if not outcome.changed:
                respond(text=said(outcome), response_type="ephemeral", replace_original=False)
        return on_click

    app.action(APPROVE_ACTION)(decision(True))
    app.action(REJECT_ACTION)(decision(False))
