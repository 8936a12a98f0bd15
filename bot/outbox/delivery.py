"""What an outbox kind is handed: the row, its incident, Slack, the config and one instant."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.config.model import Config
from bot.slack.gateway import Failed, SlackGateway
from bot.slack.users import user_id_for
from escalation.incidents import Incident
from escalation.outbox import OutboxMessage


class Cancelled(Exception):
    """The row no longer makes sense (e.g. a page for an incident that was acknowledged meanwhile)."""


@dataclass
class Delivery:
    session: Session
    gateway: SlackGateway
    config: Config
    row: OutboxMessage
    row_incident: Incident | None  # None for rows that belong to no incident (shift notices, proposals)
    now: datetime

    @property
    def incident(self) -> Incident:
        """The row's incident; only kinds that belong to an incident ask for it."""
        if self.row_incident is None:
            raise Failed(f"outbox row {self.row.id} ({self.row.kind}) names no incident")
        return self.row_incident

    def channel(self) -> str:
        if not self.incident.channel_id:
            raise Failed("the incident channel was never opened")
        return self.incident.channel_id

    def user_id(self, person: dict) -> str:
        return user_id_for(self.session, self.gateway, person, self.now)


DeliveryKind = Callable[[Delivery], "dict | None"]


@dataclass(frozen=True)
class Kinds:
    """Every outbox kind the worker can deliver, and what each does in words for the timeline when it fails."""
    run: Mapping[str, DeliveryKind]
    failed_to: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, *features: Kinds) -> Kinds:
        run: dict[str, DeliveryKind] = {}
        failed_to: dict[str, str] = {}
        for feature in features:
            clash = run.keys() & feature.run.keys()
            if clash:
                raise ValueError(f"outbox kinds defined twice: {sorted(clash)}")
            run.update(feature.run)
            failed_to.update(feature.failed_to)
        return cls(run, failed_to)
