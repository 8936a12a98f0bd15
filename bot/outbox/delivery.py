"""What an outbox kind is handed: the row, its incident, Slack, the config and one instant."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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
class Batched:
    """A kind that is one Slack call and no more (a page DM), delivered a round of rows at a time: `prepare` reads
    what the call needs in the round's claim transaction (None: this row goes the usual way, row by row; Cancelled:
    it no longer makes sense), `send` makes the call with no session at all, `record` keeps the round's answers
    ((what `prepare` read, Slack's answer) of every row sent) in the round's one record transaction."""
    prepare: Callable[[Session, OutboxMessage, Incident | None, Config, datetime], Any]
    send: Callable[[SlackGateway, Any], dict]
    record: Callable[[Session, list[tuple[Any, dict]], datetime], None]


@dataclass(frozen=True)
class Kinds:
    """Every outbox kind the worker can deliver, and what each does in words for the timeline when it fails.
    A kind in `batched` is also in `run`, for the rows its `prepare` hands back."""
    run: Mapping[str, DeliveryKind]
    failed_to: Mapping[str, str] = field(default_factory=dict)
    batched: Mapping[str, Batched] = field(default_factory=dict)

    @classmethod
    def of(cls, *features: Kinds) -> Kinds:
        run: dict[str, DeliveryKind] = {}
        failed_to: dict[str, str] = {}
        batched: dict[str, Batched] = {}
        for feature in features:
            clash = run.keys() & feature.run.keys()
            if clash:
                raise ValueError(f"outbox kinds defined twice: {sorted(clash)}")
            run.update(feature.run)
            failed_to.update(feature.failed_to)
            batched.update(feature.batched)
        if unknown := batched.keys() - run.keys():
            raise ValueError(f"batched outbox kinds with no row-by-row delivery: {sorted(unknown)}")
        return cls(run, failed_to, batched)
