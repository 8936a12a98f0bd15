"""Outbox kinds of escalation that never goes quiet: the last resort of a policy that ran out, the warning before
a silent acknowledged incident is paged again, and the re-escalation."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.outbox.delivery import Cancelled, Delivery
from bot.slack.gateway import Failed
from escalation.incidents.models import ACKNOWLEDGED, TRIGGERED
from escalation.incidents.views import card
from escalation.paging import FALLBACK, Page
from handlers.incidents import quiet as blocks
from handlers.markup import is_user_id


def reachable(d: Delivery, people: list[dict]) -> tuple[list[str], list[str]]:
    """Slack ids of the people Slack knows, and the names of those it does not."""
    ids, unknown = [], []
    for person in people:
        try:
            ids.append(d.user_id(person))
        except Failed:  # their own DM's failure puts the reason on the timeline
            unknown.append(person["name"])
    return ids, unknown


def dm_fallback(d: Delivery) -> dict:
    if d.incident.status != TRIGGERED:
        raise Cancelled(f"incident is {d.incident.status}")
    p = d.row.payload
    user_id = d.user_id(p["person"])
    c = card(d.incident)
    channel, ts = d.gateway.post(user_id, blocks.fallback_page_text(c, p), blocks.fallback_page_blocks(c, p))
    page = d.session.scalar(select(Page).where(
        Page.incident_id == d.incident.id, Page.round == p["round"], Page.level == FALLBACK, Page.seq == 0,
        Page.person_key == p["person"]["key"]))
    if page is not None:  # so Acknowledge closes this DM's button like a level's page
        page.dm_channel, page.dm_ts, page.delivered_at = channel, ts, d.now
    return {"channel": channel, "ts": ts, "user": user_id}


def ran_out(d: Delivery) -> dict:
    ids, unknown = reachable(d, d.row.payload["people"])
    _, ts = d.gateway.post(d.channel(), blocks.ran_out_text(d.row.payload, ids, unknown))
    return {"ts": ts}


def admin_ran_out(d: Delivery) -> dict:
    channel = d.row.payload["admin"]
    ids, unknown = reachable(d, d.row.payload["people"])
    text = blocks.admin_ran_out_text(card(d.incident), d.row.payload, ids, unknown)
    _, ts = d.gateway.post_joining(channel, text)
    return {"ts": ts}


def quiet_warning(d: Delivery) -> dict:
    if d.incident.status != ACKNOWLEDGED:
        raise Cancelled(f"incident is {d.incident.status}")
    p, c = d.row.payload, card(d.incident)
    due_at = blocks.clock_time(datetime.fromisoformat(p["due_at"]), d.config.timezone)
    # The acknowledger by DM; an acknowledgement from outside Slack (an API) warns the channel instead.
    where = p["user"] if is_user_id(p.get("user")) else d.channel()
    channel, ts = d.gateway.post(where, blocks.quiet_warning_text(c, p, due_at),
                                 blocks.quiet_warning_blocks(c, p, due_at))
    return {"channel": channel, "ts": ts}


def reescalated(d: Delivery) -> dict:
    _, ts = d.gateway.post(d.channel(), blocks.reescalated_text(card(d.incident), d.row.payload))
    return {"ts": ts}


KINDS = {f.__name__: f for f in (dm_fallback, ran_out, admin_ran_out, quiet_warning, reescalated)}
FAILED_TO = {"dm_fallback": "send the last resort's page DM",
             "ran_out": "say in the channel that the escalation policy ran out",
             "admin_ran_out": "tell the on-call admin channel that the escalation policy ran out",
             "quiet_warning": "warn the acknowledger before paging again",
             "reescalated": "say in the channel that paging starts again"}
