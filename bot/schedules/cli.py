"""`crisisdesk schedule show|check|ics|stats`: the on-call schedules as escalation sees them, in a terminal.

Each command takes the parsed arguments, the config, a session factory and the time, so tests can run it
without a process; `bot/cli.py` wires it. Answers include the overrides stored from Slack.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.config.model import Config
from bot.schedules import tables
from escalation import schedules as sched
from escalation.schedules import feed as calendar

DATE_HINT = "write a date like 2026-12-24 (year-month-day)"
MAX_DAYS = 366


class ScheduleCommandError(Exception):
    """A mistake on the command line, told in one line."""


def show(args: argparse.Namespace, config: Config, sessions: sessionmaker[Session], now: datetime) -> int:
    schedule = pick(config, args.name)
    first = parse_day(args.start, "--from") if args.start else calendar.today(schedule, now)
    days = day_count(args.days, 7)
    with sessions() as session:
        shifts = calendar.calendar_shifts(session, schedule, first, days)
    print(f"{schedule.name}: {span(first, days)}, times in {schedule.timezone}")
    print(tables.shift_table(schedule, shifts, names(config)))
    return 0


def check(args: argparse.Namespace, config: Config, sessions: sessionmaker[Session], now: datetime) -> int:
    chosen = [pick(config, name) for name in args.names] if args.names else list(every_schedule(config))
    days = day_count(args.days, 14)
    now = now.replace(second=0, microsecond=0)  # whole minutes, so printed gap times and lengths are exact
    found: dict[str, int] = {}
    with sessions() as session:
        for schedule in chosen:
            overrides = calendar.overrides_for(session, schedule, now)
            gaps = sched.find_gaps(schedule, now, now + timedelta(days=days), overrides)
            print(tables.gap_report(schedule, gaps))
            found[schedule.name] = len(gaps)
    total, broken = sum(found.values()), sum(1 for count in found.values() if count)
    window = f"in the next {tables.plural(days, 'day')}"
    if total:
        print(f"{tables.plural(total, 'gap')} in {broken} of {tables.plural(len(found), 'schedule')} {window}")
        return 1
    print(f"no gaps in {tables.plural(len(found), 'schedule')} {window}")
    return 0


def ics(args: argparse.Namespace, config: Config, sessions: sessionmaker[Session], now: datetime) -> int:
    schedule = pick(config, args.name)
    days = day_count(args.days, config.oncall.calendar_days)
    first = calendar.today(schedule, now)
    with sessions() as session:
        shifts = calendar.calendar_shifts(session, schedule, first, days)
    data = sched.shifts_to_ical(schedule.name, shifts)
    if not args.output:
        sys.stdout.flush()  # whatever went to the text layer first, then the calendar's CRLF lines as they are
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        raise ScheduleCommandError(f"cannot write {args.output}: {error.strerror or error}") from None
    print(f"wrote {tables.plural(len(shifts), 'shift')} of {schedule.name}, {span(first, days)}, to {args.output}",
          file=sys.stderr)
    return 0


def stats(args: argparse.Namespace, config: Config, sessions: sessionmaker[Session], now: datetime) -> int:
    schedule = pick(config, args.name)
    first, last = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    if last < first:
        raise ScheduleCommandError(f"--to {last} is before --from {first}; both days are included")
    days = (last - first).days + 1
    start, end = calendar.local_days(schedule, first, days)
    with sessions() as session:
        hours = sched.hours_per_person(schedule, start, end, calendar.overrides_for(session, schedule, start))
    print(f"{schedule.name}: {span(first, days, tables.length(end - start))}, times in {schedule.timezone}")
    print(tables.hours_table(hours, names(config), end - start))
    return 0


COMMANDS = {"show": show, "check": check, "ics": ics, "stats": stats}


def every_schedule(config: Config) -> Iterable[sched.Schedule]:
    if not config.schedules:
        raise ScheduleCommandError("the config has no schedules: add a `schedules:` section (see docs/schedules.md)")
    return config.schedules.values()


def pick(config: Config, name: str) -> sched.Schedule:
    """The schedule called `name`, or a one-line error naming the known ones."""
    every_schedule(config)  # with none at all, say so rather than "unknown"
    if name in config.schedules:
        return config.schedules[name]
    known = sorted(config.schedules)
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise ScheduleCommandError(f"unknown schedule {name!r}; {hint}known schedules: {', '.join(known)}")


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ScheduleCommandError(f"{option}: {DATE_HINT}, got {text!r}") from None


def day_count(given: int | None, default: int) -> int:
    days = default if given is None else given
    if not 1 <= days <= MAX_DAYS:
        raise ScheduleCommandError(f"--days: expected 1 to {MAX_DAYS} days, got {days}")
    return days


def span(first: date, days: int, *more: str) -> str:
    """`Mon 2026-11-09 to Sun 2026-11-15 (7 days)`: both days included; `more` goes into the brackets."""
    last = first + timedelta(days=days - 1)
    return f"{first:%a %Y-%m-%d} to {last:%a %Y-%m-%d} ({', '.join((tables.plural(days, 'day'), *more))})"


def names(config: Config) -> dict[str, str]:
    return {key: person.label for key, person in config.directory.people.items()}
