"""Requests INTO the app, built and signed exactly as Slack sends them: slash commands, button clicks, modals.

The tests drive the bot with these, and so does the drill console (slackstandin/console/), which plays Slack's side.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from urllib.parse import quote, urlencode

TEAM_ID = "T0STANDIN"
TEAM_DOMAIN = "crisisdesk-standin"
API_APP_ID = "A0STANDIN"
# Slack still sends the deprecated verification token; Bolt ignores it when a signing secret is set.
VERIFICATION_TOKEN = "verification_token"
TRIGGER_ID = "13345224609.738474920.8088930838d88f008e0"

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def signed_headers(body: bytes, secret: str, timestamp: int | None = None, *, content_type: str | None = None) -> dict:
    """Headers Slack would send with `body`: timestamp, v0 HMAC-SHA256 signature, and Content-Type."""
    # time.time() rather than a datetime: freezegun freezes both, and Bolt's verifier reads time.time().
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    basestring = f"v0:{timestamp}:".encode() + body
    signature = hmac.new(secret.encode(), basestring, hashlib.sha256).hexdigest()
    if content_type is None:
        content_type = JSON if body.lstrip().startswith(b"{") else FORM
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": f"v0={signature}",
    }


def form_payload(payload: dict) -> bytes:
    """An interactivity body: `payload=` and the JSON, percent-encoded the way Slack does it."""
    return ("payload=" + quote(json.dumps(payload))).encode()


def slash_command_body(text: str, *, command: str = "/crisis", user_id: str, channel_id: str,
                       channel_name: str = "social-media", response_url: str, team_id: str = TEAM_ID,
                       trigger_id: str = TRIGGER_ID, user_name: str | None = None) -> bytes:
    """A slash command's urlencoded form, with the fields Slack sends, in Slack's order."""
    return urlencode({
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": API_APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }).encode()


def block_actions_body(action_id: str, value: str, *, user_id: str, channel_id: str, message_ts: str,
                       response_url: str, block_id: str = "actions", channel_name: str = "social-media",
                       message_text: str = "", message_blocks: list | None = None, user_name: str | None = None,
                       is_ephemeral: bool = False, trigger_id: str = TRIGGER_ID) -> bytes:
    """A button click on a message, as the `payload=` form Slack posts to the interactivity URL."""
    return form_payload({
        "type": "block_actions",
        "user": _user(user_id, user_name),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel_id,
                      "is_ephemeral": is_ephemeral},
        "trigger_id": trigger_id,
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": channel_name},
        "message": {"type": "message", "ts": message_ts, "text": message_text, "blocks": message_blocks or []},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [{
            "action_id": action_id,
            "block_id": block_id,
            "text": {"type": "plain_text", "text": action_id, "emoji": True},
            "value": value,
            "type": "button",
            "action_ts": f"{time.time():.6f}",
        }],
    })


def view_submission_body(callback_id: str, values: dict, *, user_id: str, private_metadata: str = "",
                         view_id: str = "V0STANDIN", user_name: str | None = None,
                         trigger_id: str = TRIGGER_ID, title: str = "Crisisdesk", blocks: list | None = None) -> bytes:
    """A modal's submission; `values` is view.state.values, where a bare string stands for a plain text input."""
    state = {
        block_id: {action_id: ({"type": "plain_text_input", "value": v} if isinstance(v, str) else v)
                   for action_id, v in actions.items()}
        for block_id, actions in values.items()
    }
    return form_payload({
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id,
        "view": {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": "modal",
            "blocks": blocks or [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": state},
            "hash": "1596530361.3wRYuk3R",
            "title": {"type": "plain_text", "text": title},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": {"type": "plain_text", "text": "Cancel"},
            "submit": {"type": "plain_text", "text": "Submit"},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": API_APP_ID,
            "external_id": "",
            "app_installed_team_id": TEAM_ID,
            "bot_id": "B0BOT",
        },
        "response_urls": [],
        "is_enterprise_install": False,
    })


def message_action_body(callback_id: str, *, user_id: str, channel_id: str, message: dict, response_url: str,
                        channel_name: str = "social-media", user_name: str | None = None,
                        trigger_id: str = TRIGGER_ID) -> bytes:
    """A message shortcut ("..." on a message), as the `payload=` form Slack posts: `message` is the message as
    Slack stores it ({"type": "message", "user": ..., "ts": ..., "text": ...})."""
    return form_payload({
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name),
        "channel": {"id": channel_id, "name": channel_name},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id,
        "response_url": response_url,
        "message_ts": message.get("ts", ""),
        "message": {"type": "message", "team": TEAM_ID, **message},
    })


def app_home_opened_event(user_id: str, *, tab: str = "home", channel_id: str = "D0HOME",
                          view: dict | None = None) -> dict:
    """The inner `app_home_opened` event; `view` is the Home tab published before, absent the first time."""
    event: dict = {"type": "app_home_opened", "user": user_id, "channel": channel_id, "tab": tab,
             "event_ts": f"{time.time():.6f}"}
    if view is not None:
        event["view"] = view
    return event


def event_callback_body(event: dict, *, event_id: str | None = None, event_time: int | None = None) -> bytes:
    """An Events API delivery (JSON, not a form): `event` is the inner event, e.g. a reaction_added."""
    event_time = event_time or int(time.time())
    return json.dumps({
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{event_time}{abs(hash(json.dumps(event, sort_keys=True))) % 10**8:08d}",
        "event_time": event_time,
        "authorizations": [{"enterprise_id": None, "team_id": TEAM_ID, "user_id": "U0BOT", "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
        "event_context": "4-eyJldCI6InJlYWN0aW9uX2FkZGVkIn0",
    }).encode()


def _user(user_id: str, user_name: str | None) -> dict:
    name = user_name or user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": TEAM_ID}
