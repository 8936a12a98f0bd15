"""Declaring from Slack in the tests: the form's values as Slack submits them, and the message shortcut."""
from __future__ import annotations

from handlers.incidents.declare import SHORTCUT
from handlers.incidents.declare_view import DECLARE_VIEW
from tests.support.slack_requests import message_action_body


def selected(value: str, label: str | None = None) -> dict:
    return {"type": "static_select", "selected_option": {
        "text": {"type": "plain_text", "text": label or value, "emoji": True}, "value": value}}


def form(title: str, *, severity: str = "2", policy: str = "brand-crisis", commander: str | None = None,
         crisis_type: str | None = None, description: str = "", private: bool = False) -> dict:
    """view.state.values of a filled declare form."""
    return {
        "title": {"title": title},
        "severity": {"severity": selected(severity, f"SEV{severity}")},
        "crisis_type": {"crisis_type": selected(crisis_type) if crisis_type else
                        {"type": "static_select", "selected_option": None}},
        "description": {"description": description},
        "policy": {"policy": selected(policy)},
        "commander": {"commander": {"type": "users_select", "selected_user": commander}},
        "private": {"private": {"type": "checkboxes", "selected_options": [
            {"text": {"type": "plain_text", "text": "Private channel"}, "value": "private"}] if private else []}},
    }


def submit_declare(bot, user: str, values: dict, private_metadata: str = ""):
    return bot.submit_view(DECLARE_VIEW, values, user=user, private_metadata=private_metadata)


def shortcut(bot, *, user: str, channel: str, message: dict):
    response_url = bot.slack.new_response_url(channel=channel, user=user)
    return bot.slack_request(message_action_body(SHORTCUT, user_id=user, channel_id=channel, message=message,
                                                 response_url=response_url))
