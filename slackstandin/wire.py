"""Reading requests the way Slack does: form bodies, JSON bodies, query strings, and where the token may be."""
from __future__ import annotations

import json
from urllib.parse import parse_qs

from slackstandin.rules import SlackError


def content_type(headers) -> str:
    """The media type of a request, lowercased and without parameters like charset."""
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


def parse_args(query: str, headers, body: bytes) -> dict:
    """Arguments from the query string and the body; the body wins where both name the same argument."""
    args = _form(query)
    kind = content_type(headers)
    if kind == "application/json" and body.strip():
        try:
            data = json.loads(body)
        except ValueError:
            raise SlackError("invalid_json") from None
        if not isinstance(data, dict):
            raise SlackError("invalid_json")
        args.update(data)
    elif kind == "application/x-www-form-urlencoded" or (body and not kind):
        args.update(_form(body.decode("utf-8", "replace")))
    return args


def token_of(headers, args: dict) -> str | None:
    """The token sent as `Authorization: Bearer ...` or, except in JSON bodies, as a `token` argument."""
    auth = headers.get("Authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    # Slack ignores a token inside a JSON body: JSON callers must use the header.
    if content_type(headers) == "application/json":
        return None
    return text_arg(args, "token")


def text_arg(args: dict, key: str) -> str | None:
    """An argument as a string, with missing and empty both meaning None."""
    value = args.get(key)
    return None if value is None or value == "" else str(value)


def flag_arg(args: dict, key: str) -> bool:
    """A boolean argument: JSON true, or "true"/"1" in a form (slack_sdk sends booleans as 1 and 0)."""
    value = args.get(key)
    return value is True or str(value).lower() in ("1", "true")


def id_list(args: dict, key: str) -> list[str]:
    """A comma-separated list of ids, as conversations.invite and conversations.open take them."""
    value = args.get(key) or ""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _form(text: str) -> dict:
    return {key: values[-1] for key, values in parse_qs(text, keep_blank_values=True).items()}
