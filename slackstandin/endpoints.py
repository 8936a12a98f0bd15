"""What each kind of URL answers: Web API methods, response_urls, upload URLs, and the inspection endpoints."""
from __future__ import annotations

import json
import sys
import time
import traceback
from dataclasses import dataclass, field
from email.message import Message as Headers
from urllib.parse import parse_qs

from slackstandin import files, methods
from slackstandin.recording import RESPONSE, Message
from slackstandin.rules import SlackError, message_content
from slackstandin.wire import parse_args, token_of

# Slack lets an app use one response_url five times.
RESPONSE_URL_USES = 5


@dataclass
class Request:
    """An HTTP request reduced to what the endpoints read."""

    verb: str
    path: str
    query: str
    headers: Headers  # as http.server parses them: get() ignores the case of the name
    body: bytes


@dataclass
class Reply:
    """An HTTP answer: a dict goes out as JSON, a str as plain text."""

    status: int
    body: dict | str
    headers: dict = field(default_factory=dict)
    drop: bool = False  # close the connection instead of sending it (a `drop` fault)


def api_call(standin, method: str, request: Request) -> Reply:
    """Answer one Web API call, as Slack would or as a planned fault says, and record it."""
    try:
        args, unreadable = parse_args(request.query, request.headers, request.body), None
    except SlackError as error:
        args, unreadable = {}, error
    token = token_of(request.headers, args)
    shown_args = {k: v for k, v in args.items() if k != "token"}
    fault, reply = _meet_fault(standin, method)
    if reply is not None:
        with standin.lock:
            standin.recorder.call(method, shown_args, reply.status, reply.body, fault=fault.describe())
        return reply
    with standin.lock:
        status = 200
        try:
            if unreadable is not None:
                raise unreadable
            body = methods.answer(standin.workspace, standin.recorder, method, args, token)
        except SlackError as error:
            body = {"ok": False, "error": error.error, **error.extra}
        except Exception:  # a bug in the stand-in: answer like Slack's own worst day, and say why on stderr
            traceback.print_exc(file=sys.stderr)
            status, body = 500, {"ok": False, "error": "fatal_error"}
        standin.recorder.call(method, shown_args, status, body, fault=fault.describe() if fault else None)
    return Reply(status, body, drop=bool(fault and fault.drop))


def response_url(standin, key: str, request: Request) -> Reply:
    """Accept what Bolt's respond() posts to a response_url, and record it as a message."""
    fault, forced = _meet_fault(standin, "response_url")
    label = fault.describe() if fault else None
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        payload = None
    with standin.lock:
        if forced is not None:
            standin.recorder.call("response_url", payload or {}, forced.status, forced.body, fault=label)
            return Reply(forced.status, forced.body["error"], forced.headers, drop=forced.drop)
        target = standin.response_targets.get(key)
        try:
            text, blocks = _response_content(target, payload)
        except _Refused as refused:
            standin.recorder.call("response_url", payload or {}, refused.status,
                                  {"ok": False, "error": refused.error}, fault=label)
            return Reply(refused.status, refused.error)
        target["uses"] += 1
        standin.recorder.message(Message(kind=RESPONSE, channel=target["channel"], ts=None, text=text, blocks=blocks,
                                         user=target["user"], args=payload))
        standin.recorder.call("response_url", payload, 200, {"ok": True}, fault=label)
    return Reply(200, "ok", drop=bool(fault and fault.drop))


class _Refused(Exception):
    """A response_url post Slack would turn away, with the status and plain-text error it answers."""

    def __init__(self, status: int, error: str):
        super().__init__(error)
        self.status, self.error = status, error


def _response_content(target: dict | None, payload) -> tuple[str | None, list | None]:
    """(text, blocks) of a post this response_url accepts; a delete_original needs neither."""
    if target is None:
        raise _Refused(404, "no_service")
    if not isinstance(payload, dict):
        raise _Refused(400, "invalid_payload")
    if target["uses"] >= RESPONSE_URL_USES:
        raise _Refused(404, "used_url")
    if payload.get("delete_original"):
        return None, None
    try:
        text, blocks, _ = message_content(payload)
    except SlackError as error:
        raise _Refused(400, error.error) from None
    return text, blocks


def upload(standin, file_id: str, request: Request) -> Reply:
    """Take the bytes of a file upload, as files.slack.com does for the URL it handed out."""
    fault, reply = _meet_fault(standin, "file_upload")
    args = {"file_id": file_id, "length": len(request.body)}
    with standin.lock:
        if reply is not None:
            standin.recorder.call("file_upload", args, reply.status, reply.body, fault=fault.describe())
            return Reply(reply.status, reply.body["error"], reply.headers, drop=reply.drop)
        if not files.receive_upload(standin.workspace, file_id, request.body):
            standin.recorder.call("file_upload", args, 404, {"ok": False, "error": "file_not_found"})
            return Reply(404, "file_not_found")
        standin.recorder.call("file_upload", args, 200, {"ok": True}, fault=fault.describe() if fault else None)
    return Reply(200, f"OK - {len(request.body)}", drop=bool(fault and fault.drop))


def inspect(standin, what: str, request: Request) -> Reply:
    """The stand-in's own endpoints, so a test can watch a bot running in another process."""
    query = {k: v[-1] for k, v in parse_qs(request.query).items()}
    if request.verb == "GET" and what == "calls":
        return Reply(200, {"calls": [c.as_json() for c in standin.calls(query.get("method"))]})
    if request.verb == "GET" and what == "messages":
        return Reply(200, {"messages": [m.as_json() for m in standin.messages()]})
    if request.verb == "POST" and what in ("users", "channels"):
        try:
            body = json.loads(request.body or b"{}")
            if what == "users":
                standin.add_user(body["id"], body["name"], body.get("email"), bool(body.get("is_bot", False)))
                return Reply(200, {"ok": True})
            channel_id = standin.add_channel(body["name"], body.get("members", ()), bool(body.get("is_private")))
            return Reply(200, {"ok": True, "id": channel_id})
        except (ValueError, KeyError, TypeError, SlackError) as error:
            return Reply(400, {"ok": False, "error": str(error)})
    return Reply(404, {"ok": False, "error": "not_found"})


def _meet_fault(standin, name: str):
    """(fault, reply): the fault this call meets after its delay, and the answer it forces, if any."""
    with standin.lock:
        fault = standin.faults.take(name)
    if fault is None:
        return None, None
    if fault.delay:
        time.sleep(fault.delay)  # outside the lock, so other calls go on meanwhile
    if not fault.replaces_answer:
        return fault, None
    status, headers, body = fault.answer()
    return fault, Reply(status, body, headers, drop=bool(fault.drop))
