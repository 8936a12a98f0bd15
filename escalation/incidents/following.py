"""Severity follows the alerts: an incident whose severity no person set takes the worst severity of the alerts
that join it (SEV1 is the worst: the smallest number). Every join is also kept for the channel's batched
announcement. Set-based: one UPDATE per severity and one INSERT of joins per run, whatever its size."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from escalation import outbox
from escalation.incidents.alerts import AlertIn
from escalation.incidents.models import AlertJoin, Incident
from escalation.incidents.service import SEVERITY_LABELS
from escalation.sql import chunks, table_of

FOLLOWED = "alert_severity"  # the timeline kind of a severity raised by an alert (a person's is "severity")


@dataclass
class Following:
    """The joins of one run, in the order they happen, and the severity each incident reaches."""

    now: datetime
    level: dict[int, int] = field(default_factory=dict)  # incident -> its severity after the joins so far
    incidents: dict[int, Incident] = field(default_factory=dict)
    joins: list[dict] = field(default_factory=list)
    refresh: list[dict] = field(default_factory=list)

    def join(self, incident: Incident, alert: AlertIn, again: bool) -> dict | None:
        """Note one alert joining (or firing again in) `incident`; the timeline entry of a raise, if it raises."""
        self.incidents[incident.id] = incident
        level = self.level.setdefault(incident.id, incident.severity)
        raised_from = None
        if incident.severity_set_by is None and alert.severity < level:
            raised_from, self.level[incident.id] = level, alert.severity
        if incident.created_at != self.now:  # alerts that came with the opening one are the opening, not joins
            self.joins.append({"incident_id": incident.id, "title": alert.title, "severity": alert.severity,
                               "again": again, "raised_from": raised_from, "at": self.now})
        if raised_from is None:
            return None
        lane = outbox.incident_lane(incident.id)
        self.refresh += [{"kind": kind, "lane": lane, "incident_id": incident.id}
                         for kind in ("update_summary", "set_topic")]  # both show the severity
        before, after = SEVERITY_LABELS[raised_from], SEVERITY_LABELS[alert.severity]
        return {"incident_id": incident.id, "at": self.now, "kind": FOLLOWED, "actor": alert.source,
                "text": f"Severity {before} → {after}, following the alert",
                "data": {"from": raised_from, "to": alert.severity}}

    def store(self, session: Session) -> None:
        """Raise the incidents in SQL (only where no person set the severity meanwhile) and keep the joins."""
        table = table_of(Incident)
        by_level: dict[int, list[int]] = {}
        for number, level in self.level.items():
            if level < self.incidents[number].severity:
                by_level.setdefault(level, []).append(number)
        for level, numbers in by_level.items():
            for part in chunks(numbers):
                raised = session.scalars(update(table).where(
                    table.c.id.in_(list(part)), table.c.severity > level, table.c.severity_set_by.is_(None))
                    .values(severity=level).returning(table.c.id))
                for number in raised:  # later runs of the batch read the incident as it now is
                    set_committed_value(self.incidents[number], "severity", level)
        if self.joins:
            session.execute(table_of(AlertJoin).insert(), self.joins)
        outbox.enqueue_many(session, self.now, self.refresh)
