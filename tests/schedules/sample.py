"""Schedules and time helpers shared by the schedule tests."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from escalation.schedules import HolidayRule, Layer, LayerKind, Restriction, Rotation, Schedule

WARSAW = "Europe/Warsaw"
NEW_YORK = "America/New_York"
MON_FRI = range(5)


def at(text: str, zone: str = WARSAW) -> datetime:
    """An existing local wall-clock time `2026-11-28 03:00` in `zone`, as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def wall(moment: datetime, zone: str = WARSAW) -> str:
    """How `moment` reads on a local clock: `Sat 2026-11-28 03:00 +01`."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%a %Y-%m-%d %H:%M} {local.utcoffset() // timedelta(hours=1):+03d}"


def hours(number: float) -> timedelta:
    return timedelta(hours=number)


def daily(days, start: str, end: str) -> tuple[Restriction, ...]:
    """A window on each of `days` (0 is Monday) from `start` to `end`, past midnight when `end` <= `start`."""
    opens, closes = time.fromisoformat(start), time.fromisoformat(end)
    return tuple(Restriction(day, opens, day if closes > opens else (day + 1) % 7, closes) for day in days)


def layer(name: str, members, shift: timedelta, handoff: str, start: str, kind: str = "base",
          restrictions: tuple[Restriction, ...] = ()) -> Layer:
    rotation = Rotation(tuple(members), shift, time.fromisoformat(handoff), date.fromisoformat(start))
    return Layer(name, LayerKind(kind), rotation, restrictions)


FRI_17_TO_MON_09 = (Restriction(4, time(17), 0, time(9)),)
POLAND = HolidayRule("PL", days_off=((date(2026, 12, 31), "Company day off"),))


def brand(**changes) -> Schedule:
    """The realistic one: business hours, weeknights, weekends Fri 17:00 -> Mon 09:00, Polish holidays."""
    values = dict(
        name="brand", timezone=WARSAW,
        layers=(
            layer("business-hours", ["anna", "piotr", "kasia"], timedelta(days=1), "09:00", "2026-01-05",
                  restrictions=daily(MON_FRI, "09:00", "17:00")),
            layer("weeknights", ["lena", "olek"], timedelta(weeks=1), "09:00", "2026-01-05",
                  restrictions=daily(range(4), "17:00", "09:00")),
            layer("weekend", ["tomasz", "ewa", "jakub"], timedelta(weeks=1), "17:00", "2026-01-02", "weekend"),
            layer("holidays", ["marta", "zofia"], timedelta(days=1), "00:00", "2026-01-01", "holiday"),
        ),
        weekend=FRI_17_TO_MON_09, holidays=POLAND,
    )
    values.update(changes)
    return Schedule(**values)


def around_the_clock(zone: str, handoff: str = "09:00", members=("a", "b")) -> Schedule:
    """One unrestricted daily rotation: the plainest schedule for daylight-saving tests."""
    return Schedule("plain", zone, (layer("daily", members, timedelta(days=1), handoff, "2026-01-01"),))
