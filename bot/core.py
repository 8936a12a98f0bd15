"""What every feature's facade shares: the config, the database, the clock, the wakeup, and one way to act on
an incident named by number, reference or channel."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.config.model import Config
from bot.metrics import Metrics
from bot.turns import Turns
from bot.wakeup import Wakeup
from escalation.drills import running_drills
from escalation.incidents import Incident, Outcome, find_incident
from escalation.paging import OnCallLookup, Roster, stored_groups
from escalation.permissions import guard
from handlers.markup import channel

NOT_HERE = ("This channel is not an incident channel. Run the command in the incident's channel, or name the "
            "incident: `{example}`")
NO_MATCH = "No incident matches `{ref}`. Name it by its channel (`#crisis-...`) or number (`#42`)."
IncidentAction = Callable[[Session, Incident, datetime], Outcome]


@dataclass(frozen=True)
class Core:
    config: Config
    sessions: sessionmaker[Session]
    clock: Callable[[], datetime]
    wakeup: Wakeup
    # Who is on call, read once per transaction (stored overrides included); None: only config people.
    on_call: Callable[[Session], OnCallLookup] | None = None
    metrics: Metrics = field(default_factory=Metrics)
    turns: Turns = field(default_factory=Turns)  # on SQLite, webhooks take the write lock first

    def wake(self) -> None:
        self.wakeup.notify()

    def roster(self, session: Session) -> Roster:
        config = self.config
        roster = Roster(policies=config.policies, directory=config.directory, default_policy=config.default_policy,
                        admin_channel=config.oncall.admin_channel, fallback=config.paging.fallback,
                        managers={name: s.managers for name, s in config.schedules.items()},
                        reescalate_after=config.paging.reescalate_after,
                        usergroups=stored_groups(session, config.directory, usergroup_refs(config)),
                        drills=running_drills(session, config.policies))
        return roster if self.on_call is None else replace(roster, on_call=self.on_call(session))

    def act(self, action: IncidentAction, incident_id: int | None, channel_id: str | None, ref: str,
            example: str, *, by: str, needs: str, button: bool = False) -> Outcome:
        """Find the incident, check that `by` may do what it `needs` (escalation/permissions.py: a refusal
        writes nothing), apply `action` in one transaction at one instant, then wake the worker. The outcome of a
        drill's incident is marked `drill`.

        `channel_id` is where the command was typed or the button pressed; without a number or reference it
        also names the incident."""
        with self.sessions.begin() as session:
            incident = find_incident(session, incident_id, channel_id, ref)
            if incident is None:
                return Outcome(False, NO_MATCH.format(ref=ref) if ref else NOT_HERE.format(example=example))
            drill = incident.drill_run_id is not None  # what is said about a drill's incident says DRILL
            refused = self.refusal(session, incident, needs, by, channel_id, button)
            if refused:
                return Outcome(False, refused, drill)
            outcome = action(session, incident, self.clock())
        self.wake()
        return replace(outcome, drill=True) if drill else outcome

    def refusal(self, session: Session, incident: Incident, needs: str, by: str, channel_id: str | None,
                button: bool = False) -> str | None:
        """Why `by` may not do what it `needs` to the incident, or None; reads stored rows only, no Slack."""
        refused = guard(session, self.config.directory, self.config.permissions, incident, needs, by, channel_id,
                        button)
        return None if refused is None else refused.words(channel)  # the channel's link made at the edge


def usergroup_refs(config: Config) -> set[str]:
    """Every Slack user group a policy level targets, as the config names it."""
    return {ref for policy in config.policies.values() for level in policy.levels for ref in level.targets.usergroups}


class Facade:
    """A feature's desk: the shared core, and the config it reads."""

    def __init__(self, core: Core):
        self.core = core

    @property
    def config(self) -> Config:
        return self.core.config
