"""When a layer is active, by kind: its restrictions, the schedule's weekend window, the holidays."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from escalation.schedules.holidays import holiday_windows
from escalation.schedules.model import HolidayRule, Layer, LayerKind, Restriction, Schedule
from escalation.schedules.windows import EMPTY, FULL, Mask, Span, expand, intersect, intersect_masks, mask_of, merge


@dataclass(frozen=True)
class Coverage:
    """A layer is active in the weekly `periodic` windows, and on `holidays` where they meet `holiday_mask`."""

    periodic: Mask
    holidays: HolidayRule | None = None
    holiday_mask: Mask = FULL


def coverage_of(schedule: Schedule, layer: Layer) -> Coverage:
    return _coverage(layer.kind, layer.restrictions, schedule.weekend, schedule.holidays,
                     schedule.holidays_use_weekend_layer)


@lru_cache(maxsize=1024)
def _coverage(kind: LayerKind, restrictions: tuple[Restriction, ...], weekend: tuple[Restriction, ...],
              holidays: HolidayRule | None, holidays_use_weekend_layer: bool) -> Coverage:
    restrict = mask_of(restrictions) if restrictions else FULL
    if kind == LayerKind.BASE:
        return Coverage(restrict)
    if kind == LayerKind.WEEKEND:
        on_holidays = holidays if holidays_use_weekend_layer else None
        return Coverage(intersect_masks(mask_of(weekend), restrict), on_holidays, restrict)
    return Coverage(EMPTY, holidays, restrict)


def covered_spans(coverage: Coverage, start: datetime, end: datetime) -> list[Span]:
    """The naive local spans within [start, end) in which a layer with this coverage is active."""
    spans = expand(coverage.periodic, start, end)
    if coverage.holidays is not None:
        days = [(low, high) for low, high, _ in holiday_windows(coverage.holidays, start, end)]
        if coverage.holiday_mask != FULL:
            days = intersect(days, expand(coverage.holiday_mask, start, end))
        spans = merge(spans + days)
    return spans


def weekend_spans(schedule: Schedule, start: datetime, end: datetime) -> list[Span]:
    """The schedule's weekend windows as naive local spans within [start, end)."""
    return expand(mask_of(schedule.weekend), start, end)
