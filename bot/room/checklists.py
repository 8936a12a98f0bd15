"""Outbox kinds of playbooks: the checklist posted when an incident gets a crisis type, updated when ticked."""
from __future__ import annotations

from bot.outbox.delivery import Cancelled, Delivery
from escalation import outbox
from escalation.room import playbooks
from handlers.room.playbook import checklist_blocks, checklist_text


def checklist(d: Delivery) -> playbooks.Checklist:
    return playbooks.checklist(d.session, d.incident.id, d.row.payload["crisis_type"],
                               d.config.templates.default_language)


def post_playbook(d: Delivery) -> dict:
    """Post the type's checklist. A declared incident's steps are copied here (the declaration knows no config);
    the summary then shows the progress."""
    crisis_type, room = d.row.payload["crisis_type"], d.config.room
    if not playbooks.rows(d.session, d.incident.id, crisis_type):
        steps = room.playbooks.get(crisis_type, ())
        if not steps:
            raise Cancelled(f"no playbook for {crisis_type}")
        playbooks.start(d.session, d.incident, crisis_type, steps, d.now, post=False)
        d.session.flush()
        outbox.enqueue(d.session, d.now, kind="update_summary", lane=outbox.incident_lane(d.incident.id),
                       incident_id=d.incident.id)
    c = checklist(d)
    shown = checklist_blocks(c, d.config.timezone, room.policy_url)
    channel, ts = d.gateway.post(d.channel(), checklist_text(c), shown)
    return {"channel": channel, "ts": ts}


def update_playbook(d: Delivery) -> dict:
    c, p = checklist(d), d.row.payload
    d.gateway.update(p["channel"], p["ts"], checklist_text(c), checklist_blocks(c, d.config.timezone,
                                                                                d.config.room.policy_url))
    return {}
