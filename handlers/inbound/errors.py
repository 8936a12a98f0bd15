"""What is wrong with a webhook body, said precisely enough to be the text of a 400 answer."""
from __future__ import annotations

import json
import re


class PayloadError(ValueError):
    """A body that cannot become alerts. The message names the place and the problem, e.g.
    `alerts[2].labels: expected an object of strings, got a list`."""


def load_json(body: bytes) -> object:
    """Decode a request body as UTF-8 JSON, or raise PayloadError saying why it is not."""
    if not body.strip():
        raise PayloadError("body is empty; expected JSON")
    try:
        text = body.decode("utf-8-sig")  # tolerate a byte-order mark some tools prepend
    except UnicodeDecodeError as e:
        raise PayloadError(f"body is not valid UTF-8 (byte 0x{body[e.start]:02x} at offset {e.start})") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise PayloadError(f"body is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None


def _reject_constant(name: str) -> object:
    raise PayloadError(f"body is not valid JSON: {name} is not allowed")


def kind(value: object) -> str:
    """The JSON type of `value` as an error message says it: 'an object', 'a list', 'null', ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def shown(value: object, limit: int = 60) -> str:
    """`value` as JSON for an error message, cut so a huge field cannot flood the answer."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def where(path: str, key: str | int) -> str:
    """The path of `key` inside `path`: `alerts[2]`, `alerts[2].labels`, `labels["team name"]`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not _NAME.match(key):
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key
