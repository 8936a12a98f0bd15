"""Reply templates in the database: lookups, proposing a version, approving, rejecting, retiring, using one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents import Incident
from escalation.templates.models import (
    APPROVED,
    DRAFT,
    FROM_SLACK,
    REJECTED,
    RETIRED,
    SUPERSEDED,
    ReplyTemplate,
    TemplateVersion,
)
from escalation.templates.text import Draft
from escalation.timeline import TimelineEvent


class Refused(Exception):
    """The request cannot be done; `field` is the form field the message belongs to (key, body...)."""

    def __init__(self, message: str, field: str = "key"):
        super().__init__(message)
        self.field = field


class Invalid(Exception):
    """A proposal the form must show again, with a message per field (key, language, tags, title, body)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def find(session: Session, key: str, language: str) -> ReplyTemplate | None:
    return session.scalar(select(ReplyTemplate).where(ReplyTemplate.key == key, ReplyTemplate.language == language))


def languages(session: Session, key: str) -> list[ReplyTemplate]:
    """Every language of one key, in language order."""
    query = select(ReplyTemplate).where(ReplyTemplate.key == key).order_by(ReplyTemplate.language)
    return list(session.scalars(query))


def version(session: Session, template: ReplyTemplate, number: int | None) -> TemplateVersion | None:
    if number is None:
        return None
    return session.scalar(select(TemplateVersion).where(TemplateVersion.template_id == template.id,
                                                        TemplateVersion.number == number))


def versions(session: Session, template: ReplyTemplate) -> list[TemplateVersion]:
    query = select(TemplateVersion).where(TemplateVersion.template_id == template.id)
    return list(session.scalars(query.order_by(TemplateVersion.number)))


def served(session: Session) -> list[tuple[ReplyTemplate, TemplateVersion]]:
    """Every approved template with the version it serves, by key then language."""
    query = (select(ReplyTemplate, TemplateVersion)
             .join(TemplateVersion, (TemplateVersion.template_id == ReplyTemplate.id)
                   & (TemplateVersion.number == ReplyTemplate.current_version))
             .where(ReplyTemplate.status == APPROVED).order_by(ReplyTemplate.key, ReplyTemplate.language))
    return [(t, v) for t, v in session.execute(query)]


def pending(session: Session, template: ReplyTemplate | None) -> TemplateVersion | None:
    """The version awaiting approval, if any (there is at most one)."""
    if template is None:
        return None
    return session.scalar(select(TemplateVersion).where(TemplateVersion.template_id == template.id,
                                                        TemplateVersion.status == DRAFT))


def same_content(v: TemplateVersion, draft: Draft) -> bool:
    return (v.title, v.body, tuple(v.tags or ())) == (draft.title, draft.body, tuple(draft.tags))


def add_version(session: Session, template: ReplyTemplate, draft: Draft, actor: str, now: datetime, *,
                source: str = FROM_SLACK) -> TemplateVersion:
    """A new draft version numbered after the last one."""
    last = session.scalar(select(func.max(TemplateVersion.number)).where(TemplateVersion.template_id == template.id))
    v = TemplateVersion(template_id=template.id, number=(last or 0) + 1, title=draft.title, body=draft.body,
                        tags=list(draft.tags), status=DRAFT, source=source, proposed_by=actor, proposed_at=now)
    session.add(v)
    session.flush()
    return v


def new_template(session: Session, draft: Draft, now: datetime) -> ReplyTemplate:
    template = ReplyTemplate(key=draft.key, language=draft.language, status=DRAFT, current_version=None,
                             tags=list(draft.tags), created_at=now, updated_at=now)
    session.add(template)
    session.flush()
    return template


def propose(session: Session, draft: Draft, actor: str, now: datetime, *, editing: bool) -> TemplateVersion:
    """Store a draft version awaiting approval; the approved version (if any) stays served meanwhile."""
    template = find(session, draft.key, draft.language)
    name = f"`{draft.key}` ({draft.language})"
    if template is not None and not editing and template.current_version is not None:
        raise Refused(f"{name} already exists (v{template.current_version}). To change it, use "
                      f"`/crisis template edit {draft.key} {draft.language}`.")
    waiting = pending(session, template)
    if waiting is not None:
        raise Refused(f"v{waiting.number} of {name}, proposed by <@{waiting.proposed_by}>, still awaits approval. "
                      "An approver must approve or reject it before another change.")
    current = version(session, template, template.current_version) if template else None
    if current is not None and same_content(current, draft):
        raise Refused(f"Nothing changed from the approved v{current.number}.", "body")
    if template is None:
        template = new_template(session, draft, now)
    template.updated_at = now
    return add_version(session, template, draft, actor, now)


def template_of(session: Session, v: TemplateVersion) -> ReplyTemplate:
    """The template `v` is a version of: its template_id is a foreign key, so the row exists."""
    template = session.get(ReplyTemplate, v.template_id)
    if template is None:
        raise LookupError(f"template version {v.id} names template {v.template_id}, which is not in the database")
    return template


def approve(session: Session, v: TemplateVersion, actor: str, now: datetime) -> ReplyTemplate:
    """Serve `v` from now on: the version it replaces is superseded; a retired template comes back."""
    template = template_of(session, v)
    previous = version(session, template, template.current_version)
    if previous is not None and previous.id != v.id:
        previous.status = SUPERSEDED
    v.status, v.decided_by, v.decided_at = APPROVED, actor, now
    template.status, template.current_version, template.tags = APPROVED, v.number, list(v.tags or [])
    template.retired_by = template.retired_at = None
    template.updated_at = now
    return template


def reject(session: Session, v: TemplateVersion, actor: str, now: datetime) -> ReplyTemplate:
    v.status, v.decided_by, v.decided_at = REJECTED, actor, now
    template = template_of(session, v)
    template.updated_at = now
    return template


def retire(template: ReplyTemplate, actor: str, now: datetime) -> None:
    template.status, template.retired_by, template.retired_at, template.updated_at = RETIRED, actor, now, now


def record_use(session: Session, incident: Incident, template: ReplyTemplate, v: TemplateVersion, actor: str,
               now: datetime, source_key: str | None = None) -> tuple[TimelineEvent, bool]:
    """Put the use on the timeline; a public template's first use sets the incident's first public reply."""
    first = v.public and incident.first_public_reply_at is None
    if first:
        incident.first_public_reply_at = now
    text = f"Used template `{template.key}` v{v.number} ({template.language})"
    if v.public:
        text += ": first public reply" if first else ", a public reply"
    event = timeline.record(session, incident.id, now, "template_used", text, actor=actor,
                            data={"key": template.key, "version": v.number, "language": template.language,
                                  "public": v.public})
    event.source_key = source_key
    return event, first
