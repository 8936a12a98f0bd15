"""A slow, obviously-correct answer to "who is on call at this local wall-clock time", for cross-checks.

It shares no code with escalation.schedules' resolution: it walks the rules literally, slot by slot and
hour by hour. It assumes every boundary in the schedule falls on a whole hour.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

import holidays

from escalation.schedules.model import LayerKind, Restriction, Schedule

WEEK = 7 * 86400
ORDER = {LayerKind.HOLIDAY: 0, LayerKind.WEEKEND: 1, LayerKind.BASE: 2}


def answer(schedule: Schedule, wall: datetime) -> tuple[str | None, str | None, str | None]:
    """(person, layer kind, layer name) at naive local time `wall`, ignoring overrides."""
    ordered = sorted(enumerate(schedule.layers), key=lambda pair: (ORDER[pair[1].kind], pair[0]))
    for _, layer in ordered:
        if _active(schedule, layer, wall):
            return _person(schedule, layer, wall), str(layer.kind), layer.name
    return None, None, None


def holiday_at(schedule: Schedule, wall: datetime) -> str | None:
    rule = schedule.holidays
    if rule is None:
        return None
    starts = timedelta(hours=rule.starts.hour, minutes=rule.starts.minute)
    ends = timedelta(hours=rule.ends.hour, minutes=rule.ends.minute)
    length = ends - starts if ends > starts else ends - starts + timedelta(days=1)
    for day in (wall.date(), wall.date() - timedelta(days=1)):
        opens = datetime.combine(day, rule.starts)
        name = _names(rule.country, rule.subdivision, rule.days_off, day.year).get(day)
        if name and opens <= wall < opens + length:
            return name
    return None


@cache
def _names(country, subdivision, days_off, year) -> dict[date, str]:
    names = dict(holidays.country_holidays(country, subdiv=subdivision, years=year, language="en_US")) \
        if country else {}
    for day, name in days_off:
        names[day] = f"{names[day]}; {name}" if day in names else name
    return names


def _inside(window: Restriction, wall: datetime) -> bool:
    offset = wall.weekday() * 86400 + wall.hour * 3600 + wall.minute * 60 + wall.second
    start = window.start_day * 86400 + window.start.hour * 3600 + window.start.minute * 60
    end = window.end_day * 86400 + window.end.hour * 3600 + window.end.minute * 60
    return (offset - start) % WEEK < ((end - start) % WEEK or WEEK)


def _active(schedule: Schedule, layer, wall: datetime) -> bool:
    allowed = not layer.restrictions or any(_inside(window, wall) for window in layer.restrictions)
    if not allowed:
        return False
    if layer.kind == LayerKind.BASE:
        return True
    holiday = holiday_at(schedule, wall) is not None
    if layer.kind == LayerKind.HOLIDAY:
        return holiday
    weekend = any(_inside(window, wall) for window in schedule.weekend)
    return weekend or (schedule.holidays_use_weekend_layer and holiday)


def _person(schedule: Schedule, layer, wall: datetime) -> str:
    rotation = layer.rotation
    anchor = datetime.combine(rotation.start, rotation.handoff)
    slot = (wall - anchor) // rotation.shift
    hours = int(rotation.shift / timedelta(hours=1))

    def worked(number: int) -> bool:
        start = anchor + number * rotation.shift
        return any(_active(schedule, layer, start + timedelta(hours=hour)) for hour in range(hours))

    if slot >= 0:
        turns = sum(worked(number) for number in range(0, slot))
    else:
        turns = -sum(worked(number) for number in range(slot, 0))
    return rotation.members[turns % len(rotation.members)]
