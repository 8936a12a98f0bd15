"""A drill run's life in the database: started, its steps claimed one at a time, ended once with its report."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.drills.models import DrillRun
from escalation.drills.report import DrillReport, report_data, report_rows, rows_of
from escalation.drills.scenario import AlertStep, Scenario
from escalation.drills.steps import RESOLVED as ALL_RESOLVED
from escalation.drills.steps import STOPPED, TIMED_OUT, Progress
from escalation.drills.stored import scenario_data, scenario_from_data
from escalation.incidents import RESOLVED, AlertIn, Incident, resolve
from escalation.sql import table_of

SOURCE = "drill"  # the source of every alert a drill plays, whatever tool the scenario says sends it
TABLE = table_of(DrillRun)
# Why the drill ended, as the resolution of an incident it leaves open says (after "The drill ended").
ENDED = {ALL_RESOLVED: "every incident resolved", TIMED_OUT: "timed out", STOPPED: "stopped"}


def start(session: Session, scenario: Scenario, by: str | None, report_channel: str | None,
          now: datetime) -> DrillRun:
    """A new run of the scenario, kept whole as it is now: editing its file later changes nothing here."""
    run = DrillRun(scenario=scenario.name, title=scenario.title, data=scenario_data(scenario), started_at=now,
                   started_by=by, report_channel=report_channel, next_step=0, report={}, running=True)
    session.add(run)
    session.flush()
    return run


def unended(session: Session) -> list[int]:
    return list(session.scalars(select(DrillRun.id).where(DrillRun.ended_at.is_(None)).order_by(DrillRun.id)))


def is_drill_channel(session: Session, channel_id: str) -> bool:
    """Whether the channel is a drill incident's (incidents.channel_id is indexed)."""
    return session.scalar(select(Incident.id).where(Incident.channel_id == channel_id,
                                                    Incident.drill_run_id.is_not(None)).limit(1)) is not None


def progress(session: Session, run: DrillRun) -> Progress:
    opened, still_open = session.execute(
        select(func.count(Incident.id), func.count(Incident.id).filter(Incident.status != RESOLVED))
        .where(Incident.drill_run_id == run.id)).one()
    return Progress(started_at=run.started_at, played=run.next_step, opened=opened, still_open=still_open)


def claim(session: Session, run: int, index: int) -> bool:
    """Take step `index` of the run for this worker: True once, whoever else tries at the same time."""
    done = session.execute(update(TABLE).where(TABLE.c.id == run, TABLE.c.next_step == index,
                                               TABLE.c.ended_at.is_(None))
                           .values(next_step=TABLE.c.next_step + 1))
    return done.rowcount == 1  # type: ignore[attr-defined]


def alert_of(run: int, step: AlertStep) -> AlertIn:
    """The alert a step plays: one incident per group of the run; the same title again repeats (or resolves) the
    same alert, as a monitoring tool's fingerprint would."""
    return AlertIn(source=SOURCE, group_key=f"drill-{run}:{step.group}", fingerprint=step.title, title=step.title,
                   severity=step.severity, description=step.description, labels=dict(step.labels),
                   status=step.status, drill=run)


def end(session: Session, run: DrillRun, because: str, now: datetime, slack_ids: dict[str, str],
        by: str | None = None) -> bool:
    """End the run once (False: it had ended already): its report written, then its incidents still open resolved
    by crisisdesk (their pages stop, their channels and summaries say so), and the report queued for its channel."""
    done = session.execute(update(TABLE).where(TABLE.c.id == run.id, TABLE.c.ended_at.is_(None))
                           .values(ended_at=now, ended_because=because, running=None))
    if done.rowcount != 1:  # type: ignore[attr-defined]
        return False
    # The report first: the resolutions below are crisisdesk's, never a response of the team.
    _, rows = report_rows(session, run.id, scenario_from_data(run.data).expect, slack_ids)
    session.execute(update(TABLE).where(TABLE.c.id == run.id).values(report=report_data(rows, by)))
    why = f"stopped by <@{by}>" if because == STOPPED and by else ENDED[because]
    still_open = session.scalars(select(Incident).where(Incident.drill_run_id == run.id, Incident.status != RESOLVED)
                                 .order_by(Incident.id).with_for_update()).all()
    for incident in still_open:  # locked: a person resolving one at this moment resolves it once, not twice
        resolve(session, incident, timeline.SYSTEM, now, f"The drill ended ({why})")
    if run.report_channel:
        outbox.enqueue(session, now, kind="post_drill_report", lane=f"drill:{run.id}",
                       dedup_key=f"drill-report:{run.id}", payload={"run": run.id})
    session.expire(run)
    return True


def report_of(session: Session, run: DrillRun, slack_ids: dict[str, str]) -> DrillReport:
    """The run's report: as written when it ended, or as of now while it runs."""
    number = session.scalar(select(func.count(Incident.id)).where(Incident.drill_run_id == run.id)) or 0
    if run.ended_at is not None:
        rows, stopped_by = rows_of(run.report), run.report.get("stopped_by")
    else:
        _, rows = report_rows(session, run.id, scenario_from_data(run.data).expect, slack_ids)
        stopped_by = None
    return DrillReport(run=run.id, scenario=run.scenario, title=run.title, started_at=run.started_at,
                       ended_at=run.ended_at, ended_because=run.ended_because, stopped_by=stopped_by,
                       incidents=number, rows=rows)
