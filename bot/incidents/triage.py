"""Outbox kinds of triage: the decision told in the incident channel, and the hand-off to customer service."""
from __future__ import annotations

from sqlalchemy import select

from bot.outbox.delivery import Delivery
from escalation.incidents.views import card
from escalation.outbox import OutboxMessage
from handlers.incidents import triage as blocks


def triage_decided(d: Delivery) -> dict:
    _, ts = d.gateway.post(d.channel(), blocks.decided_text(d.row.payload))
    return {"ts": ts}


def triage_handoff(d: Delivery) -> dict:
    """The evidence the incident channel got (what fired, the top mentions), posted to customer service."""
    p = d.row.payload
    evidence = d.session.scalar(select(OutboxMessage.payload).where(
        OutboxMessage.incident_id == d.incident.id, OutboxMessage.kind == "signal_evidence")
        .order_by(OutboxMessage.id.desc()).limit(1))
    c = card(d.incident)
    message = (blocks.handoff_text(c, p["actor"]), blocks.handoff_blocks(c, p["actor"], evidence))
    _, ts = d.gateway.post_joining(p["channel"], *message)
    return {"ts": ts}


KINDS = {f.__name__: f for f in (triage_decided, triage_handoff)}
FAILED_TO = {"triage_decided": "tell the channel the triage decision",
             "triage_handoff": "hand the incident to customer service"}
