"""What the edge can ask of incidents, in plain values: each call is one transaction at one instant."""
from __future__ import annotations

import logging
import time
from collections import Counter
from concurrent.futures import Future
from datetime import datetime

from bot.config.model import Config
from bot.core import Core, Facade
from bot.group_commit import GroupCommit
from bot.incidents import home as glance
from bot.incidents.declaring import declare
from bot.incidents.home import Home, Listing
from escalation.incidents import (
    AlertIn,
    Declaration,
    Declared,
    IncidentCard,
    Intake,
    Outcome,
    Received,
    acknowledge,
    by_open_key,
    channel_name,
    find_incident,
    ingest,
    resolve,
)
from escalation.incidents import triage as triaging
from escalation.paging import person_ref, still_on_it

log = logging.getLogger(__name__)


def intake_for(config: Config) -> Intake:
    def name_for(number: int, alert: AlertIn, now: datetime) -> str:
        return channel_name(config.channel.name_pattern, number=number, title=alert.title, source=alert.source,
                            severity=alert.severity, created_at=now, tz=config.timezone)

    invite = tuple(person_ref(config.directory.people[k]) for k in config.channel.invite)
    return Intake(routes=config.routes, default_policy=config.default_policy, auto_resolve=config.auto_resolve,
                  channel_name=name_for, invite=invite)


class IncidentDesk(Facade):
    def __init__(self, core: Core):
        super().__init__(core)
        self.intake = intake_for(core.config)
        # Concurrent webhook requests share one transaction: see bot/group_commit.py.
        self.writer: GroupCommit[AlertIn, Received] = GroupCommit(self._store, name="alert-intake")

    def _store(self, alerts: list[AlertIn]) -> list[Received]:
        with self.core.turns.intake(), self.core.sessions.begin() as session:
            received = ingest(session, alerts, self.intake, self.core.clock())
        # Committed: nothing after this line may raise, or the group commit would write the batch again.
        try:
            self.core.wake()
            real = (r.outcome for alert, r in zip(alerts, received, strict=True) if alert.drill is None)
            for outcome, count in Counter(real).items():  # a drill's alerts are no real traffic
                self.core.metrics.alerts.labels(outcome=outcome).inc(count)
        except Exception:
            log.exception("alerts stored; waking the worker or counting them failed")
        return received

    def submit(self, alerts: list[AlertIn]) -> Future[list[Received]]:
        """Queue alerts for the next group commit; the future is answered once they are committed."""
        started = time.monotonic()
        future = self.writer.submit(alerts)
        future.add_done_callback(lambda _: self.core.metrics.intake_seconds.observe(time.monotonic() - started))
        return future

    def receive(self, alerts: list[AlertIn]) -> list[Received]:
        """Store alerts durably (committed when this returns) and wake the worker."""
        return self.writer.write(alerts)

    def declare(self, title: str, severity: int | None, description: str, declaration: Declaration) -> Declared:
        """A person declares an incident in Slack: it opens through the same intake as a webhook's alert."""
        return declare(self.core, self.receive, title, severity, description, declaration)

    def listing(self, recent: bool = False) -> Listing:
        return glance.listing(self.core, recent)

    def status(self, *, channel_id: str | None, ref: str = "") -> IncidentCard | None:
        """The incident of this channel (or named) as its summary shows it; reading is open to everyone."""
        return glance.status_card(self.core, channel_id, ref)

    def home(self, user_id: str) -> Home:
        return glance.home(self.core, user_id)

    # `channel_id` is where the command was typed or the button pressed; `button`: pressed, not typed.
    def acknowledge(self, actor: str, *, incident_id: int | None = None, channel_id: str | None = None,
                    ref: str = "", button: bool = False) -> Outcome:
        return self.core.act(lambda s, i, now: acknowledge(s, i, actor, now), incident_id, channel_id, ref,
                             "/crisis ack #crisis-...", by=actor, needs="acknowledge", button=button)

    def acknowledge_alert(self, source: str, group_key: str, actor: str) -> Outcome:
        """Acknowledge the open incident holding this alert (PagerDuty's acknowledge event); none: nothing to do."""
        with self.core.turns.intake(), self.core.sessions.begin() as session:
            incident = by_open_key(session, source, group_key)
            if incident is None:
                return Outcome(False, "No open incident holds this alert.")
            outcome = acknowledge(session, incident, actor, self.core.clock())
        self.core.wake()
        return outcome

    def resolve(self, actor: str, *, incident_id: int | None = None, channel_id: str | None = None,
                ref: str = "", summary: str | None = None, button: bool = False) -> Outcome:
        return self.core.act(lambda s, i, now: resolve(s, i, actor, now, summary), incident_id, channel_id,
                             ref, "/crisis resolve #crisis-... [summary]", by=actor, needs="resolve", button=button)

    def still_on_it(self, actor: str, *, incident_id: int | None = None, channel_id: str | None = None,
                    button: bool = True) -> Outcome:
        """"Still on it" on the warning before a silent acknowledged incident is paged again: the clock restarts.
        The acknowledger may always; anyone else as a responder (the rule for changing the incident)."""
        with self.core.sessions.begin() as session:
            incident = find_incident(session, incident_id, channel_id, "")
            if incident is None:
                return Outcome(False, "That incident is gone; use `/crisis` in the incident channel.")
            if actor != incident.acknowledged_by:
                refused = self.core.refusal(session, incident, "change", actor, channel_id, button)
                if refused:
                    return Outcome(False, refused)
            after = self.config.paging.reescalate_after.get(incident.severity)
            changed, message = still_on_it(session, incident, actor, after, self.core.clock())
        self.core.wake()
        return Outcome(changed, message)

    def triage(self, decision: str, actor: str, *, incident_id: int | None = None, channel_id: str | None = None,
               button: bool = True) -> Outcome:
        """A triage decision on a signal-opened incident; closing it as customer service needs the right to resolve."""
        def decide(session, incident, now) -> Outcome:
            if decision == triaging.CRISIS:
                return triaging.crisis(session, incident, actor, now, self.intake.invite)
            if decision == triaging.CUSTOMER_SERVICE:
                cs = self.config.signals.customer_service_for(incident.labels.get("topic"))
                return triaging.customer_service(session, incident, actor, now, cs)
            return triaging.watch(session, incident, actor, now)
        needs = "resolve" if decision == triaging.CUSTOMER_SERVICE else "acknowledge"
        return self.core.act(decide, incident_id, channel_id, "", "/crisis ack #crisis-...", by=actor, needs=needs,
                             button=button)
