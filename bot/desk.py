"""Everything the edge can ask of crisisdesk: one typed facade per feature, all built at once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.core import Core
from bot.drills import DrillDesk
from bot.incidents import IncidentDesk
from bot.reminders import ReminderDesk
from bot.review import ReviewDesk
from bot.room import RoomDesk
from bot.schedules import OnCallDesk
from bot.signals import SignalDesk
from bot.templates import TemplateDesk
from escalation.paging import Roster


@dataclass(frozen=True)
class Desk:
    core: Core
    incidents: IncidentDesk
    oncall: OnCallDesk
    room: RoomDesk
    templates: TemplateDesk
    reminders: ReminderDesk
    review: ReviewDesk
    signals: SignalDesk
    drills: DrillDesk

    # The plumbing, for the worker and the tests: one clock, one database, one roster rule.
    def clock(self) -> datetime:
        return self.core.clock()

    @property
    def sessions(self):
        return self.core.sessions

    def roster(self, session: Session) -> Roster:
        return self.core.roster(session)

    def close(self) -> None:
        """Store what is queued for a group commit, then stop its writer."""
        self.incidents.writer.close()
        self.signals.writer.close()

    @classmethod
    def build(cls, core: Core) -> Desk:
        incidents = IncidentDesk(core)
        signals = SignalDesk(core, incidents.intake)
        return cls(core=core, incidents=incidents, oncall=OnCallDesk(core), room=RoomDesk(core),
                   templates=TemplateDesk(core), reminders=ReminderDesk(core), review=ReviewDesk(core),
                   signals=signals, drills=DrillDesk(core, incidents, signals))
