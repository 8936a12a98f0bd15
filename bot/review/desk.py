"""What the edge can ask about status-update reminders, first-public-reply targets, and the incident review."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from escalation import outbox
from escalation.elapsed import spoken
from escalation.incidents.models import Incident
from escalation.incidents.service import Outcome
from escalation.reminders import service as reminders
from escalation.reminders.rules import Rules


class ReviewDesk:
    def __init__(self, desk):
        self.desk = desk  # bot.desk.Desk: config, sessions, clock, wake, find_incident via desk._act

    @property
    def rules(self) -> Rules:
        settings = self.desk.config.reminders
        return Rules(status_every=settings.status_update_every, reply_within=settings.first_public_reply_within,
                     warn_at=settings.warn_at)

    def run_due(self, now: datetime) -> None:
        """The worker's periodic duty: queue the reminders and warnings due at `now`, in one transaction."""
        if not self.desk.config.reminders.active:
            return
        with self.desk.sessions.begin() as session:
            reminders.run_cycle(session, now, self.rules)

    def post_review(self, actor: str, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        def queue(session: Session, incident: Incident, now: datetime) -> Outcome:
            outbox.enqueue(session, now, kind="post_review", lane=outbox.incident_lane(incident.id),
                           incident_id=incident.id, payload={"requested_by": actor})
            return Outcome(True, f"Posting the review of incident #{incident.id} in <#{incident.channel_id}>, "
                                 "with the Markdown file to fill in the lessons.")
        return self.desk._act(queue, None, channel_id, ref, "/crisis review #crisis-...")

    def snooze(self, actor: str, incident_id: int, seconds: int) -> Outcome:
        """Move the next status-update reminder; only the lengths the config offers are taken."""
        length = timedelta(seconds=seconds)
        choices = self.desk.config.reminders.snooze
        if length not in choices:
            offered = ", ".join(spoken(c) for c in choices) or "none"
            return Outcome(False, f"That snooze is not offered; the choices are: {offered}.")
        return self.desk._act(lambda s, i, now: reminders.snooze(s, i, actor, length, self.rules, now),
                              incident_id, None, "", "")
