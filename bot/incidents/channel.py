"""Opening an incident's channel without leaving debris: a name whose create got no answer (a timeout, a kill) is
remembered on the outbox row first, so a retry that meets `name_taken` there adopts the channel it made."""
from __future__ import annotations

import logging

from sqlalchemy import select

from bot.outbox.delivery import Delivery
from bot.slack.gateway import Failed
from escalation.incidents import Incident, with_suffix
from escalation.outbox import PENDING, OutboxMessage

log = logging.getLogger(__name__)
MAX_NAME_ATTEMPTS = 20


def open_channel(d: Delivery, name: str) -> tuple[str, str, bool]:
    """(channel id, name, adopted): create `name`, or the first free `name-2`, `name-3` ...; on a retry, the
    channel an earlier attempt created and never heard back about is adopted instead of opening the next name."""
    unanswered = trying(d.row)
    # A declared incident carries its own choice; every other follows the config.
    private = (d.row.payload or {}).get("private", d.config.channel.private)
    candidate = name
    for attempt in range(1, MAX_NAME_ATTEMPTS + 1):
        candidate = with_suffix(name, attempt)
        # Committed before the call (the gateway commits), so a retry knows. Every name whose answer was lost is
        # kept, not only the last: after two lost answers in a row either may be the channel made; a name first
        # asked for and answered `name_taken` drops out, as someone else holds it.
        d.row.result = {"trying": unanswered if candidate in unanswered else [*unanswered, candidate]}
        created = d.gateway.create_channel(candidate, private)
        if created is not None:
            return created[0], created[1], False
        if candidate in unanswered:
            found = adoptable(d, candidate)
            if found is not None:
                log.info("incident #%s: adopted #%s, which an earlier attempt created", d.incident.id, candidate)
                return found, candidate, True
    raise Failed(f"conversations.create: every name from {name} to {candidate} is taken")


def trying(row: OutboxMessage) -> list[str]:
    """The names an earlier attempt asked Slack for and never heard back about (one name, as rows stored before)."""
    names = (row.result or {}).get("trying") or []
    return [names] if isinstance(names, str) else list(names)


def adoptable(d: Delivery, name: str) -> str | None:
    """The channel `name` if this bot created it and no other incident holds it or is opening it right now."""
    channel_id = d.gateway.own_channel_named(name)
    if channel_id is None:
        return None
    held = d.session.scalar(select(Incident.id).where(Incident.channel_id == channel_id, Incident.id != d.incident.id))
    opening = d.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "create_channel", OutboxMessage.status == PENDING, OutboxMessage.id != d.row.id))
    if held is not None or any(name in trying(row) for row in opening):
        return None
    return channel_id
