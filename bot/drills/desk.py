"""What the edge and the worker can ask of drills: start one, play what is due, stop one, read its report."""
from __future__ import annotations

import logging
from datetime import datetime

from bot.core import Core, Facade
from bot.incidents import IncidentDesk
from bot.signals import SignalDesk
from escalation.drills import STOPPED, DrillReport, DrillRun, Scenario, scenario_from_data
from escalation.drills import service as drills
from escalation.drills.report import slack_ids
from escalation.drills.steps import End, Play, Wait, next_move
from escalation.incidents import Outcome, ingest

log = logging.getLogger(__name__)


class DrillDesk(Facade):
    def __init__(self, core: Core, incidents: IncidentDesk, signals: SignalDesk):
        super().__init__(core)
        self.incidents = incidents  # a drill's alerts open incidents through the same intake as a webhook's
        self.signals = signals

    def start(self, scenario: Scenario, *, by: str | None, report_channel: str | None) -> int:
        """Start a run of the scenario now (the caller checked who may); the worker plays its steps. Its number."""
        with self.core.sessions.begin() as session:
            number = drills.start(session, scenario, by, report_channel, self.core.clock()).id
        self.core.wake()
        return number

    def is_drill_channel(self, channel_id: str | None) -> bool:
        """Whether a channel is a drill incident's: whatever is answered there says DRILL."""
        if not channel_id:
            return False
        try:
            with self.core.sessions() as session:
                return drills.is_drill_channel(session, channel_id)
        except Exception:  # asked after the command did its work: a failed look-up must not make it look failed
            log.exception("could not tell whether channel %s is a drill's", channel_id)
            return False

    def run_due(self, now: datetime) -> None:
        """The worker's duty: every running drill's steps due at `now`, each played once, and the drills that end."""
        with self.core.sessions.begin() as session:
            running = drills.unended(session)
        for run in running:
            try:
                self.advance(run, now)
            except Exception:  # one broken run must not hold back the others
                log.exception("drill #%s: playing its due steps failed; the next tick retries", run)

    def advance(self, run: int, now: datetime) -> None:
        """Play the run's due steps in order, one transaction each: a step is claimed (next_step moved on in SQL)
        before it is played, so a second worker never plays it again; an alert is taken in the same transaction."""
        while True:
            mentions, index = None, 0
            with self.core.sessions.begin() as session:
                row = session.get(DrillRun, run)
                if row is None or row.ended_at is not None:
                    return
                move = next_move(scenario_from_data(row.data), drills.progress(session, row), now)
                if isinstance(move, Wait):
                    return
                if isinstance(move, End):
                    drills.end(session, row, move.because, now, slack_ids(session, self.config.directory))
                elif drills.claim(session, run, move.index):  # act steps are the local replay's: played as skipped
                    if move.step.alert is not None:
                        ingest(session, [drills.alert_of(run, move.step.alert)], self.incidents.intake, now)
                    mentions, index = move.step.mentions, move.index
            if mentions is not None:  # claimed and committed: a crash from here loses the step, never doubles it
                self.signals.receive_drill(run, index, mentions, now)
            self.core.wake()
            if not isinstance(move, Play):
                return

    def stop(self, run: int, by: str | None) -> Outcome:
        """End a running drill now; its report goes to its channel. The caller checked who may."""
        with self.core.sessions.begin() as session:
            row = session.get(DrillRun, run)
            if row is None:
                return Outcome(False, f"There is no drill #{run}.")
            if not drills.end(session, row, STOPPED, self.core.clock(), slack_ids(session, self.config.directory),
                              by):
                return Outcome(False, f"Drill #{run} has ended already.")
        self.core.wake()
        return Outcome(True, f"Drill #{run} stopped.")

    def report(self, run: int) -> DrillReport:
        """The run's report: as written when it ended, or as of now while it runs; LookupError: no such run."""
        with self.core.sessions.begin() as session:
            row = session.get(DrillRun, run)
            if row is None:
                raise LookupError(f"there is no drill #{run}")
            return drills.report_of(session, row, slack_ids(session, self.config.directory))
