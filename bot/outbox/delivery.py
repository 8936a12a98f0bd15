"""What an outbox kind is handed: the row, its incident, Slack, the config and one instant."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.config.model import Config
from bot.slack.gateway import Failed, SlackGateway
from bot.slack.users import user_id_for
from escalation.incidents.models import Incident
from escalation.outbox import OutboxMessage


class Cancelled(Exception):
    """The row no longer makes sense (e.g. a page for an incident that was acknowledged meanwhile)."""


@dataclass
class Delivery:
    session: Session
    gateway: SlackGateway
    config: Config
    row: OutboxMessage
    incident: Incident | None
    now: datetime

    def channel(self) -> str:
        if not self.incident.channel_id:
            raise Failed("the incident channel was never opened")
        return self.incident.channel_id

    def user_id(self, person: dict) -> str:
        return user_id_for(self.session, self.gateway, person, self.now)
