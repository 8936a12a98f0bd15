"""Proposing template wording, approving or rejecting it, and retiring templates: the approvers' side."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.config.model import Config
from bot.slack.gateway import SlackGateway
from bot.templates.approvers import approver_names, is_approver
from escalation import outbox
from escalation.incidents import Incident, Outcome
from escalation.templates import service as templates
from escalation.templates import statements
from escalation.templates.models import DRAFT, RETIRED, ReplyTemplate, TemplateVersion
from escalation.templates.service import Invalid, Refused, template_of
from escalation.templates.text import Draft, draft_problems

if TYPE_CHECKING:  # the desk calls into this module
    from bot.templates.desk import TemplateDesk


@dataclass(frozen=True)
class Proposed:
    key: str
    language: str
    number: int
    channel: str
    replaces: int | None  # the approved version that stays served until this one is approved


NO_APPROVALS_CHANNEL = ("Proposals need an approvers' channel: set `templates.approvals_channel` in the config "
                        "(a channel id like C0123APPROVE).")


def lane(template_id: int) -> str:
    """A template's messages in the approvers' channel go out in order: the proposal before its decision."""
    return f"template:{template_id}"


def statement_incident(session: Session, template_id: int) -> Incident | None:
    """The incident a statement was written for (None for a template): its rows name it, so a drill's say DRILL."""
    incident_id = statements.incident_of(session, template_id)
    return session.get(Incident, incident_id) if incident_id is not None else None


def drilling(incident: Incident | None) -> bool:
    return incident is not None and incident.drill_run_id is not None


def blocker(config: Config) -> str | None:
    settings = config.templates
    if not settings.approvals_channel:
        return NO_APPROVALS_CHANNEL
    if not settings.approvers.anyone:
        return "Nobody could approve a proposal: set `templates.approvers` (users, teams or usergroup) in the config."
    return None


def edit_draft(desk: TemplateDesk, key: str, language: str | None) -> Draft:
    """The wording to prefill the edit form with: the served version, else the latest one."""
    with desk.core.sessions.begin() as session:
        rows = templates.languages(session, key)
        if not rows:
            raise Refused(f"There is no template `{key}`. Propose it with `/crisis template propose`.")
        template = desk._pick(rows, key, language, "/crisis template edit")
        waiting = templates.pending(session, template)
        if waiting is not None:
            raise Refused(f"v{waiting.number} of `{key}` ({template.language}), proposed by "
                          f"<@{waiting.proposed_by}>, still awaits approval. An approver must approve or reject it "
                          "before another change.")
        v = templates.version(session, template, template.current_version) or templates.versions(session, template)[-1]
        return Draft(template.key, template.language, v.title, v.body, tuple(v.tags or ()))


def propose(desk: TemplateDesk, actor: str, draft: Draft, *, editing: bool) -> Proposed:
    """Store the draft version and queue its proposal to the approvers' channel; Invalid says what to fix."""
    channel = desk.settings.approvals_channel
    if not channel:  # the config lost its approvers' channel after the form was opened
        raise Invalid({"key": NO_APPROVALS_CHANNEL})
    problems = draft_problems(draft)
    if problems:
        raise Invalid(problems)
    now = desk.core.clock()
    try:
        with desk.core.sessions.begin() as session:
            try:
                v = templates.propose(session, draft, actor, now, editing=editing)
            except Refused as refused:
                raise Invalid({refused.field: str(refused)}) from None
            template = template_of(session, v)
            v.proposal_channel = channel
            outbox.enqueue(session, now, kind="template_proposal", lane=lane(template.id),
                           incident_id=statements.incident_of(session, template.id), payload={"version_id": v.id},
                           dedup_key=f"template_proposal:{v.id}")
            proposed = Proposed(template.key, template.language, v.number, channel, template.current_version)
    except IntegrityError:  # two proposals for the same template in the same instant: the other one won
        raise Invalid({"key": f"Someone proposed `{draft.key}` ({draft.language}) at the same moment; see "
                              f"<#{channel}>."}) from None
    desk.core.wake()
    return proposed


def decide(desk: TemplateDesk, actor: str, version_id: int, *, approve: bool, slack: WebClient) -> Outcome:
    """Approve or reject a proposal: approvers only, and nobody approves their own wording."""
    config, now = desk.core.config, desk.core.clock()
    allowed = may_approve(desk, slack, actor, now)
    with desk.core.sessions.begin() as session:
        v = session.get(TemplateVersion, version_id)
        if v is None:
            return Outcome(False, "This proposal no longer exists.")
        if not allowed:
            return Outcome(False, f"Only approvers can approve or reject templates: {approver_names(config)}.")
        template = template_of(session, v)
        incident = statement_incident(session, template.id)
        drill, incident_id = drilling(incident), incident.id if incident else None
        name = f"v{v.number} of `{template.key}` ({template.language})"
        if v.status != DRAFT:
            return Outcome(False, f"{name} was already {v.status} by <@{v.decided_by}>.", drill)
        if approve and v.proposed_by == actor:
            return Outcome(False, f"You proposed {name} yourself: another approver must approve it (you can "
                                  "still reject it).", drill)
        (templates.approve if approve else templates.reject)(session, v, actor, now)
        if approve:  # a statement is shown in its incident's channel, ready to copy
            statements.queue_ready(session, template.id, v.id, now)
        outbox.enqueue(session, now, kind="template_decision", lane=lane(template.id), incident_id=incident_id,
                       payload={"version_id": v.id}, dedup_key=f"template_decision:{v.id}")
        if v.proposed_by != actor:
            text = decision_dm(template, v, approve, actor)
            outbox.enqueue(session, now, kind="dm", lane=f"dm:template:{v.proposed_by}", incident_id=incident_id,
                           payload={"person": {"key": v.proposed_by, "slack_id": v.proposed_by, "email": None,
                                               "name": v.proposed_by}, "text": text})
        outcome = Outcome(True, f"{'Approved' if approve else 'Rejected'} {name}.", drill)
    desk.core.wake()
    return outcome


def may_approve(desk: TemplateDesk, slack: WebClient, actor: str, now: datetime) -> bool:
    """Whether `actor` is an approver, asked before the decision's transaction: looking people up by e-mail and
    reading a user group are Slack calls, and each commits the cached lookups before it is made."""
    with desk.core.sessions() as session:
        allowed = is_approver(session, desk.core.config, SlackGateway(slack).for_delivery(session.commit), actor, now)
        session.commit()
    return allowed


def decision_dm(template: ReplyTemplate, v: TemplateVersion, approved: bool, actor: str) -> str:
    name = f"`{template.key}` ({template.language}) v{v.number}"
    if approved:
        return (f"Your template {name} was approved by <@{actor}>. It is served from now on: "
                f"`/crisis template {template.key} {template.language}`.")
    still = f"v{template.current_version} stays in use" if template.current_version else "nothing was published"
    return (f"Your template {name} was rejected by <@{actor}>; {still}. To try again: "
            f"`/crisis template edit {template.key} {template.language}`.")


def retire(desk: TemplateDesk, actor: str, key: str, language: str | None, *, slack: WebClient) -> str:
    """Take a template out of use (approvers only); proposing a new version and approving it brings it back."""
    config, now = desk.core.config, desk.core.clock()
    if not may_approve(desk, slack, actor, now):
        raise Refused(f"Only approvers can retire templates: {approver_names(config)}.")
    with desk.core.sessions.begin() as session:
        rows = templates.languages(session, key)
        if not rows:
            raise Refused(f"There is no template `{key}`. `/crisis template` lists them.")
        template = desk._pick(rows, key, language, "/crisis template retire")
        name = f"`{template.key}` ({template.language})"
        if template.status == RETIRED:
            raise Refused(f"{name} was already retired by <@{template.retired_by}>.")
        templates.retire(template, actor, now)
        if desk.settings.approvals_channel:
            outbox.enqueue(session, now, kind="template_notice", lane=lane(template.id),
                           incident_id=statements.incident_of(session, template.id),
                           payload={"channel": desk.settings.approvals_channel,
                                    "text": f":file_cabinet: <@{actor}> retired {name}; it is no longer offered."})
    desk.core.wake()
    return (f"Retired {name}: it is no longer offered. To bring it back, propose new wording with "
            f"`/crisis template edit {template.key} {template.language}` and have it approved.")
