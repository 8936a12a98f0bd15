"""The Web API methods the stand-in speaks, and the checks every call passes first."""
from __future__ import annotations

from slackstandin import chat, conversations, files, people, views
from slackstandin.rules import SlackError

HANDLERS = {**people.HANDLERS, **conversations.HANDLERS, **chat.HANDLERS, **files.HANDLERS, **views.HANDLERS}


def answer(ws, rec, method: str, args: dict, token: str | None) -> dict:
    """The JSON body Slack would answer this call with; raises SlackError for an ok:false answer."""
    handler = HANDLERS.get(method)
    if handler is None:
        raise SlackError("unknown_method", req_method=method)
    if token is None:
        raise SlackError("not_authed")
    if token != ws.token:
        raise SlackError("invalid_auth")
    return {"ok": True, **handler(ws, rec, args)}
