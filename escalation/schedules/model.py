"""On-call schedules as plain frozen values: layers of rotations, holidays, overrides, resolved shifts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo


class LayerKind(StrEnum):
    BASE = "base"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    OVERRIDE = "override"


# Which kind answers when several layers cover the same instant; overrides sit above all of them.
PRECEDENCE = (LayerKind.HOLIDAY, LayerKind.WEEKEND, LayerKind.BASE)
DEFAULT_SHIFT_NOTICE = timedelta(hours=2)


@dataclass(frozen=True)
class Restriction:
    """A weekly window of local wall-clock time, from (weekday, time) up to (weekday, time); 0 is Monday.

    `Restriction(4, time(17), 0, time(9))` is Fri 17:00 -> Mon 09:00. Equal ends mean the whole week.
    """

    start_day: int
    start: time
    end_day: int
    end: time


SATURDAY_TO_MONDAY = (Restriction(5, time(0), 0, time(0)),)


@dataclass(frozen=True)
class Rotation:
    """Members take turns in shifts of `shift` local wall-clock time; handoffs at `handoff` from `start`.

    `start` anchors the rotation (the first member's shift begins at `handoff` on that date); the rotation
    runs both ways from it.
    """

    members: tuple[str, ...]
    shift: timedelta
    handoff: time
    start: date


@dataclass(frozen=True)
class Layer:
    """A rotation of one kind; `restrictions` (if any) narrow when it is active."""

    name: str
    kind: LayerKind
    rotation: Rotation
    restrictions: tuple[Restriction, ...] = ()


@dataclass(frozen=True)
class HolidayRule:
    """Public holidays of a country (and region) plus company days off, each covering `starts` -> `ends`.

    `ends` at or before `starts` means the next day, so the default 00:00 -> 00:00 is the whole day.
    """

    country: str | None = None
    subdivision: str | None = None
    days_off: tuple[tuple[date, str], ...] = ()
    starts: time = time(0)
    ends: time = time(0)
    language: str | None = None  # holiday names; None means English where the country has it


@dataclass(frozen=True)
class Override:
    """`person` is on call from `start` up to `end` (aware datetimes), whatever the layers say."""

    person: str
    start: datetime
    end: datetime
    note: str | None = None


@dataclass(frozen=True)
class Schedule:
    name: str
    timezone: str
    layers: tuple[Layer, ...]
    weekend: tuple[Restriction, ...] = SATURDAY_TO_MONDAY
    holidays: HolidayRule | None = None
    holidays_use_weekend_layer: bool = False
    overrides: tuple[Override, ...] = ()
    managers: tuple[str, ...] = ()
    shift_notice: timedelta | None = DEFAULT_SHIFT_NOTICE  # None: no notices

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Shift:
    """A stretch of time with one answer; `person` None marks a gap (nobody on call)."""

    start: datetime
    end: datetime
    person: str | None
    layer_kind: LayerKind | None
    layer_name: str | None
    holiday_name: str | None = None

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class OnCall:
    """Who answers at one instant, and the whole shift that instant falls in."""

    person: str | None
    layer_kind: LayerKind | None
    layer_name: str | None
    start: datetime
    end: datetime
    holiday_name: str | None = None

    @classmethod
    def of(cls, shift: Shift) -> OnCall:
        return cls(shift.person, shift.layer_kind, shift.layer_name, shift.start, shift.end, shift.holiday_name)


@dataclass(frozen=True)
class Handoff:
    """The next time the person on call changes: `outgoing` hands over to `incoming` at `at`."""

    at: datetime
    outgoing: OnCall
    incoming: OnCall


@dataclass(frozen=True)
class Gap:
    """Nobody is on call from `start` up to `end`; `holidays` names the holidays it falls on."""

    start: datetime
    end: datetime
    holidays: tuple[str, ...] = field(default=())
