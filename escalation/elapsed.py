"""Durations as people say them in a review or a reminder: `45 s`, `12 min`, `1 h 05 min`, `2 d 3 h`."""
from __future__ import annotations

from datetime import timedelta


def spoken(delta: timedelta) -> str:
    """Exact to the second; a negative duration reads as its size (callers say `ago` or `left`)."""
    total = abs(int(delta.total_seconds()))
    if total < 60:
        return f"{total} s"
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{days} d"] if days else []
    if hours or (days and (minutes or secs)):
        parts.append(f"{hours} h")
    if minutes or secs:
        parts.append(f"{minutes:02d} min" if parts else f"{minutes} min")
    if secs:
        parts.append(f"{secs:02d} s")
    return " ".join(parts)
