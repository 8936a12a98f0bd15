"""What is wrong with a webhook body, said precisely enough to be the text of a 400 answer."""
from __future__ import annotations

import json
import re

from handlers.inbound.bounds import MAX_DEPTH, Bound, check, finite_number, whole_number


class PayloadError(ValueError):
    """A body that cannot become alerts. The message names the place and the problem, e.g.
    `alerts[2].labels: expected an object of strings, got a list`."""


def load_json(body: bytes) -> object:
    """Decode a request body as UTF-8 JSON within bounds (handlers/inbound/bounds.py), or raise PayloadError
    saying why it is not."""
    if not body.strip():
        raise PayloadError("body is empty; expected JSON")
    try:
        text = body.decode("utf-8-sig")  # tolerate a byte-order mark some tools prepend
    except UnicodeDecodeError as e:
        raise PayloadError(f"body is not valid UTF-8 (byte 0x{body[e.start]:02x} at offset {e.start})") from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant, parse_int=whole_number, parse_float=finite_number)
        check(doc, escapes="\\u" in text)
    except json.JSONDecodeError as e:
        raise PayloadError(f"body is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except RecursionError:  # the decoder gave up long before the end: the body is far deeper than allowed
        raise PayloadError(f"body: nested deeper than {MAX_DEPTH} levels") from None
    except Bound as e:
        place = ""
        for key in e.path:
            place = where(place, key)
        raise PayloadError(f"{place or 'body'}: {e.problem}") from None
    return doc


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
    text = quoted(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(value: object) -> str:
    """`value` as JSON, readable, with lone surrogates escaped: an answer holding one could not be sent."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def where(path: str, key: str | int) -> str:
    """The path of `key` inside `path`: `alerts[2]`, `alerts[2].labels`, `labels["team name"]`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not _NAME.match(key):
        return f"{path}[{quoted(key)}]"
    return f"{path}.{key}" if path else key
