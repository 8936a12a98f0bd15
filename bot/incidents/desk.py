"""What the edge can ask of crisisdesk, in plain values: each call is one transaction at one instant."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.config.model import Config
from escalation import outbox
from escalation.incidents import service as incidents
from escalation.incidents.alerts import AlertIn
from escalation.incidents.intake import Intake, Received, ingest
from escalation.incidents.models import Incident
from escalation.incidents.naming import channel_name
from escalation.incidents.service import Outcome
from escalation.paging.roster import Roster, person_ref

NOT_HERE = ("This channel is not an incident channel. Run the command in the incident's channel, or name the "
            "incident: `{example}`")
CHANNEL_REF = re.compile(r"^<#(?P<id>[CG][A-Z0-9]+)(?:\|[^>]*)?>$")


def intake_for(config: Config) -> Intake:
    def name_for(number: int, alert: AlertIn, now: datetime) -> str:
        return channel_name(config.channel.name_pattern, number=number, title=alert.title, source=alert.source,
                            severity=alert.severity, created_at=now, tz=config.timezone)

    invite = tuple(person_ref(config.directory.people[k]) for k in config.channel.invite)
    return Intake(routes=config.routes, default_policy=config.default_policy, auto_resolve=config.auto_resolve,
                  channel_name=name_for, invite=invite)


class Desk:
    def __init__(self, config: Config, sessions: sessionmaker[Session], clock: Callable[[], datetime],
                 on_call=None):
        self.config = config
        self.sessions = sessions
        self.clock = clock
        self.intake = intake_for(config)
        self.wake: Callable[[], None] = lambda: None  # set by the scheduler to deliver at once
        self._on_call = on_call
        # The features' own facades, attached by build_app: OnCallDesk, RoomDesk, TemplateDesk, ReviewDesk, SignalDesk.
        self.oncall = self.room = self.templates = self.review = self.signals = None

    def roster(self, session: Session) -> Roster:
        extra = {"on_call": self._on_call(session)} if self._on_call else {}
        return Roster(policies=self.config.policies, directory=self.config.directory, **extra)

    def receive(self, alerts: list[AlertIn]) -> list[Received]:
        """Store alerts durably (committed when this returns) and wake the worker."""
        with self.sessions.begin() as session:
            received = ingest(session, alerts, self.intake, self.clock())
        self.wake()
        return received

    def acknowledge(self, actor: str, *, incident_id: int | None = None, channel_id: str | None = None,
                    ref: str = "") -> Outcome:
        return self._act(lambda s, i, now: incidents.acknowledge(s, i, actor, now), incident_id, channel_id, ref,
                         "/crisis ack #crisis-...")

    def resolve(self, actor: str, *, incident_id: int | None = None, channel_id: str | None = None,
                ref: str = "", summary: str | None = None) -> Outcome:
        return self._act(lambda s, i, now: incidents.resolve(s, i, actor, now, summary), incident_id, channel_id,
                         ref, "/crisis resolve #crisis-... [summary]")

    def post_timeline(self, *, channel_id: str | None = None, ref: str = "") -> Outcome:
        def queue(session: Session, incident: Incident, now: datetime) -> Outcome:
            outbox.enqueue(session, now, kind="post_timeline", lane=outbox.incident_lane(incident.id),
                           incident_id=incident.id)
            return Outcome(True, f"Posting the timeline of incident #{incident.id} in <#{incident.channel_id}>.")
        return self._act(queue, None, channel_id, ref, "/crisis timeline #crisis-...")

    def _act(self, action, incident_id, channel_id, ref, example) -> Outcome:
        with self.sessions.begin() as session:
            incident = find_incident(session, incident_id, channel_id, ref)
            if incident is None:
                return Outcome(False, NOT_HERE.format(example=example) if not ref else
                               f"No incident matches `{ref}`. Name it by its channel (`#crisis-...`) or number (`#42`).")
            outcome = action(session, incident, self.clock())
        self.wake()
        return outcome


def find_incident(session: Session, incident_id: int | None, channel_id: str | None, ref: str) -> Incident | None:
    """By number, by a reference (`<#C123|name>`, `#name`, `#42`), or by the channel the command came from."""
    if incident_id is not None:
        return session.get(Incident, incident_id)
    ref = ref.strip()
    if ref:
        match = CHANNEL_REF.match(ref)
        if match:
            return incidents.by_channel(session, match["id"])
        if ref.lstrip("#").isdigit():
            return session.get(Incident, int(ref.lstrip("#")))
        name = ref.lstrip("#").lower()
        return session.scalar(select(Incident).where(Incident.channel_name == name).order_by(Incident.id.desc()))
    return incidents.by_channel(session, channel_id) if channel_id else None
