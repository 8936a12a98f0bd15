"""The outbox kind that announces alerts joining an incident (escalation/room/joins.py gathers them)."""
from __future__ import annotations

from bot.outbox.delivery import Delivery
from handlers.room.joins import joins_blocks, joins_text


def alerts_joined(d: Delivery) -> dict:
    p = dict(d.row.payload)
    if p.get("raise_to") and d.incident.severity <= p["raise_to"]:  # raised meanwhile: nothing left to offer
        p["raise_to"] = None
    _, ts = d.gateway.post(d.channel(), joins_text(p), joins_blocks(p, d.incident.id))
    return {"ts": ts}


KINDS = {"alerts_joined": alerts_joined}
FAILED_TO = {"alerts_joined": "announce the alerts that joined"}
