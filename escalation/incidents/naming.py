"""Incident channel names: the configured pattern filled in, then made into a name Slack accepts.

Slack's rules: lowercase letters, digits, `-` and `_`, at most 80 characters.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

MAX_LEN = 80
PLACEHOLDERS = ("number", "date", "title", "source", "severity")

# Letters NFKD leaves whole (they are not "letter + accent" in Unicode), folded by hand.
_FOLD = str.maketrans({
    "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ƒ": "f",
})
_NOT_ALLOWED = re.compile(r"[^a-z0-9_]+")  # "-" included, so "a - b" becomes "a-b", not "a---b"
_FIELD = re.compile(r"\{([^{}]*)\}")


def channel_name(pattern: str, *, number: int, title: str, source: str, severity: int,
                 created_at: datetime, tz: str) -> str:
    """The channel name for an incident: `pattern` filled in, valid for Slack, never empty."""
    unknown = [name for name in _FIELD.findall(pattern) if name not in PLACEHOLDERS]
    if unknown:
        raise ValueError(f"channel name pattern {pattern!r}: unknown placeholder {{{unknown[0]}}}; "
                         f"use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}")
    if created_at.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    values = {
        "number": str(number),
        "date": created_at.astimezone(ZoneInfo(tz)).strftime("%Y%m%d"),
        "title": slugify(title, MAX_LEN),
        "source": slugify(source, MAX_LEN),
        "severity": f"sev{severity}",
    }
    name = _fill(pattern, values)
    # Too long: give up title characters first, so the number and date survive.
    while len(name) > MAX_LEN and values["title"] and "{title}" in pattern:
        values["title"] = _cut(values["title"], len(values["title"]) - (len(name) - MAX_LEN))
        name = _fill(pattern, values)
    return _cut(name, MAX_LEN) or f"incident-{number}"


def with_suffix(name: str, attempt: int) -> str:
    """The name to try after `name_taken`: attempt 2 gives `name-2`, trimming the base to stay within 80."""
    if attempt < 2:
        return name
    suffix = f"-{attempt}"
    return name[: MAX_LEN - len(suffix)].rstrip("-_") + suffix


def slugify(text: str, max_len: int) -> str:
    """`text` as lowercase ASCII words joined by `-`, at most `max_len` long, cut at a word end if one is near."""
    return _cut(_normalize(text), max_len)


def _normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALLOWED.sub("-", bare.lower().translate(_FOLD)).strip("-_")


def _fill(pattern: str, values: dict[str, str]) -> str:
    return _normalize(_FIELD.sub(lambda m: values[m.group(1)], pattern))


def _cut(slug: str, max_len: int) -> str:
    if len(slug) <= max_len:
        return slug
    if max_len <= 0:
        return ""
    head = slug[:max_len]
    if slug[max_len] not in "-_":  # the cut falls inside a word: end at the previous word if it is not far
        boundary = max(head.rfind("-"), head.rfind("_"))
        if boundary >= max_len // 2:
            head = head[:boundary]
    return head.rstrip("-_")


DRILL_PREFIX = "drill-"


def drill_channel(name: str) -> str:
    """A drill incident's channel: `drill-` first, whatever the pattern, so nobody mistakes it for a real crisis."""
    if name.startswith(DRILL_PREFIX):
        return name
    return (DRILL_PREFIX + name)[:MAX_LEN].rstrip("-_")
