"""What `/crisis drill` asks: the scenarios there are, start one (who may, checked first), stop the running one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from bot.core import Facade
from bot.drills.desk import DrillDesk
from bot.drills.scenarios import Listed, listing, named
from escalation.drills import Scenario, ScenarioError
from escalation.drills import service as drills
from escalation.incidents import Outcome
from escalation.permissions import may_declare


@dataclass(frozen=True)
class Running:
    run: int
    title: str


@dataclass(frozen=True)
class Started:
    """A drill started (`refused` None), or why not."""

    refused: str | None
    run: int = 0
    scenario: Scenario | None = None
    report_channel: str | None = None
    running: Running | None = None  # the drill still running that kept this one from starting


class DrillStarter(Facade):
    """`/crisis drill`'s facade over the drill desk: scenario files by name, and the permission `drill`."""

    def __init__(self, drills: DrillDesk, folder: Path | None = None):
        super().__init__(drills.core)
        self.drills, self.folder = drills, folder  # folder: where ./drills is looked for (None: the working dir)

    def scenarios(self) -> list[Listed]:
        return listing(self.config, self.folder)

    def start(self, name: str, by: str, channel_id: str | None) -> Started:
        """Start the scenario `name`, its report for `channel_id` (a DM's: the admin channel's); one at a time."""
        refused = self.refusal(by)
        if refused:
            return Started(refused)
        try:
            scenario = named(name, self.config, self.folder)
        except ScenarioError as error:
            return Started(str(error))
        running = self.running()
        if running:
            return Started(None, running=running[0])
        where = channel_id if channel_id and channel_id.startswith(("C", "G")) else self.config.oncall.admin_channel
        try:
            number = self.drills.start(scenario, by=by, report_channel=where)
        except IntegrityError:  # another drill started since the look above: the database lets one run at a time
            running = self.running()
            if not running:  # and has ended already
                return Started("Another drill started at the same moment and has ended already: try again.")
            return Started(None, running=running[0])
        return Started(None, number, scenario, where)

    def stop(self, by: str) -> Outcome:
        refused = self.refusal(by)
        if refused:
            return Outcome(False, refused)
        running = self.running()
        if not running:
            return Outcome(False, "No drill is running. `/crisis drill` lists the scenarios.")
        return self.drills.stop(running[0].run, by)

    def running(self) -> list[Running]:
        with self.core.sessions.begin() as session:
            runs = [(run, session.get(drills.DrillRun, run)) for run in drills.unended(session)]
            return [Running(run, row.title) for run, row in runs if row is not None]

    def refusal(self, by: str) -> str | None:
        with self.core.sessions.begin() as session:
            return may_declare(session, self.config.directory, self.config.permissions.rule("drill"), by,
                               what="start or stop a drill")
