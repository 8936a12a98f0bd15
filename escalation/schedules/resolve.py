"""Resolves a schedule into consecutive shifts: layers by precedence, holidays named, overrides on top."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from escalation.schedules.clock import local, require_aware, to_utc
from escalation.schedules.coverage import coverage_of
from escalation.schedules.holidays import holiday_windows
from escalation.schedules.model import PRECEDENCE, LayerKind, Override, Schedule, Shift
from escalation.schedules.rotation import layer_pieces

# What makes two touching stretches one shift: (person, kind, layer name, holiday name, slot identity).
Key = tuple
Tile = tuple[datetime, datetime, Key]
MARGIN = timedelta(days=1)  # wall-clock padding so a daylight-saving change never leaves the edges uncovered


def resolve_shifts(schedule: Schedule, start: datetime, end: datetime,
                   overrides: Iterable[Override] = ()) -> list[Shift]:
    """Consecutive shifts tiling [start, end) exactly, in UTC; a shift with person None is a gap.

    Shifts are cut at handoffs, at holiday boundaries and where the answering layer changes. Overrides are
    the schedule's own followed by `overrides`; where they overlap, the later one wins.
    """
    everyone = (*schedule.overrides, *overrides)
    require_aware(start, end, *(moment for override in everyone for moment in (override.start, override.end)))
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return []
    zone = schedule.zone
    wall = _resolve_wall(schedule, local(start, zone) - MARGIN, local(end, zone) + MARGIN)
    tiles = [(to_utc(low, zone), to_utc(high, zone), key) for low, high, key in wall]
    tiles = [tile for tile in tiles if tile[0] < tile[1]]  # a stretch inside skipped wall-clock time
    tiles = _with_overrides(tiles, everyone, start, end)
    clipped = [(max(low, start), min(high, end), key) for low, high, key in tiles if low < end and high > start]
    return [Shift(low, high, *key[:4]) for low, high, key in _merge(clipped)]


def _resolve_wall(schedule: Schedule, start: datetime, end: datetime) -> list[Tile]:
    """The same in naive local wall-clock time, before overrides (which are instants, not wall-clock)."""
    ordered = [(index, layer) for kind in PRECEDENCE for index, layer in enumerate(schedule.layers)
               if layer.kind == kind]
    per_layer = [layer_pieces(layer.rotation, coverage_of(schedule, layer), start, end) for _, layer in ordered]
    named = holiday_windows(schedule.holidays, start, end) if schedule.holidays else []
    edges = {start, end}
    for pieces in per_layer:
        edges.update(moment for piece in pieces for moment in piece[:2])
    edges.update(moment for window in named for moment in window[:2])
    pointers = [0] * (len(per_layer) + 1)
    tiles = []
    for low, high in pairwise(sorted(edges)):
        holiday = _at(named, pointers, -1, low)
        key: Key = (None, None, None, holiday[2] if holiday else None, None)
        for position, (index, layer) in enumerate(ordered):
            piece = _at(per_layer[position], pointers, position, low)
            if piece is not None:
                key = (piece[2], layer.kind, layer.name, key[3], (index, piece[3]))
                break
        tiles.append((low, high, key))
    return _merge(tiles)


def _at(pieces: Sequence[tuple], pointers: list[int], which: int, moment: datetime) -> tuple | None:
    """The piece containing `moment`; `moment` only ever grows, so each list is walked once."""
    position = pointers[which]
    while position < len(pieces) and pieces[position][1] <= moment:
        position += 1
    pointers[which] = position
    if position < len(pieces) and pieces[position][0] <= moment:
        return pieces[position]
    return None


def _with_overrides(tiles: list[Tile], overrides: Sequence[Override], start: datetime, end: datetime) -> list[Tile]:
    active = [(number, override) for number, override in enumerate(overrides)
              if override.start < end and override.end > start and override.start < override.end]
    if not active or not tiles:
        return tiles
    edges = {edge for low, high, _ in tiles for edge in (low, high)}
    edges.update(moment.astimezone(UTC) for _, override in active for moment in (override.start, override.end)
                 if tiles[0][0] < moment < tiles[-1][1])
    out, position = [], 0
    for low, high in pairwise(sorted(edges)):
        while tiles[position][1] <= low:
            position += 1
        key = tiles[position][2]
        for number, override in reversed(active):
            if override.start <= low < override.end:
                key = (override.person, LayerKind.OVERRIDE, "override", key[3], ("override", number))
                break
        out.append((low, high, key))
    return _merge(out)


def _merge(tiles: Iterable[Tile]) -> list[Tile]:
    merged: list[Tile] = []
    for low, high, key in tiles:
        if merged and merged[-1][2] == key and merged[-1][1] == low:
            merged[-1] = (merged[-1][0], high, key)
        else:
            merged.append((low, high, key))
    return merged
