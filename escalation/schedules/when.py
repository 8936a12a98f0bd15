"""Reads the `<when>` of `/crisis oncall at <when>`: `saturday 03:00`, `2026-12-26 14:00`, `tomorrow 9am`."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from escalation.schedules.clock import local, require_aware, to_utc
from escalation.schedules.timetext import parse_time_of_day, parse_weekday

HOW = ("write a time like `now`, `saturday 03:00`, `tomorrow 9am`, `2026-12-26 14:00`, `26.12.2026 14:00` "
       "or `in 2h`")
NOON = time(12)  # a day without a time means its middle, away from the usual midnight and 09:00 handoffs
_IN = re.compile(r"^(?:in\s+|\+)(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$")
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ t](.+))?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(.+))?$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_when(text: str, now: datetime, tz: str | ZoneInfo) -> datetime:
    """The instant (UTC) `text` names, read in time zone `tz` relative to `now`; ValueError says how to write it.

    A weekday means today or one of the next six days (`next friday`: one of the next seven, not today);
    a day without a time means 12:00 that day; a time without a day means today.
    """
    require_aware(now)
    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    words = re.sub(r"\s+at\s+|\s+", " ", (text or "").strip().lower()).removeprefix("at ").strip()
    if not words:
        raise ValueError(f"say when: {HOW}")
    if words == "now":
        return now.astimezone(UTC)
    try:
        return _read(words, now, zone)
    except ValueError as error:
        detail = f" ({error})" if "time of day" in str(error) or "weekday" in str(error) else ""
        raise ValueError(f"can't read {text.strip()!r} as a time{detail}: {HOW}") from None


def _read(words: str, now: datetime, zone: ZoneInfo) -> datetime:
    relative = _IN.match(words)
    if relative:
        return now.astimezone(UTC) + timedelta(**{_UNITS[relative.group(2)[0]]: int(relative.group(1))})
    if _ISO.match(words) and (aware := _aware_iso(words)) is not None:
        return aware
    today = local(now, zone).date()
    day, rest = _day(words, today)
    clock = parse_time_of_day(rest) if rest else NOON if day is not None else None
    if clock is None:
        raise ValueError("nothing to read")
    return to_utc(datetime.combine(day or today, clock), zone)


def _aware_iso(words: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(words.upper())
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else None


def _day(words: str, today: date) -> tuple[date | None, str]:
    """The day at the start of `words` (None: no day given) and what follows it."""
    iso, dotted = _ISO.match(words), _DOTTED.match(words)
    if iso:
        return date.fromisoformat(iso.group(1)), iso.group(2) or ""
    if dotted:
        day, month, year = (int(part) for part in dotted.groups()[:3])
        return date(year, month, day), dotted.group(4) or ""
    first, _, rest = words.partition(" ")
    shifts = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if first in shifts:
        return today + timedelta(days=shifts[first]), rest
    if first == "next":
        weekday, _, rest = rest.partition(" ")
        ahead = (parse_weekday(weekday) - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead), rest
    try:
        index = parse_weekday(first)
    except ValueError:
        return None, words
    return today + timedelta(days=(index - today.weekday()) % 7), rest
