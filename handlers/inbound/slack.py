"""What `/slack/events` checks before Bolt sees a request: a size Slack would send and a body Bolt can parse.

Bolt parses the body before it checks the signature, and a body it cannot parse (not UTF-8, a `payload=` that is
not JSON, a JSON list) raises out of its adapter as a 500. Anyone can send one, signed or not: it is a 400 here."""
from __future__ import annotations

from typing import Any

from slack_bolt.request.internals import parse_body
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from handlers.inbound.guard import declared_too_large, read_body


async def handle(bolt: Any, request: Request) -> Response:
    """Bolt's answer to the request (`bolt` is its Starlette SlackRequestHandler), or a 413 or 400 saying why not."""
    if (refusal := declared_too_large(request)) is not None:
        return refusal
    body = await read_body(request)
    if isinstance(body, JSONResponse):
        return body
    try:
        parsed = parse_body(body.decode("utf-8"), request.headers.get("content-type"))
    except UnicodeDecodeError as e:
        return JSONResponse({"error": f"body is not valid UTF-8 (at offset {e.start})"}, status_code=400)
    except ValueError as e:  # json.JSONDecodeError is one
        return JSONResponse({"error": f"body is not a Slack request: {e}"}, status_code=400)
    problem = "expected a JSON object or a form" if not isinstance(parsed, dict) else shape_problem(parsed)
    if problem:
        return JSONResponse({"error": f"body is not a Slack request: {problem}"}, status_code=400)
    try:
        return await bolt.handle(Request(request.scope, _replay(body)))
    except Exception as e:  # Bolt's dispatch answers its own errors: this is its request parsing, on odd fields
        problem = f"{type(e).__name__}: {_printable(e)}"
        return JSONResponse({"error": f"body is not a Slack request Bolt can read ({problem})"}, status_code=400)


def shape_problem(payload: dict) -> str | None:
    """What Bolt would trip over in an interactivity payload (it reads these fields without checking), or None."""
    kind = payload.get("type")
    if kind not in ("block_actions", "view_submission", "view_closed"):
        return None
    user = payload.get("user")
    if not isinstance(user, dict) or not isinstance(user.get("id"), str):
        return "user: expected an object with an id"
    if kind == "block_actions":
        actions = payload.get("actions")
        if not isinstance(actions, list) or not actions:
            return "actions: expected a non-empty list"
        if not all(isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in actions):
            return "actions: expected objects with an action_id"
        return None
    view = payload.get("view")
    if not isinstance(view, dict) or not isinstance(view.get("callback_id"), str):
        return "view: expected an object with a callback_id"
    return None


def _printable(error: Exception) -> str:
    """The error's text, short, with any lone surrogate from the payload escaped so the answer can be sent."""
    return str(error)[:200].encode("utf-8", "backslashreplace").decode("utf-8")


def _replay(body: bytes):
    """An ASGI receive that hands the body already read to the next reader (Bolt's adapter reads it again)."""
    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}
    return receive
