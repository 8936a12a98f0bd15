"""Declaring a crisis from Slack: `/crisis declare [title]`, the message shortcut, the Home tab's button, and the
modal's submission. Each opens the same form; the submission asks the desk and answers in the form itself."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from escalation.incidents import Declared, Evidence
from handlers.incidents.declare_view import DECLARE_VIEW, Choices, declare_view, submitted
from handlers.markup import decoded, text

if TYPE_CHECKING:
    from bot.incidents import IncidentDesk

log = logging.getLogger(__name__)
SHORTCUT = "declare_from_message"  # the message shortcut's callback id (slack-app-manifest.yml)
HOME_DECLARE = "home_declare"
EVIDENCE_LIMIT = 2500  # of the message's text kept as evidence: the form's metadata holds at most 3000 characters


def choices(incidents: IncidentDesk) -> Choices:
    config = incidents.config
    policies = tuple((name, p.description) for name, p in config.policies.items())[:99]
    default = next((r.policy for r in config.routes if r.matches("slack", {})), config.default_policy)
    return Choices(severities=dict(config.room.severities), types=config.room.types, policies=policies,
                   default_policy=default, private=config.channel.private)


def open_form(incidents: IncidentDesk, client, trigger_id: str | None, user_id: str, title: str = "",
              description: str = "", evidence: Evidence | None = None) -> str | None:
    """Open the form; a refusal from Slack is said in words (None: it opened)."""
    view = declare_view(choices(incidents), user_id, title, description, evidence)
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        log.warning("views.open failed: %s", error.response.get("error"))
        return f"Slack did not open the form ({error.response.get('error')}). Try again."
    return None


def declare_command(incidents: IncidentDesk, command: dict, rest: str, client=None, **_) -> str | None:
    return open_form(incidents, client, command.get("trigger_id"), command["user_id"], decoded(rest).strip())


def declared_view(answer: Declared) -> dict:
    where = f"#{text(answer.channel_name)}" if answer.channel_name else "its channel"
    paging = (f"{text(answer.policy)} pages its first level now." if answer.policy else
              "Nobody is paged yet: `/crisis page @person` in the channel pages someone.")
    said = f"Incident #{answer.number} is declared. {where} opens in a moment and you are invited. {paging}"
    return {"type": "modal", "title": {"type": "plain_text", "text": "Crisis declared"},
            "close": {"type": "plain_text", "text": "Done"},
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": said}}]}


def register_declare(app: App, incidents: IncidentDesk) -> None:
    @app.view(DECLARE_VIEW)
    def on_submit(ack, body, view):
        form = submitted(view, body["user"]["id"])
        answer = incidents.declare(form.title, form.severity, form.description, form.declaration)
        if answer.refused:
            ack(response_action="errors", errors={"title": answer.refused})
        elif answer.errors:
            ack(response_action="errors", errors=answer.errors)
        else:
            ack(response_action="update", view=declared_view(answer))

    @app.shortcut(SHORTCUT)
    def on_shortcut(ack, shortcut, client, respond):
        ack()
        message, channel = shortcut.get("message") or {}, (shortcut.get("channel") or {}).get("id") or ""
        words = decoded(message.get("text") or "").strip()
        author = message.get("user") or message.get("username") or message.get("bot_id") or "someone"
        evidence = Evidence(channel=channel, ts=message.get("ts") or shortcut.get("message_ts") or "",
                            text=words[:EVIDENCE_LIMIT], author=author)
        first_line = words.splitlines()[0] if words else ""
        failed = open_form(incidents, client, shortcut.get("trigger_id"), shortcut["user"]["id"], first_line[:150],
                           words, evidence if evidence.channel and evidence.ts else None)
        if failed:
            respond(text=failed, response_type="ephemeral", replace_original=False)

    @app.action(HOME_DECLARE)
    def on_home_declare(ack, body, client):
        ack()
        open_form(incidents, client, body.get("trigger_id"), body["user"]["id"])
