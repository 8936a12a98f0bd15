"""Durations as admins write them: `30s`, `5m`, `2h`, `1d`, `1w`, or combined like `1h30m`."""
from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_PART = re.compile(r"(\d+)\s*([smhdw])")
_WHOLE = re.compile(r"^\s*(?:\d+\s*[smhdw]\s*)+$")


def parse_duration(text: object) -> timedelta:
    """Parse a duration; raises ValueError with a message that shows how to write one."""
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise ValueError(f"expected a duration like 30s, 5m, 2h or 1d, got {text!r}")
    if isinstance(text, int):
        raise ValueError(f"a duration needs a unit: write {text}m for minutes or {text}s for seconds")
    lowered = text.strip().lower()
    if not _WHOLE.match(lowered):
        raise ValueError(f"expected a duration like 30s, 5m, 2h, 1d or 1h30m, got {text!r}")
    total = timedelta()
    for amount, unit in _PART.findall(lowered):
        total += timedelta(**{_UNITS[unit]: int(amount)})
    return total


def format_duration(delta: timedelta) -> str:
    """The inverse of parse_duration, in the shortest form: 90 minutes -> `1h30m`."""
    seconds = int(delta.total_seconds())
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "".join(parts)
