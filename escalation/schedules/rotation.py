"""Rotations in local wall-clock time: numbered shift slots, and whose turn each worked slot is.

Slot k runs from anchor + k*shift to anchor + (k+1)*shift of local wall-clock time, where the anchor is the
rotation's start date at its handoff time. A slot is *worked* when it meets the layer's coverage. Turns pass
on worked slots only, so a rotation restricted to weekdays never leaves the same people out at weekends.
"""
from __future__ import annotations

from bisect import bisect_left
from datetime import datetime, timedelta
from functools import lru_cache
from math import ceil, lcm

from escalation.schedules.coverage import Coverage, covered_spans
from escalation.schedules.holidays import holiday_days, window_of
from escalation.schedules.model import Rotation
from escalation.schedules.windows import WEEK, Span, expand, intersect, overlaps, week_start

Piece = tuple[datetime, datetime, str, int]  # (start, end, person, slot) in naive local time
BLOCK_SPAN = timedelta(days=366)  # holiday-worked slots are counted in blocks of about a year


def anchor(rotation: Rotation) -> datetime:
    return datetime.combine(rotation.start, rotation.handoff)


def slot_of(rotation: Rotation, wall: datetime) -> int:
    """The slot a naive local wall-clock time falls in."""
    return (wall - anchor(rotation)) // rotation.shift


def slot_span(rotation: Rotation, slot: int) -> Span:
    start = anchor(rotation) + slot * rotation.shift
    return start, start + rotation.shift


def layer_pieces(rotation: Rotation, coverage: Coverage, start: datetime, end: datetime) -> list[Piece]:
    """Who the rotation puts on call in [start, end) (naive local), split at handoffs."""
    pieces: list[Piece] = []
    if not rotation.members:
        return pieces
    for low, high in covered_spans(coverage, start, end):
        slot = slot_of(rotation, low)
        while True:
            slot_start, slot_end = slot_span(rotation, slot)
            if slot_start >= high:
                break
            turn = worked_before(rotation, coverage, slot) % len(rotation.members)
            pieces.append((max(low, slot_start), min(high, slot_end), rotation.members[turn], slot))
            slot += 1
    return pieces


def worked_before(rotation: Rotation, coverage: Coverage, slot: int) -> int:
    """How many worked slots lie in [0, slot) (for a negative slot: minus those in [slot, 0))."""
    count = _periodic_before(rotation, coverage, slot)
    if coverage.holidays is not None:
        count += _holiday_before(rotation, coverage, slot)
    return count


def _periodic_before(rotation: Rotation, coverage: Coverage, slot: int) -> int:
    prefix = _pattern(rotation.shift, anchor(rotation) - week_start(anchor(rotation)), coverage.periodic)
    period = len(prefix) - 1
    laps, rest = divmod(slot, period)
    return laps * prefix[-1] + prefix[rest]


@lru_cache(maxsize=1024)
def _pattern(shift: timedelta, offset: timedelta, periodic: tuple) -> tuple[int, ...]:
    """Prefix counts of worked slots over one period of the slot/week pattern (length: period + 1)."""
    length, first = int(shift.total_seconds()), int(offset.total_seconds())
    period = lcm(length, WEEK) // length
    prefix = [0]
    for slot in range(period):
        prefix.append(prefix[-1] + overlaps(periodic, (first + slot * length) % WEEK, length))
    return tuple(prefix)


def _holiday_before(rotation: Rotation, coverage: Coverage, slot: int) -> int:
    size = _block_size(rotation)
    block = slot // size
    if slot >= 0:
        whole = sum(len(_holiday_slots(rotation, coverage, b)) for b in range(0, block))
        return whole + bisect_left(_holiday_slots(rotation, coverage, block), slot)
    whole = sum(len(_holiday_slots(rotation, coverage, b)) for b in range(block + 1, 0))
    own = _holiday_slots(rotation, coverage, block)
    return -(whole + len(own) - bisect_left(own, slot))


def _block_size(rotation: Rotation) -> int:
    return max(1, ceil(BLOCK_SPAN / rotation.shift))


@lru_cache(maxsize=4096)
def _holiday_slots(rotation: Rotation, coverage: Coverage, block: int) -> tuple[int, ...]:
    """Slots of one block that are worked only because of a holiday (not by the weekly windows)."""
    rule = coverage.holidays
    if rule is None:  # no holiday rule: no slot is worked because of a holiday
        return ()
    size = _block_size(rotation)
    first, last = block * size, (block + 1) * size - 1
    start, end = slot_span(rotation, first)[0], slot_span(rotation, last)[1]
    found = set()
    for day in holiday_days(rule, start.date() - timedelta(days=1), end.date()):
        window = window_of(rule, day)
        for low, high in intersect([window], expand(coverage.holiday_mask, *window)):
            for slot in range(slot_of(rotation, low), slot_of(rotation, high - timedelta(microseconds=1)) + 1):
                if first <= slot <= last and not _periodic_worked(rotation, coverage, slot):
                    found.add(slot)
    return tuple(sorted(found))


def _periodic_worked(rotation: Rotation, coverage: Coverage, slot: int) -> bool:
    return _periodic_before(rotation, coverage, slot + 1) > _periodic_before(rotation, coverage, slot)
