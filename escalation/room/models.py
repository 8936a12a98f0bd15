"""The playbook steps of an incident: the checklist of its crisis type, copied when the type is set."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from escalation.base import Base


class PlaybookStep(Base):
    """One step of the checklist an incident got for a crisis type; done while `done_by` is set.

    The wording is copied from the config when the checklist is posted, so a later config change does not
    renumber or reword the steps people already ticked, and the review reads them without the config."""

    __tablename__ = "playbook_steps"
    __table_args__ = (UniqueConstraint("incident_id", "crisis_type", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    crisis_type: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]  # 1, 2, ... in the order of the config
    texts: Mapped[dict] = mapped_column(default=dict)  # language -> the step in that language
    role: Mapped[str | None] = mapped_column(String(16))  # commander, comms or approver
    template: Mapped[str | None] = mapped_column(String(64))  # the reply template the step uses
    done_by: Mapped[str | None] = mapped_column(String(64))
    done_at: Mapped[datetime | None]
