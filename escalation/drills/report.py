"""The drill report: for each expected response, who did it and when (after the drill's first incident opened),
and whether its target was met. Read from the timelines of the incidents the drill opened."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from escalation.drills.scenario import Expectation
from escalation.incidents import Incident
from escalation.paging import SlackUserLookup
from escalation.people import Directory
from escalation.timeline import TimelineEvent

# The timeline kind each expectation is read from (recorded in escalation/incidents/service.py, triage.py,
# escalation/room/service.py, escalation/templates/service.py and bot/templates/statements.py).
KINDS = {"acknowledge": "acknowledged", "triage": "triage", "status_update": "status_update",
         "public_reply": "template_used", "statement": "statement", "resolve": "resolved", "commander": "role",
         "log": "log"}
PERSON = re.compile(r"[UW][A-Z0-9]{2,}")  # a Slack user: the alerts' sources and crisisdesk itself do not count


@dataclass(frozen=True)
class ReportRow:
    what: str  # one of EXPECTATIONS
    by: str | None  # the config person key expected to do it; None: anyone
    within: timedelta
    done_by: str | None  # the Slack user id who did it; None: nobody did
    after: timedelta | None  # when, after the drill's first incident opened
    met: bool  # done, in time, by the person expected


@dataclass(frozen=True)
class DrillReport:
    run: int
    scenario: str
    title: str
    started_at: datetime
    ended_at: datetime | None  # None: still running, the rows are as of now
    ended_because: str | None  # resolved | timed_out | stopped
    stopped_by: str | None  # who stopped it (a Slack user id), when stopped
    incidents: int  # how many incidents the drill opened
    rows: tuple[ReportRow, ...]


def counts(event: TimelineEvent, what: str) -> bool:
    """Whether a timeline event of the expectation's kind is the response expected (not the system's own)."""
    if not PERSON.fullmatch(event.actor):
        return False
    if what == "commander":
        return event.data.get("role") == "commander"
    if what == "public_reply":
        return event.data.get("public") is True
    return not (what == "triage" and event.data.get("decision") == "lapsed")


def doer(event: TimelineEvent, what: str) -> str:
    """Whom a response is credited to: the person made commander (the role event's `user`), not whoever typed
    `/crisis role commander`; for every other response, who did it."""
    if what == "commander":
        return str(event.data.get("user") or event.actor)
    return event.actor


def row(expected: Expectation, events: list[TimelineEvent], opened: datetime | None,
        slack_ids: Mapping[str, str]) -> ReportRow:
    """One expectation against the drill's events (oldest first): the expected person's first response, else
    anyone's; missed when not done, done too late, or done by someone else than the person expected."""
    done = [(e, doer(e, expected.what)) for e in events if e.kind == KINDS[expected.what] and counts(e, expected.what)]
    wanted = slack_ids.get(expected.by) if expected.by else None
    mine = [(e, who) for e, who in done if who == wanted] if expected.by else done
    first = next(iter(mine or done), None)
    if first is None or opened is None:
        return ReportRow(expected.what, expected.by, expected.within, None, None, False)
    event, who = first
    after = event.at - opened
    met = after <= expected.within and (expected.by is None or who == wanted)
    return ReportRow(expected.what, expected.by, expected.within, who, after, met)


def report_rows(session: Session, run: int, expect: tuple[Expectation, ...],
                slack_ids: Mapping[str, str]) -> tuple[int, tuple[ReportRow, ...]]:
    """(incidents the drill opened, a row per expectation), read from their timelines."""
    opened, number = session.execute(select(func.min(Incident.created_at), func.count(Incident.id))
                                     .where(Incident.drill_run_id == run)).one()
    kinds = sorted({KINDS[e.what] for e in expect})
    events = list(session.scalars(
        select(TimelineEvent).join(Incident, Incident.id == TimelineEvent.incident_id)
        .where(Incident.drill_run_id == run, TimelineEvent.kind.in_(kinds))
        .order_by(TimelineEvent.at, TimelineEvent.id))) if number else []
    return number, tuple(row(e, events, opened, slack_ids) for e in expect)


def slack_ids(session: Session, directory: Directory) -> dict[str, str]:
    """Config person key -> Slack user id: from the config, else as an e-mail lookup stored it (no Slack call)."""
    found = {key: p.slack_id for key, p in directory.people.items() if p.slack_id}
    emails = {p.email.lower(): key for key, p in directory.people.items() if not p.slack_id and p.email}
    if emails:
        looked = session.execute(select(SlackUserLookup.email, SlackUserLookup.user_id)
                                 .where(SlackUserLookup.email.in_(list(emails))))
        found.update((emails[email], user) for email, user in looked if user)
    return found


def report_data(rows: tuple[ReportRow, ...], stopped_by: str | None) -> dict:
    """The rows as DrillRun.report keeps them (JSON)."""
    return {"stopped_by": stopped_by, "rows": [
        {"what": r.what, "by": r.by, "within": r.within.total_seconds(), "done_by": r.done_by,
         "after": None if r.after is None else r.after.total_seconds(), "met": r.met} for r in rows]}


def rows_of(data: dict) -> tuple[ReportRow, ...]:
    """DrillRun.report's rows back as values."""
    return tuple(ReportRow(r["what"], r["by"], timedelta(seconds=r["within"]), r["done_by"],
                           None if r["after"] is None else timedelta(seconds=r["after"]), r["met"])
                 for r in data.get("rows", []))
