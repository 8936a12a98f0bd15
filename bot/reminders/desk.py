"""What the edge can ask about status-update reminders and first-public-reply targets."""
from __future__ import annotations

from datetime import datetime, timedelta

from bot.core import Facade
from escalation.elapsed import spoken
from escalation.incidents import Outcome
from escalation.reminders import service as reminders
from escalation.reminders.rules import Rules


class ReminderDesk(Facade):
    @property
    def rules(self) -> Rules:
        settings = self.core.config.reminders
        return Rules(status_every=settings.status_update_every, reply_within=settings.first_public_reply_within,
                     warn_at=settings.warn_at)

    def run_due(self, now: datetime) -> None:
        """The worker's periodic duty: queue the reminders and warnings due at `now`, in one transaction."""
        if not self.core.config.reminders.active:
            return
        with self.core.sessions.begin() as session:
            reminders.run_cycle(session, now, self.rules)

    def snooze(self, actor: str, incident_id: int, seconds: int, *, channel_id: str | None = None) -> Outcome:
        """Move the next status-update reminder; only the lengths the config offers are taken."""
        length = timedelta(seconds=seconds)
        choices = self.core.config.reminders.snooze
        if length not in choices:
            offered = ", ".join(spoken(c) for c in choices) or "none"
            return Outcome(False, f"That snooze is not offered; the choices are: {offered}.")
        return self.core.act(lambda s, i, now: reminders.snooze(s, i, actor, length, self.rules, now),
                             incident_id, channel_id, "", "", by=actor, needs="change", button=True)
