"""Weekly windows as masks of seconds since Monday 00:00, and spans of time built from them.

A mask is a sorted tuple of disjoint (start, end) second offsets within one week of local wall-clock time.
A span is a (start, end) pair of datetimes; lists of spans are sorted and disjoint.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from escalation.schedules.model import Restriction

WEEK = 7 * 86400
Mask = tuple[tuple[int, int], ...]
Span = tuple[datetime, datetime]
FULL: Mask = ((0, WEEK),)
EMPTY: Mask = ()


def mask_of(restrictions: Iterable[Restriction]) -> Mask:
    """The union of weekly windows; a window may wrap over the end of the week (Fri 17:00 -> Mon 09:00)."""
    parts = []
    for window in restrictions:
        start = window.start_day * 86400 + _seconds(window.start)
        end = window.end_day * 86400 + _seconds(window.end)
        length = (end - start) % WEEK or WEEK
        if start + length <= WEEK:
            parts.append((start, start + length))
        else:
            parts += [(start, WEEK), (0, start + length - WEEK)]
    return _normalise(parts)


def intersect_masks(first: Mask, second: Mask) -> Mask:
    return tuple((max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) < min(b, d))


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 of the week `moment` (naive) is in."""
    return datetime.combine(moment.date() - timedelta(days=moment.weekday()), datetime.min.time())


def expand(mask: Mask, start: datetime, end: datetime) -> list[Span]:
    """The mask's windows as naive wall-clock spans, clipped to [start, end)."""
    spans: list[Span] = []
    monday = week_start(start)
    while monday < end:
        for low, high in mask:
            span = (max(start, monday + timedelta(seconds=low)), min(end, monday + timedelta(seconds=high)))
            if span[0] < span[1]:
                spans.append(span)
        monday += timedelta(days=7)
    return merge(spans)


def overlaps(mask: Mask, offset: int, length: int) -> bool:
    """Whether [offset, offset + length) seconds after some Monday 00:00 meets a window of the mask."""
    for low, high in mask:
        for week in range((offset - high) // WEEK, (offset + length) // WEEK + 1):
            if low + week * WEEK < offset + length and high + week * WEEK > offset:
                return True
    return False


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with touching or overlapping spans joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def intersect(first: Sequence[Span], second: Sequence[Span]) -> list[Span]:
    """The parts of time in both lists (each sorted and disjoint)."""
    out: list[Span] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if start < end:
            out.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return out


def _normalise(parts: list[tuple[int, int]]) -> Mask:
    out: list[tuple[int, int]] = []
    for start, end in sorted(parts):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def _seconds(moment) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second
