"""The drill report as a plain-text table, for the terminal that ran `crisisdesk drill run`."""
from __future__ import annotations

from collections.abc import Mapping

from escalation.drills import DrillReport
from escalation.elapsed import spoken

HEAD = ("expected", "within", "by", "done by", "after", "target")
ENDINGS = {"resolved": "every incident resolved", "timed_out": "time ran out", "stopped": "stopped"}


def report_table(report: DrillReport, names: Mapping[str, str]) -> str:
    """A title line, how it ended, then a row per expectation; people by their config key (`names`: Slack id ->
    key), else by their Slack id."""
    rows = [HEAD] + [(row.what, spoken(row.within), row.by or "anyone", names.get(row.done_by, row.done_by) if
                      row.done_by else "-", spoken(row.after) if row.after is not None else "-",
                      "met" if row.met else "missed") for row in report.rows]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEAD))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    met = sum(row.met for row in report.rows)
    ending = ENDINGS.get(report.ended_because or "", "still running") if report.ended_at else "still running"
    incidents = f"{report.incidents} incident{'s' * (report.incidents != 1)}"
    return "\n".join([f"DRILL report: {report.title} ({report.scenario}), run #{report.run}",
                      f"Ended: {ending}; {incidents}; {met} of {len(report.rows)} targets met.", "", *lines])
