"""Outbox kinds of reply templates: a proposal in the approvers' channel, its decision, notices there; an approved
statement in its incident's channel; a broadcast to the staff channel."""
from __future__ import annotations

from sqlalchemy import select

from bot.outbox.delivery import Cancelled, Delivery
from bot.slack.gateway import Failed
from escalation.templates.catalogue import Filled
from escalation.templates.models import APPROVED, ReplyTemplate, Statement, TemplateVersion
from escalation.templates.statements import PREFIX as STATEMENT_PREFIX
from escalation.templates.text import fill
from handlers.templates.blocks import ProposalCard, proposal_blocks, proposal_text
from handlers.templates.statement import broadcast_message, ready_message


def card(d: Delivery) -> tuple[TemplateVersion, ProposalCard]:
    v = d.session.get(TemplateVersion, d.row.payload["version_id"])
    if v is None:
        raise Failed(f"template version {d.row.payload['version_id']} no longer exists")
    t = d.session.get(ReplyTemplate, v.template_id)
    if t is None:
        raise Failed(f"the template of version {v.id} no longer exists")
    replaces = t.current_version if t.current_version != v.number else None
    # A statement has no placeholders (its braces are stored doubled): approvers read the words as they will be used.
    body = fill(v.body, {}) if t.key.startswith(STATEMENT_PREFIX) else v.body
    return v, ProposalCard(v.id, t.key, t.language, v.number, v.title, body, tuple(v.tags or ()), v.proposed_by,
                           v.status, v.decided_by, v.decided_at, replaces)


def post_in(d: Delivery, channel: str, text: str, blocks: list | None = None) -> tuple[str, str]:
    return d.gateway.post_joining(channel, text, blocks)


def template_proposal(d: Delivery) -> dict:
    """Post the proposal with Approve / Reject (or with the decision, if one came first); keep its ts."""
    v, c = card(d)
    if v.proposal_ts:
        return {"ts": v.proposal_ts}
    if not v.proposal_channel:
        raise Failed("the proposal names no approvers' channel (templates.approvals_channel was not set)")
    channel, ts = post_in(d, v.proposal_channel, proposal_text(c), proposal_blocks(c, d.config.timezone))
    v.proposal_channel, v.proposal_ts = channel, ts
    return {"channel": channel, "ts": ts}


def template_decision(d: Delivery) -> dict:
    """Update the proposal in place: the buttons give way to who approved or rejected it."""
    v, c = card(d)
    if not v.proposal_channel or not v.proposal_ts:
        raise Failed("the proposal was never posted")
    d.gateway.update(v.proposal_channel, v.proposal_ts, proposal_text(c), proposal_blocks(c, d.config.timezone))
    return {}


def template_notice(d: Delivery) -> dict:
    _, ts = post_in(d, d.row.payload["channel"], d.row.payload["text"])
    return {"ts": ts}


def statement_ready(d: Delivery) -> dict:
    """The approved statement in its incident's channel, ready to copy, with the Use button."""
    v, c = card(d)
    if v.status != APPROVED:
        raise Cancelled(f"statement version {v.id} is {v.status}")
    statement = d.session.scalar(select(Statement).where(Statement.template_id == v.template_id))
    filled = Filled(fill(v.body, {}), c.key, c.language, v.number, v.id, v.title, v.public, v.decided_by,
                    v.decided_at, d.incident.id, None)
    message = ready_message(filled, list(statement.channels if statement else []), d.config.timezone)
    _, ts = d.gateway.post(d.channel(), message["text"], message["blocks"])
    return {"ts": ts}


def broadcast(d: Delivery) -> dict:
    p = d.row.payload
    message = broadcast_message(p, d.incident.id, d.incident.channel_id, d.config.timezone)
    channel, ts = post_in(d, p["channel"], message["text"], message["blocks"])
    return {"channel": channel, "ts": ts}


KINDS = {f.__name__: f for f in (template_proposal, template_decision, template_notice, statement_ready, broadcast)}
FAILED_TO = {"template_proposal": "post a template proposal to the approvers",
             "template_decision": "update a template proposal with its decision",
             "template_notice": "post a template notice to the approvers",
             "statement_ready": "post the approved statement in the channel",
             "broadcast": "post the approved wording to the staff channel"}
