"""The drill report as a Slack message: each expected response, who did it and when, its target met or missed."""
from __future__ import annotations

from collections.abc import Mapping

from escalation.drills import RESOLVED, STOPPED, TIMED_OUT, DrillReport, ReportRow
from escalation.elapsed import spoken
from handlers.markup import clip, local, mention, text

WHAT = {"acknowledge": "Acknowledge", "triage": "Triage", "status_update": "Status update",
        "public_reply": "Public reply", "statement": "Statement", "resolve": "Resolve", "commander": "Commander",
        "log": "Log entry"}
MET, MISSED = "✅", "❌"


def ending(report: DrillReport, tz: str) -> str:
    started = f"Drill #{report.run} ({text(report.scenario)}) started {local(report.started_at, tz)}"
    if report.ended_because == RESOLVED:
        why = "ended: every drill incident was resolved"
    elif report.ended_because == TIMED_OUT:
        why = "ended: time ran out"
    elif report.ended_because == STOPPED:
        why = f"stopped by {mention(report.stopped_by)}" if report.stopped_by else "stopped"
    else:
        why = "still running"
    opened = f"{report.incidents} drill incident{'' if report.incidents == 1 else 's'} opened"
    met = sum(r.met for r in report.rows)
    return f"{started}, {why}. {opened}; {met} of {len(report.rows)} target{'' if len(report.rows) == 1 else 's'} met."


def row_line(row: ReportRow, names: Mapping[str, str]) -> str:
    """`✅ *Acknowledge* within 5 min, by Anna: <@U0ANNA> after 2 min`; a missed row says why."""
    expected = text(names.get(row.by, row.by)) if row.by else None
    head = f"{MET if row.met else MISSED} *{WHAT.get(row.what, text(row.what))}* within {spoken(row.within)}"
    head += f", by {expected}" if expected else ""
    if row.done_by is None or row.after is None:
        return f"{head}: not done"
    done = f"{head}: {mention(row.done_by)} after {spoken(row.after)}"
    if row.after > row.within:
        return f"{done}, too late"
    return done if row.met else f"{done}, not {expected}"


def report_message(report: DrillReport, names: Mapping[str, str], tz: str) -> tuple[str, list[dict]]:
    """(text, blocks) of the report's post; `names`: config person key -> how to call them."""
    title = f"DRILL report: {text(report.title)}"
    summary = ending(report, tz)
    lines = [row_line(r, names) for r in report.rows]
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": clip(title, 150)}},
                          {"type": "context", "elements": [{"type": "mrkdwn", "text": summary}]}]
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": line}} for line in lines[:45]]
    return "\n".join([title, summary, *lines]), blocks
