"""Text for on-call answers, shift notices and the weekly gap report."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from escalation.schedules import Handoff, OnCall
from handlers.markup import mention, text


def when(at: datetime | str, tz: str) -> str:
    instant = datetime.fromisoformat(at) if isinstance(at, str) else at
    return instant.astimezone(ZoneInfo(tz)).strftime("%a %d %b %H:%M")


def who(person: str | None, names: dict[str, str]) -> str:
    return names.get(person, person) if person else "nobody"


def on_call_line(name: str, tz: str, at: datetime, now: datetime, on_call: OnCall, handoff: Handoff | None,
                 names: dict[str, str]) -> str:
    """`*social-oncall* (Europe/Warsaw): now Anna (business-hours) until Tue 17:00; next Tomasz from ...`."""
    moment = "now" if at == now else f"at {when(at, tz)}"
    layer = f" ({on_call.layer_name})" if on_call.layer_name else ""
    holiday = f" · holiday: {on_call.holiday_name}" if on_call.holiday_name else ""
    line = f"*{name}* ({tz}): {moment} *{who(on_call.person, names)}*{layer}{holiday}"
    if handoff is None:
        return line + "; no handoff in the next 400 days."
    nxt = handoff.incoming
    nxt_layer = f" ({nxt.layer_name})" if nxt.layer_name else ""
    return f"{line} until {when(handoff.at, tz)}; then *{who(nxt.person, names)}*{nxt_layer}."


def shift_notice_text(p: dict) -> str:
    tz = p["timezone"]
    what = f"holiday shift ({p['holiday']})" if p.get("holiday") else (
        "weekend shift" if p.get("kind") == "weekend" else "shift")
    policies = ", ".join(p.get("policies") or []) or "no escalation policy yet"
    return (f":calendar: Heads-up: your {what} on *{p['schedule']}* starts {when(p['start'], tz)} and ends "
            f"{when(p['end'], tz)} ({tz}). You will be paged by: {policies}.")


def gap_report_text(p: dict) -> str:
    lines = [f":mag: Weekly on-call check: the next {p['days']} days."]
    for name, found in p["schedules"].items():
        tz = found["timezone"]
        if not found["gaps"]:
            lines.append(f"• *{name}*: covered all the time.")
            continue
        lines.append(f"• *{name}*: {len(found['gaps'])} gap(s) with nobody on call:")
        for gap in found["gaps"][:20]:
            holidays = f" ({', '.join(gap['holidays'])})" if gap["holidays"] else ""
            lines.append(f"    – {when(gap['start'], tz)} → {when(gap['end'], tz)}{holidays}")
    return "\n".join(lines)


def override_notice_text(schedule: str, start: datetime, end: datetime, tz: str, actor: str) -> str:
    return (f":calendar: You cover *{schedule}* from {when(start, tz)} to {when(end, tz)} ({tz}); "
            f"override added by {mention(actor)}.")


def override_removed_text(schedule: str, start: datetime, end: datetime, tz: str, actor: str) -> str:
    return (f":calendar: You no longer cover *{schedule}* from {when(start, tz)} to {when(end, tz)} ({tz}); "
            f"override removed by {mention(actor)}.")


def override_lines(rows: list, schedules: list[str]) -> str:
    """`/crisis override list`: each override not over yet, with the number to remove it by."""
    if not rows:
        return f"No overrides ahead for {', '.join(schedules)}."
    lines = [f"• `#{r.id}` *{r.schedule}*: {text(r.person)} from {when(r.starts_at, r.timezone)} to "
             f"{when(r.ends_at, r.timezone)} ({r.timezone}), added by {mention(r.created_by)}" for r in rows]
    return "\n".join([*lines, "Remove one with `/crisis override remove <number>` (schedule managers)."])
