"""Outbox kinds of reply templates: a proposal in the approvers' channel, its decision, notices there."""
from __future__ import annotations

from bot.outbox.delivery import Delivery
from bot.slack.gateway import Failed
from escalation.templates.models import ReplyTemplate, TemplateVersion
from handlers.templates.blocks import ProposalCard, proposal_blocks, proposal_text


def card(d: Delivery) -> tuple[TemplateVersion, ProposalCard]:
    v = d.session.get(TemplateVersion, d.row.payload["version_id"])
    if v is None:
        raise Failed(f"template version {d.row.payload['version_id']} no longer exists")
    t = d.session.get(ReplyTemplate, v.template_id)
    if t is None:
        raise Failed(f"the template of version {v.id} no longer exists")
    replaces = t.current_version if t.current_version != v.number else None
    return v, ProposalCard(v.id, t.key, t.language, v.number, v.title, v.body, tuple(v.tags or ()), v.proposed_by,
                           v.status, v.decided_by, v.decided_at, replaces)


def post_in(d: Delivery, channel: str, text: str, blocks: list | None = None) -> tuple[str, str]:
    try:
        return d.gateway.post(channel, text, blocks)
    except Failed as error:
        if not str(error).endswith("not_in_channel"):
            raise
        # A public approvers' channel the bot was never invited to: join it rather than lose the proposal.
        d.gateway.join(channel)
        return d.gateway.post(channel, text, blocks)


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


KINDS = {f.__name__: f for f in (template_proposal, template_decision, template_notice)}
FAILED_TO = {"template_proposal": "post a template proposal to the approvers",
             "template_decision": "update a template proposal with its decision",
             "template_notice": "post a template notice to the approvers"}
