"""Local wall-clock time <-> UTC instants, with one rule for daylight-saving changes.

A wall-clock time happens at the first instant the local clock shows that time or later:
- a repeated time (clocks go back) happens at its first occurrence;
- a skipped time (clocks go forward) happens at the moment of the jump.
The rule is monotonic, so wall-clock intervals map to UTC intervals without overlaps or gaps.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo


def local(instant: datetime, zone: ZoneInfo) -> datetime:
    """The naive local wall-clock time of an aware instant."""
    return instant.astimezone(zone).replace(tzinfo=None)


def to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant (UTC) at which the local clock first shows `wall` or later."""
    return _to_utc(wall, zone)


@lru_cache(maxsize=65536)
def _to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if local(first, zone) == wall:
        return first  # exists (fold=0 is the first occurrence of a repeated time)
    # Skipped: the answer is the jump itself. fold=1 reads `wall` with the offset after the jump, which
    # lands before the jump; search the whole seconds between that and `first` for the jump.
    before = wall.replace(tzinfo=zone, fold=1).astimezone(UTC).replace(microsecond=0)
    low, high = 0, int((first - before).total_seconds()) + 1
    while low < high:
        middle = (low + high) // 2
        if local(before + timedelta(seconds=middle), zone) >= wall:
            high = middle
        else:
            low = middle + 1
    return before + timedelta(seconds=low)

def require_aware(*instants: datetime) -> None:
    """Schedules only take aware datetimes: a naive one has no place on the timeline."""
    for instant in instants:
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError(f"expected a timezone-aware datetime, got naive {instant.isoformat()}")
