"""Durations as admins write them: `30s`, `5m`, `2h`, `1d`, `1w`, or combined like `1h30m`."""
from __future__ import annotations

import re
from datetime import timedelta

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# No wait, reminder, shift or window is sensibly longer than a year; a longer one (up to timedelta's own limit
# of 2.7 million years) would overflow the first time the worker adds it to the clock.
LONGEST = timedelta(days=366)
_PART = re.compile(r"(\d+)\s*([smhdw])")
_WHOLE = re.compile(r"^\s*(?:\d+\s*[smhdw]\s*)+$")


def parse_duration(text: object) -> timedelta:
    """Parse a duration of at most LONGEST; raises ValueError with a message that shows how to write one."""
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise ValueError(f"expected a duration like 30s, 5m, 2h or 1d, got {text!r}")
    if isinstance(text, int):
        raise ValueError(f"a duration needs a unit: write {text}m for minutes or {text}s for seconds")
    lowered = text.strip().lower()
    if lowered.startswith("-") and _WHOLE.match(lowered[1:]):
        raise ValueError(f"a duration cannot be negative, got {_shown(text)}")
    if not _WHOLE.match(lowered):
        raise ValueError(f"expected a duration like 30s, 5m, 2h, 1d or 1h30m, got {_shown(text)}")
    longest = int(LONGEST.total_seconds())
    # An amount of 16 digits is millions of years whatever its unit, and int() refuses one of 4,300 digits.
    seconds = sum(int(amount) * _SECONDS[unit] if len(amount.lstrip("0")) <= 15 else longest + 1
                  for amount, unit in _PART.findall(lowered))
    if seconds > longest:
        raise ValueError(f"{_shown(text)} is longer than a year; write at most {LONGEST.days}d")
    return timedelta(seconds=seconds)


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


def _shown(text: str) -> str:
    """`text` quoted for a message, cut after 40 characters (a value of 5,000 digits is not worth printing)."""
    return repr(text) if len(text) <= 40 else repr(text[:40] + "…")
