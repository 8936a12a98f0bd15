"""A snooze that meets an incident resolved since it was read: told so, nothing stored, no crash."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from escalation.incidents import RESOLVED, Incident, Outcome
from escalation.reminders.models import IncidentReminder
from escalation.reminders.rules import Rules
from escalation.reminders.service import snooze
from escalation.sql import table_of

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
RULES = Rules(status_every={2: timedelta(hours=1)}, reply_within={})


def test_a_snooze_after_a_concurrent_resolve_says_the_incident_is_resolved(engine):
    with Session(engine) as session, session.begin():
        session.add(Incident(source="generic", group_key="g", title="Negative mentions", severity=2, created_at=NOW))
    with Session(engine) as session, session.begin():
        incident = session.scalars(select(Incident)).one()  # read while still open
        # Another transaction resolves it: the row changes, the object read above does not.
        session.execute(update(table_of(Incident)).values(status=RESOLVED, resolved_at=NOW, open_key=None))
        outcome = snooze(session, incident, "U0ANNA", timedelta(minutes=30), RULES, NOW)
        assert outcome == Outcome(False, f"Incident #{incident.id} is resolved: there are no more status-update "
                                         "reminders.")
        assert session.scalar(select(func.count()).select_from(IncidentReminder)) == 0
