"""The message an incident was declared from (the message shortcut), put on the timeline as its first evidence.

The shortcut hands the message's text to the bot, so only its permalink is asked of Slack: the bot need not be a
member of the channel the message was written in."""
from __future__ import annotations

from bot.outbox.delivery import Delivery
from escalation.room import pins


def add_evidence(d: Delivery) -> dict:
    p = d.row.payload
    permalink = d.gateway.permalink(p["channel"], p["ts"])
    event = pins.add_evidence(d.session, d.incident.id, p["channel"], p["ts"], p["author"], p["text"], permalink,
                              p["by"])
    return {"added": event is not None, "permalink": permalink}
