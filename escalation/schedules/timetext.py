"""How people write times of day, weekdays and weekly windows: `17:00`, `9am`, `mon-fri`, `fri 17:00`.

Each reader raises ValueError with a message that shows how to write the value.
"""
from __future__ import annotations

import re
from datetime import time

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_NAMED = {"noon": time(12), "midnight": time(0)}
TIME_HINT = "write a time of day like 09:00, 17:30 or 9am"
DAY_HINT = "write a weekday like mon, tuesday or fri"


def parse_time_of_day(text: object) -> time:
    """`09:00`, `9:30`, `17:00`, `24:00` (the end of a day, same as 00:00), `9am`, `12:30pm`, `noon`."""
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise ValueError(f"{TIME_HINT}, got {text!r}")
    if isinstance(text, int):
        return _sexagesimal(text)
    lowered = text.strip().lower()
    if lowered in _NAMED:
        return _NAMED[lowered]
    match = _CLOCK.match(lowered)
    if not match or (match.group(2) is None and match.group(3) is None):
        raise ValueError(f"{TIME_HINT}, got {text!r}")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r}: with am/pm the hour goes from 1 to 12; or write 24-hour time like 17:00")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if (hour, minute) == (24, 0):
        return time(0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day; {TIME_HINT}")
    return time(hour, minute)


def _sexagesimal(number: int) -> time:
    # YAML 1.1 reads an unquoted 17:00 as the number 1020 (17 * 60); read it back the way it was written.
    if 60 <= number < 24 * 60:
        return time(number // 60, number % 60)
    raise ValueError(f"{TIME_HINT} in quotes, e.g. \"09:00\"; got the number {number}")


def parse_weekday(text: object) -> int:
    """`mon`, `Monday`, `tue`, ... -> 0..6 (0 is Monday)."""
    word = text.strip().lower().rstrip(".") if isinstance(text, str) else ""
    if len(word) >= 2:
        for number, name in enumerate(WEEKDAYS):
            if name.startswith(word) and (len(word) >= 3 or word in ("mo", "tu", "we", "th", "fr", "sa", "su")):
                return number
    raise ValueError(f"{DAY_HINT}, got {text!r}")


def parse_days(value: object) -> tuple[int, ...]:
    """`mon-fri`, `sat,sun`, `fri-mon` (wraps over the week end), `every day`, or a list of weekdays."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("every day", "daily", "all"):
            return tuple(range(7))
        parts = [part for part in re.split(r"[,\s]+", text) if part]
    elif isinstance(value, list) and value:
        parts = value
    else:
        raise ValueError(f"write days like mon-fri, [sat, sun] or every day, got {value!r}")
    days: list[int] = []
    for part in parts:
        if isinstance(part, str) and "-" in part.strip("-"):
            first, last = (parse_weekday(end) for end in part.split("-", 1))
            days += [(first + step) % 7 for step in range((last - first) % 7 + 1)]
        else:
            days.append(parse_weekday(part))
    return tuple(sorted(set(days)))


def parse_day_time(text: object) -> tuple[int, time]:
    """`fri 17:00`, `Monday 9am` -> (weekday, time of day)."""
    parts = text.split(None, 1) if isinstance(text, str) else []
    if len(parts) != 2:
        raise ValueError(f"write a weekday and a time like \"fri 17:00\", got {text!r}")
    return parse_weekday(parts[0]), parse_time_of_day(parts[1])
