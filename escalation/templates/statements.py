"""Ad-hoc public statements: wording written for one incident, approved by another approver like a template."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import outbox
from escalation.incidents import Incident
from escalation.templates import service as templates
from escalation.templates.models import PUBLIC_TAG, Statement, TemplateVersion
from escalation.templates.service import Invalid
from escalation.templates.text import Draft, draft_problems, normalize_tags

PREFIX = "statement-"  # its template's key: statement-<id>
STATEMENT_TAG = "statement"
FIELDS = {"body": "text", "language": "language", "tags": "channels", "title": "text", "key": "text"}


def statement_draft(key: str, incident_id: int, text: str, language: str, channels: str) -> Draft:
    meant = normalize_tags(channels)
    title = f"Statement for incident #{incident_id}" + (f" ({', '.join(meant)})" if meant else "")
    # The words are the person's, not a pattern: braces are written doubled so nothing is read as a placeholder.
    body = text.strip().replace("{", "{{").replace("}", "}}")
    return Draft(key, language.strip().lower(), title[:150], body, (PUBLIC_TAG, STATEMENT_TAG, *meant))


def propose(session: Session, incident: Incident, text: str, language: str, channels: str, actor: str,
            now: datetime) -> TemplateVersion:
    """Store the statement as a draft awaiting approval; Invalid says what to fix, by form field."""
    problems = draft_problems(statement_draft("statement-0", incident.id, text, language, channels))
    if not text.strip():
        problems["body"] = "Write the statement."
    if problems:
        raise Invalid({FIELDS[name]: message for name, message in problems.items()})
    statement = Statement(incident_id=incident.id, channels=list(normalize_tags(channels)), proposed_by=actor,
                          created_at=now)
    session.add(statement)
    session.flush()
    draft = statement_draft(f"{PREFIX}{statement.id}", incident.id, text, language, channels)
    v = templates.propose(session, draft, actor, now, editing=False)
    statement.template_id = v.template_id
    return v


def incident_of(session: Session, template_id: int) -> int | None:
    """The incident a statement was written for, or None when the template is no statement."""
    return session.scalar(select(Statement.incident_id).where(Statement.template_id == template_id))


def queue_ready(session: Session, template_id: int, version_id: int, now: datetime) -> None:
    """An approved statement is posted in its incident's channel, ready to copy with its Use button."""
    incident_id = incident_of(session, template_id)
    if incident_id is not None:
        outbox.enqueue(session, now, kind="statement_ready", lane=outbox.incident_lane(incident_id),
                       incident_id=incident_id, payload={"version_id": version_id},
                       dedup_key=f"statement_ready:{version_id}")
