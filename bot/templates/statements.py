"""Ad-hoc public statements (proposed for an incident, approved by another approver, then shown ready to copy) and
broadcasts of approved wording to the staff channel, so every employee answers with the same words."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.templates.proposals import NO_APPROVALS_CHANNEL, Proposed, blocker, lane
from escalation import outbox, timeline
from escalation.incidents import Incident, Outcome
from escalation.templates import statements
from escalation.templates.catalogue import Filled
from escalation.templates.service import Invalid, Refused, template_of

if TYPE_CHECKING:  # the desk calls into this module
    from bot.templates.desk import TemplateDesk

EXAMPLE = "/crisis statement #crisis-..."
NO_STAFF_CHANNEL = ("Broadcasts need a staff channel: set `room.staff_channel` in the config (a channel id like "
                    "C0123STAFF).")


def may_propose(desk: TemplateDesk, actor: str, channel_id: str | None, ref: str) -> Outcome:
    """Whether `actor` may write a statement for the incident named (changed: True, message: its number)."""
    blocked = blocker(desk.core.config)
    if blocked:
        return Outcome(False, blocked)
    return desk.core.act(lambda s, i, now: Outcome(True, str(i.id)), None, channel_id, ref, EXAMPLE, by=actor,
                         needs="change")


def propose(desk: TemplateDesk, actor: str, incident_id: int, text: str, language: str, channels: str) -> Proposed:
    """Store the statement and queue its proposal to the approvers; Invalid says what to fix, by form field."""
    channel = desk.settings.approvals_channel
    if not channel:
        raise Invalid({"text": NO_APPROVALS_CHANNEL})
    proposed: list[Proposed] = []

    def store(session: Session, incident: Incident, now: datetime) -> Outcome:
        v = statements.propose(session, incident, text, language, channels, actor, now)
        template = template_of(session, v)
        v.proposal_channel = channel
        outbox.enqueue(session, now, kind="template_proposal", lane=lane(template.id), incident_id=incident.id,
                       payload={"version_id": v.id}, dedup_key=f"template_proposal:{v.id}")
        timeline.record(session, incident.id, now, "statement", f"Statement `{template.key}` ({template.language}) "
                        "proposed for approval", actor=actor, data={"key": template.key, "version": v.number})
        proposed.append(Proposed(template.key, template.language, v.number, channel, None))
        return Outcome(True, "")
    try:
        outcome = desk.core.act(store, incident_id, None, "", EXAMPLE, by=actor, needs="change")
    except IntegrityError:  # two statements stored at the same instant: the other one took the key
        raise Invalid({"text": "Someone proposed a statement at the same moment; send it again."}) from None
    if not outcome.changed:
        raise Invalid({"text": outcome.message})
    return proposed[0]


def broadcast(desk: TemplateDesk, actor: str, key: str, language: str | None, values: dict[str, str],
              channel_id: str | None, ref: str) -> Outcome:
    """Queue approved wording (filled in) for the staff channel, with who approved it and when."""
    staff = desk.config.room.staff_channel
    if not staff:
        return Outcome(False, NO_STAFF_CHANNEL)
    try:
        answer = desk.fill(key=key, language=language, values=values, channel_id=channel_id, ref=ref)
    except Refused as refused:
        return Outcome(False, str(refused))
    if not isinstance(answer, Filled):  # the word was a tag or a language, not a key
        return Outcome(False, f"There is no template or statement `{key}`. `/crisis template` lists them.")
    filled = answer

    def queue(session: Session, incident: Incident, now: datetime) -> Outcome:
        name = f"`{filled.key}` v{filled.number} ({filled.language})"
        outbox.enqueue(session, now, kind="broadcast", lane=f"staff:{staff}", incident_id=incident.id,
                       payload={"channel": staff, "by": actor, "text": filled.text, "key": filled.key,
                                "number": filled.number, "language": filled.language,
                                "approved_by": filled.approved_by,
                                "approved_at": filled.approved_at.isoformat() if filled.approved_at else None})
        timeline.record(session, incident.id, now, "broadcast", f"Broadcast {name} to the staff channel",
                        actor=actor, data={"key": filled.key, "version": filled.number, "channel": staff})
        return Outcome(True, f"Posting {name} to <#{staff}> for every employee, with who approved it.")
    return desk.core.act(queue, filled.incident_id, channel_id, ref, "/crisis broadcast #crisis-... <key>",
                         by=actor, needs="change")
