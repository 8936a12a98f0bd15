"""Tables for approved reply templates: one row per key and language, and every version ever proposed."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from escalation.base import Base

# A template is `draft` until a first version is approved, `approved` while it has one to serve, `retired` when
# an approver took it out of use.
DRAFT, APPROVED, RETIRED = "draft", "approved", "retired"
# A version is a `draft` awaiting approval, then `approved` or `rejected`; an approved version that a newer one
# replaced is `superseded`.
REJECTED, SUPERSEDED = "rejected", "superseded"
# Who wrote a version: the reviewed config file, or someone in Slack (`/crisis template propose|edit`).
FROM_CONFIG, FROM_SLACK = "config", "slack"
PUBLIC_TAG = "public"


class ReplyTemplate(Base):
    __tablename__ = "reply_templates"
    __table_args__ = (UniqueConstraint("key", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    # The number of the approved version that is served; None until one is approved.
    current_version: Mapped[int | None]
    tags: Mapped[list] = mapped_column(default=list)  # the served version's tags, kept here for filtering
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    retired_by: Mapped[str | None] = mapped_column(String(64))
    retired_at: Mapped[datetime | None]

    @property
    def public(self) -> bool:
        """Meant for a public reply: its use counts as the incident's first public reply."""
        return PUBLIC_TAG in (self.tags or [])


class TemplateVersion(Base):
    __tablename__ = "reply_template_versions"
    __table_args__ = (UniqueConstraint("template_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("reply_templates.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[list] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    source: Mapped[str] = mapped_column(String(16), default=FROM_SLACK)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(String(64))  # who approved or rejected it
    decided_at: Mapped[datetime | None]
    # The proposal message in the approvers' channel, updated in place with the decision.
    proposal_channel: Mapped[str | None] = mapped_column(String(32))
    proposal_ts: Mapped[str | None] = mapped_column(String(32))

    @property
    def public(self) -> bool:
        return PUBLIC_TAG in (self.tags or [])


class Statement(Base):
    """An ad-hoc public statement for one incident (`/crisis statement`): a template `statement-<id>` approved like
    any other, with the incident whose channel shows it once approved and the channels it is meant for."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    template_id: Mapped[int | None] = mapped_column(ForeignKey("reply_templates.id"), unique=True)
    channels: Mapped[list] = mapped_column(default=list)  # where it is meant to be posted: twitter, facebook...
    proposed_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
