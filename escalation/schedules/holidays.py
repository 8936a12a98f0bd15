"""Public holidays (from the `holidays` package) plus company days off, as named local wall-clock windows."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays as holidays_package

from escalation.schedules.model import HolidayRule

HolidayWindow = tuple[datetime, datetime, str]


@lru_cache(maxsize=512)
def public_holidays(country: str, subdivision: str | None, language: str | None, year: int) -> dict[date, str]:
    """{date: name} of one year; several holidays on one day are joined with `; `."""
    calendar = holidays_package.country_holidays(country, subdiv=subdivision, years=year,
                                                 language=language or _english(country))
    return dict(calendar.items())


@lru_cache(maxsize=512)
def holiday_names(rule: HolidayRule, year: int) -> dict[date, str]:
    """Every day of `year` the rule covers, with its name; a company day off on a holiday adds its name."""
    names = public_holidays(rule.country, rule.subdivision, rule.language, year) if rule.country else {}
    names = dict(names)
    for day, name in rule.days_off:
        if day.year == year:
            names[day] = f"{names[day]}; {name}" if day in names and name not in names[day] else name
    return names


def holiday_windows(rule: HolidayRule, start: datetime, end: datetime) -> list[HolidayWindow]:
    """The naive local windows of holidays that meet [start, end), clipped to it, in order."""
    length = _window_length(rule)
    windows = []
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        name = holiday_names(rule, day.year).get(day)
        if name is not None:
            opens = datetime.combine(day, rule.starts)
            low, high = max(start, opens), min(end, opens + length)
            if low < high:
                windows.append((low, high, name))
        day += timedelta(days=1)
    return windows


def holiday_days(rule: HolidayRule, first: date, last: date) -> list[date]:
    """The holiday dates from `first` to `last` inclusive."""
    found = []
    for year in range(first.year, last.year + 1):
        found += [day for day in holiday_names(rule, year) if first <= day <= last]
    return sorted(found)


def window_of(rule: HolidayRule, day: date) -> tuple[datetime, datetime]:
    """The naive local window a holiday on `day` covers."""
    opens = datetime.combine(day, rule.starts)
    return opens, opens + _window_length(rule)


def country_problem(country: str) -> str | None:
    """Why the `holidays` package has no holidays for `country`, or None if it has."""
    if country in holidays_package.list_supported_countries():
        return None
    return f"unknown country {country!r}: use an ISO 3166 code the `holidays` package knows, such as PL, US or IL"


def subdivision_problem(country: str, subdivision: str) -> str | None:
    """Why `country` has no holidays for `subdivision` (a state, province...), or None if it has."""
    known = holidays_package.list_supported_countries()[country]
    if subdivision in known:
        return None
    listed = ", ".join(known[:20]) + (", ..." if len(known) > 20 else "")
    return f"{country} has no subdivision {subdivision!r}; known ones: {listed or 'none'}"


def country_weekend(country: str) -> frozenset[int]:
    """The weekdays (0 is Monday) that make up the weekend in `country`, e.g. Fri and Sat in IL."""
    return frozenset(holidays_package.country_holidays(country).weekend)


def languages(country: str) -> tuple[str, ...]:
    """The languages holiday names of `country` come in, e.g. ('de', 'en_US', 'pl', 'uk') for PL."""
    return tuple(holidays_package.country_holidays(country).supported_languages)


def _english(country: str) -> str | None:
    # Names must not depend on the server's locale; English where the country has it, else its default.
    return "en_US" if "en_US" in languages(country) else None


def _window_length(rule: HolidayRule) -> timedelta:
    start = timedelta(hours=rule.starts.hour, minutes=rule.starts.minute)
    end = timedelta(hours=rule.ends.hour, minutes=rule.ends.minute)
    return (end - start) if end > start else (end - start + timedelta(days=1))
