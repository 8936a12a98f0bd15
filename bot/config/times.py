"""Readers for the times in a schedule: times of day, dates, weekly windows, moments (shape: docs/schedules.md).

Like `fields`, each checks one value and appends a Problem instead of raising.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.config import fields
from bot.config.problems import Problem
from bot.config.yamlpos import index, join
from escalation.schedules import (
    SATURDAY_TO_MONDAY,
    Restriction,
    parse_day_time,
    parse_days,
    parse_time_of_day,
    to_utc,
)

WINDOW_SHAPE = "a window like {days: mon-fri, from: \"09:00\", to: \"17:00\"} or {from: fri 17:00, to: mon 09:00}"
T = TypeVar("T")
# Dates far from now cost the worker (holidays are counted from a rotation's start to now, year by year) or
# overflow when moved to UTC (0001-01-01 00:00 in Warsaw is in year 0 in UTC); no schedule needs them.
EARLIEST, LATEST = date(1970, 1, 1), date(2199, 12, 31)
DATE_RANGE = f"from {EARLIEST.year} to {LATEST.year}"
_LOOKS_LIKE_A_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def time_of_day(raw: object, path: str, problems: list[Problem]) -> time | None:
    try:
        return parse_time_of_day(raw)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return None


def calendar_date(raw: object, path: str, problems: list[Problem]) -> date | None:
    """A day like 2026-01-05, from EARLIEST to LATEST."""
    day = raw if isinstance(raw, date) and not isinstance(raw, datetime) else None
    if isinstance(raw, str):
        try:
            day = date.fromisoformat(raw.strip())
        except ValueError:
            pass
    if day is None:
        problems.append(Problem(path, _no_such_day(raw, "a date like 2026-01-05")
                                or f"expected a date like 2026-01-05, got {fields.describe(raw)}"))
        return None
    return _in_range(day, day, path, problems)


def windows(raw: object, path: str, problems: list[Problem]) -> tuple[Restriction, ...]:
    """One window or a list of them (each a mapping, see WINDOW_SHAPE)."""
    items = raw if isinstance(raw, list) else [raw]
    found: list[Restriction] = []
    for position, item in enumerate(items):
        found += _window(item, index(path, position) if isinstance(raw, list) else path, problems)
    if isinstance(raw, list) and not raw:
        problems.append(Problem(path, f"expected {WINDOW_SHAPE}, or leave it out"))
    return tuple(found)


def _window(raw: object, path: str, problems: list[Problem]) -> list[Restriction]:
    entry = fields.mapping(raw, path, problems, ("days", "from", "to"), ("from", "to"), WINDOW_SHAPE)
    if entry is None or "from" not in entry or "to" not in entry:
        return []
    if "days" in entry:
        days = _read(parse_days, entry["days"], join(path, "days"), problems)
        starts = time_of_day(entry["from"], join(path, "from"), problems)
        ends = time_of_day(entry["to"], join(path, "to"), problems)
        if days is None or starts is None or ends is None:
            return []
        return [Restriction(day, starts, day if ends > starts else (day + 1) % 7, ends) for day in days]
    start = _read(parse_day_time, entry["from"], join(path, "from"), problems)
    end = _read(parse_day_time, entry["to"], join(path, "to"), problems)
    if start is None or end is None:
        return []
    if start == end:
        problems.append(Problem(path, "from and to are the same moment; leave the window out to mean always"))
        return []
    return [Restriction(start[0], start[1], end[0], end[1])]


def weekend(raw: object, path: str, problems: list[Problem]) -> tuple[Restriction, ...]:
    """`sat-sun` / `fri-sat` (whole days), or windows like {from: fri 17:00, to: mon 09:00}."""
    if isinstance(raw, str):
        days = _read(parse_days, raw, path, problems)
        return tuple(Restriction(day, time(0), (day + 1) % 7, time(0)) for day in days or ())
    return windows(raw, path, problems) or SATURDAY_TO_MONDAY


def moment(raw: object, path: str, problems: list[Problem], zone: str) -> datetime | None:
    """`2026-12-24 09:00` in the schedule's time zone, or with an offset like `2026-12-24T09:00+01:00`."""
    at = raw if isinstance(raw, datetime) else None
    if isinstance(raw, date) and not isinstance(raw, datetime):
        at = datetime.combine(raw, time(0))
    if isinstance(raw, str):
        try:
            at = datetime.fromisoformat(raw.strip())
        except ValueError:
            pass
    if at is None:
        expected = "a date and time like \"2026-12-24 09:00\""
        problems.append(Problem(path, _no_such_day(raw, expected)
                                or f"expected {expected}, got {fields.describe(raw)}"))
        return None
    if _in_range(at.date(), at, path, problems) is None:
        return None
    return at if at.tzinfo is not None else to_utc(at, ZoneInfo(zone))


def _in_range(day: date, value: T, path: str, problems: list[Problem]) -> T | None:
    if EARLIEST <= day <= LATEST:
        return value
    problems.append(Problem(path, f"{day.isoformat()} is out of range: write a date {DATE_RANGE}"))
    return None


def _no_such_day(raw: object, expected: str) -> str:
    """`there is no day 2026-02-30 (day is out of range for month); write <expected>` when `raw` starts with a
    date that the calendar does not have, else ``."""
    match = _LOOKS_LIKE_A_DATE.match(raw) if isinstance(raw, str) else None
    if match is None:
        return ""
    try:
        date(*(int(part) for part in match.groups()))
    except ValueError as error:
        return f"there is no day {match[0].strip()} ({error}); write {expected}"
    return ""


def _read(reader: Callable[[object], T], raw: object, path: str, problems: list[Problem]) -> T | None:
    try:
        return reader(raw)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return None
