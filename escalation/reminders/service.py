"""Status-update reminders and first-public-reply warnings: due rows advanced in one transaction per cycle."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.elapsed import spoken
from escalation.incidents import RESOLVED, Incident, Outcome
from escalation.reminders.models import IncidentReminder
from escalation.reminders.rules import Facts, Rules, due_at, next_status_reminder, reply_target, reply_warning_at

STATUS_REMINDER, REPLY_WARNING = "status_reminder", "reply_warning"
NO_MORE_REMINDERS = "Incident #{number} is resolved: there are no more status-update reminders."


def facts(incident: Incident, row: IncidentReminder) -> Facts:
    return Facts(severity=incident.severity, opened_at=incident.created_at, is_open=incident.status != RESOLVED,
                 last_update_at=incident.last_update_at, first_public_reply_at=incident.first_public_reply_at,
                 last_reminder_at=row.last_status_reminder_at, snoozed_at=row.snoozed_at,
                 snoozed_until=row.snoozed_until, warning_sent_at=row.reply_warning_sent_at)


def start_missing(session: Session, now: datetime) -> None:
    """Give every open incident without one a row, due at once so this cycle computes its times."""
    missing = (select(Incident.id, Incident.severity)
               .where(Incident.status != RESOLVED, ~Incident.id.in_(select(IncidentReminder.incident_id))))
    rows = [{"incident_id": i, "severity": s, "next_status_reminder_at": now, "status_reminders_sent": 0,
             "updated_at": now} for i, s in session.execute(missing)]
    if rows:
        # Two workers may start the same incident at once: the second insert is a no-op, not an error.
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(IncidentReminder).values(rows).on_conflict_do_nothing())


def due_rows(now: datetime, limit: int):
    """Rows with a time due, or whose incident changed severity since its times were computed."""
    return (select(IncidentReminder, Incident).join(Incident, Incident.id == IncidentReminder.incident_id)
            .where(or_(IncidentReminder.next_status_reminder_at <= now, IncidentReminder.reply_warning_at <= now,
                       IncidentReminder.severity != Incident.severity))
            .order_by(IncidentReminder.incident_id).limit(limit)
            .with_for_update(skip_locked=True, of=IncidentReminder))


def run_cycle(session: Session, now: datetime, rules: Rules, limit: int = 200) -> int:
    """Queue every reminder and warning due at `now`; returns how many were queued. The caller commits."""
    start_missing(session, now)
    queued = 0
    for row, incident in session.execute(due_rows(now, limit)).all():
        queued += advance(session, row, incident, rules, now)
    return queued


def advance(session: Session, row: IncidentReminder, incident: Incident, rules: Rules, now: datetime) -> int:
    current = facts(incident, row)
    due = due_at(current, rules, now)
    every, target = rules.status_every.get(incident.severity), reply_target(current, rules)
    if due.status_reminder and every:  # only a severity with an interval has reminders due
        remind(session, row, incident, every, now)
    if due.reply_warning and target is not None:  # only one with a reply target has warnings due
        warn(session, row, incident, target, rules, now)
    reschedule(row, incident, rules, now)
    return int(due.status_reminder) + int(due.reply_warning)


def reschedule(row: IncidentReminder, incident: Incident, rules: Rules, now: datetime) -> None:
    current = facts(incident, row)
    row.severity = incident.severity
    row.next_status_reminder_at = next_status_reminder(current, rules)
    row.reply_warning_at = reply_warning_at(current, rules)
    row.updated_at = now


def remind(session: Session, row: IncidentReminder, incident: Incident, every: timedelta, now: datetime) -> None:
    row.status_reminders_sent += 1
    row.last_status_reminder_at = now
    quiet = now - (incident.last_update_at or incident.created_at)
    outbox.enqueue(session, now, kind=STATUS_REMINDER, lane=outbox.incident_lane(incident.id),
                   incident_id=incident.id, dedup_key=f"{STATUS_REMINDER}:{incident.id}:{row.status_reminders_sent}",
                   payload={"commander": incident.commander, "severity": incident.severity,
                            "every": seconds(every), "quiet": seconds(quiet),
                            "updated": incident.last_update_at is not None, "seq": row.status_reminders_sent})
    # The commander by Slack id, in `mentions`: the timeline's renderers show it as a mention or a name.
    who = incident.commander or "the channel (no commander yet)"
    timeline.record(session, incident.id, now, STATUS_REMINDER, f"Status-update reminder sent to {who}",
                    data={"seq": row.status_reminders_sent, "commander": incident.commander,
                          **({"mentions": [incident.commander]} if incident.commander else {})})


def warn(session: Session, row: IncidentReminder, incident: Incident, target: datetime, rules: Rules,
         now: datetime) -> None:
    """Warn that the first public reply, due at `target`, has not been made."""
    row.reply_warning_sent_at = now
    outbox.enqueue(session, now, kind=REPLY_WARNING, lane=outbox.incident_lane(incident.id), incident_id=incident.id,
                   dedup_key=f"{REPLY_WARNING}:{incident.id}",
                   payload={"severity": incident.severity, "target": seconds(target - incident.created_at),
                            "left": seconds(target - now), "due_at": target.isoformat(),
                            "people": [p for p in dict.fromkeys((incident.comms, incident.commander)) if p]})
    timeline.record(session, incident.id, now, REPLY_WARNING,
                    f"Warning: no public reply yet, {rules.warn_at}% of the first-public-reply target gone")


def snooze(session: Session, incident: Incident, actor: str, length: timedelta, rules: Rules,
           now: datetime) -> Outcome:
    """Move the next status-update reminder to `now + length`. Only the commander may, once there is one."""
    if incident.status == RESOLVED:
        return Outcome(False, NO_MORE_REMINDERS.format(number=incident.id))
    if incident.commander and actor != incident.commander:
        return Outcome(False, f"Only the commander <@{incident.commander}> can snooze the status-update reminder. "
                              "To take over: `/crisis role commander @you`.")
    row = session.get(IncidentReminder, incident.id, with_for_update=True)
    if row is None:
        start_missing(session, now)
        row = session.get(IncidentReminder, incident.id, with_for_update=True)
    if row is None:  # start_missing skips resolved incidents: this one was resolved since it was read
        return Outcome(False, NO_MORE_REMINDERS.format(number=incident.id))
    row.snoozed_at, row.snoozed_until, row.snoozed_by = now, now + length, actor
    reschedule(row, incident, rules, now)
    timeline.record(session, incident.id, now, "snoozed", f"Status-update reminder snoozed for {spoken(length)}",
                    actor=actor, data={"seconds": seconds(length)})
    return Outcome(True, f"Snoozed for {spoken(length)} by <@{actor}>.")


def seconds(delta: timedelta) -> int:
    return int(delta.total_seconds())
