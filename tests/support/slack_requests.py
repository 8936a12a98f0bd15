"""Requests INTO the bot, built and signed exactly as Slack sends them: they live in slackstandin/app_requests.py,
which the drill console uses too; the tests import them from here."""
from slackstandin.app_requests import (
    API_APP_ID,
    FORM,
    JSON,
    TEAM_DOMAIN,
    TEAM_ID,
    TRIGGER_ID,
    VERIFICATION_TOKEN,
    app_home_opened_event,
    block_actions_body,
    event_callback_body,
    form_payload,
    message_action_body,
    signed_headers,
    slash_command_body,
    view_submission_body,
)

__all__ = ["API_APP_ID", "FORM", "JSON", "TEAM_DOMAIN", "TEAM_ID", "TRIGGER_ID", "VERIFICATION_TOKEN",
           "app_home_opened_event", "block_actions_body", "event_callback_body", "form_payload",
           "message_action_body", "signed_headers", "slash_command_body", "view_submission_body"]
