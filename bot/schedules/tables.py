"""How `crisisdesk schedule` prints shifts, gaps and hours: plain-text tables in the schedule's local time."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from escalation.schedules import Gap, PersonHours, Schedule, Shift
from escalation.schedules.clock import local, to_utc
from escalation.schedules.coverage import weekend_spans

NOBODY = "— nobody on call —"
MINUTE = timedelta(minutes=1)


def length(span: timedelta) -> str:
    """`24h`, `25h`, `23h 30m`, `65h`: always in hours, so a daylight-saving change shows in the length."""
    hours, minutes = divmod(round(span / MINUTE), 60)
    return f"{hours}h {minutes}m" if minutes else f"{hours}h"


def wall(instant: datetime, schedule: Schedule) -> str:
    """`Wed 2026-11-11 09:00` on the schedule's local clock."""
    return f"{instant.astimezone(schedule.zone):%a %Y-%m-%d %H:%M}"


def table(headers: Sequence[str] | None, rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Columns padded to their widest cell, two spaces apart; columns in `right` are right-aligned."""
    every = [headers, *rows] if headers else list(rows)
    widths = [max(len(row[column]) for row in every) for column in range(len(every[0]))] if every else []
    lines = []
    for row in every:
        cells = [cell.rjust(width) if column in right else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths, strict=False))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def shift_table(schedule: Schedule, shifts: Sequence[Shift], names: Mapping[str, str]) -> str:
    """START, END, LENGTH, PERSON, LAYER and NOTE (weekend, `holiday: <name>`) of each shift."""
    weekends = weekend_instants(schedule, shifts[0].start, shifts[-1].end) if shifts else []
    rows = [(wall(shift.start, schedule), wall(shift.end, schedule), length(shift.duration),
             names.get(shift.person, shift.person) if shift.person else NOBODY, shift.layer_name or "",
             notes(shift, weekends)) for shift in shifts]
    return table(("START", "END", "LENGTH", "PERSON", "LAYER", "NOTE"), rows, right=(2,))


def notes(shift: Shift, weekends: Sequence[tuple[datetime, datetime]]) -> str:
    """`weekend`, `holiday: <name>` or both, whichever layer answers; empty for a plain weekday shift."""
    # Weekend means reaching into the weekend window, the time `stats` counts as weekend hours, so a
    # round-the-clock rotation with no weekend layer still shows which shifts are weekend work.
    marks = []
    if any(low < shift.end and shift.start < high for low, high in weekends):
        marks.append("weekend")
    if shift.holiday_name:
        marks.append(f"holiday: {shift.holiday_name}")
    return ", ".join(marks)


def weekend_instants(schedule: Schedule, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The schedule's weekend windows around [start, end) as UTC instants."""
    zone, margin = schedule.zone, timedelta(days=1)
    spans = weekend_spans(schedule, local(start, zone) - margin, local(end, zone) + margin)
    return [(to_utc(low, zone), to_utc(high, zone)) for low, high in spans]


def gap_report(schedule: Schedule, gaps: Sequence[Gap]) -> str:
    """`name: no gaps`, or the count followed by one indented line per gap with its holidays."""
    if not gaps:
        return f"{schedule.name}: no gaps"
    rows = [(f"  {wall(gap.start, schedule)}", "→", wall(gap.end, schedule), length(gap.end - gap.start),
             "; ".join(f"holiday: {name}" for name in gap.holidays)) for gap in gaps]
    heading = f"{schedule.name}: {plural(len(gaps), 'gap')} (nobody on call; times in {schedule.timezone})"
    return heading + "\n" + table(None, rows, right=(3,))


def hours_table(hours: Mapping[str, PersonHours], names: Mapping[str, str], window: timedelta) -> str:
    """Each person's weekday, weekend, holiday and total hours; the nobody row and the totals fill the window."""
    rows = [(names.get(person, person), *(length(part) for part in (h.weekday, h.weekend, h.holiday, h.total)))
            for person, h in hours.items()]
    parts = [sum((getattr(h, part) for h in hours.values()), timedelta(0)) for part in ("weekday", "weekend",
                                                                                       "holiday")]
    nobody = window - sum(parts, timedelta(0))
    if nobody:
        rows.append((NOBODY, "", "", "", length(nobody)))
    rows.append(("TOTAL", *(length(part) for part in parts), length(window)))
    return table(("PERSON", "WEEKDAY", "WEEKEND", "HOLIDAY", "TOTAL"), rows, right=(1, 2, 3, 4))


def plural(count: int, one: str) -> str:
    return f"{count} {one}" if count == 1 else f"{count} {one}s"
