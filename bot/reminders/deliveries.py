"""Outbox kinds for reminders: each takes a bot.outbox.delivery.Delivery and returns a result to keep."""
from __future__ import annotations

from bot.outbox.delivery import Cancelled, Delivery
from escalation.incidents import RESOLVED
from handlers.reminders.blocks import reply_warning_text, status_reminder_message


def status_reminder(d: Delivery) -> dict:
    if d.incident.status == RESOLVED:
        raise Cancelled("incident is resolved")
    text, blocks = status_reminder_message(d.incident.id, d.row.payload, d.config.reminders.snooze)
    _, ts = d.gateway.post(d.channel(), text, blocks)
    return {"ts": ts}


def reply_warning(d: Delivery) -> dict:
    if d.incident.status == RESOLVED or d.incident.first_public_reply_at is not None:
        raise Cancelled("incident is resolved" if d.incident.status == RESOLVED else "a public reply was made")
    _, ts = d.gateway.post(d.channel(), reply_warning_text(d.incident.id, d.row.payload, d.config.timezone))
    return {"ts": ts}


KINDS = {f.__name__: f for f in (status_reminder, reply_warning)}
FAILED_TO = {"status_reminder": "post the status-update reminder",
             "reply_warning": "post the first-public-reply warning"}
