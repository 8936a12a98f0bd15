"""Playbooks: the checklist of steps for a crisis type, posted when an incident gets that type, ticked in Slack."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import outbox, timeline
from escalation.incidents import Incident, Outcome
from escalation.room.models import PlaybookStep


@dataclass(frozen=True)
class Step:
    """A step as the config writes it: its wording per language, who does it, the template it uses."""

    texts: tuple[tuple[str, str], ...]  # (language, text), in the config's order
    role: str | None = None
    template: str | None = None


@dataclass(frozen=True)
class StepCard:
    """A step of an incident's checklist, for the edge to render."""

    id: int
    position: int
    text: str
    role: str | None
    template: str | None
    done_by: str | None
    done_at: datetime | None


@dataclass(frozen=True)
class Checklist:
    incident_id: int
    crisis_type: str
    steps: tuple[StepCard, ...]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.done_by)


def wording(texts: dict, language: str) -> str:
    """The step in `language`, else in the first language it was written in."""
    return texts.get(language) or next(iter(texts.values()), "")


def start(session: Session, incident: Incident, crisis_type: str, steps: Sequence[Step], now: datetime, *,
          post: bool = True) -> bool:
    """Copy the type's steps onto the incident (once per type: setting it again keeps the ticks) and queue the
    checklist's post; False when there is no playbook for the type."""
    if not steps:
        return False
    known = session.scalar(select(PlaybookStep.id).where(PlaybookStep.incident_id == incident.id,
                                                         PlaybookStep.crisis_type == crisis_type).limit(1))
    if known is None:
        session.add_all(PlaybookStep(incident_id=incident.id, crisis_type=crisis_type, position=n, texts=dict(s.texts),
                                     role=s.role, template=s.template) for n, s in enumerate(steps, 1))
    if post:
        outbox.enqueue(session, now, kind="post_playbook", lane=outbox.incident_lane(incident.id),
                       incident_id=incident.id, payload={"crisis_type": crisis_type})
    return True


def rows(session: Session, incident_id: int, crisis_type: str | None) -> list[PlaybookStep]:
    if crisis_type is None:
        return []
    query = select(PlaybookStep).where(PlaybookStep.incident_id == incident_id, PlaybookStep.crisis_type == crisis_type)
    return list(session.scalars(query.order_by(PlaybookStep.position)))


def checklist(session: Session, incident_id: int, crisis_type: str, language: str) -> Checklist:
    return Checklist(incident_id, crisis_type, tuple(
        StepCard(r.id, r.position, wording(r.texts, language), r.role, r.template, r.done_by, r.done_at)
        for r in rows(session, incident_id, crisis_type)))


def progress(session: Session, incident: Incident) -> tuple[int, int] | None:
    """(done, all) of the checklist of the incident's crisis type, or None when it has none."""
    found = rows(session, incident.id, incident.crisis_type)
    return (sum(1 for r in found if r.done_by), len(found)) if found else None


def open_steps(session: Session, incident_id: int, language: str = "en") -> list[str]:
    """The steps of the incident's current checklist nobody ticked, in order (for the review)."""
    incident = session.get(Incident, incident_id)
    found = rows(session, incident_id, incident.crisis_type if incident else None)
    return [f"{r.position}. {wording(r.texts, language)}" for r in found if not r.done_by]


def tick(session: Session, incident: Incident, step_id: int, done: bool, actor: str, now: datetime,
         language: str, shown: tuple[str, str] | None = None) -> Outcome:
    """Mark a step done (who, when) or open again; each change goes on the timeline, into the summary and into
    the checklist message it was ticked in (`shown`: channel, ts)."""
    step = session.get(PlaybookStep, step_id)
    if step is None or step.incident_id != incident.id:
        return Outcome(False, "This checklist is out of date: that step is not on the incident any more.")
    text = wording(step.texts, language)
    total = len(rows(session, incident.id, step.crisis_type))
    if bool(step.done_by) == done:
        state = f"done by <@{step.done_by}>" if step.done_by else "open"
        return Outcome(False, f"Step {step.position}/{total} of the {step.crisis_type} playbook is already {state}.")
    step.done_by, step.done_at = (actor, now) if done else (None, None)
    what = "done" if done else "reopened"
    timeline.record(session, incident.id, now, "playbook", f"Playbook {step.crisis_type} step {step.position}/{total} "
                    f"{what}: {text}", actor=actor, data={"step": step.position, "done": done,
                                                         "crisis_type": step.crisis_type})
    lane = outbox.incident_lane(incident.id)
    if shown is not None:
        outbox.enqueue(session, now, kind="update_playbook", lane=lane, incident_id=incident.id,
                       payload={"crisis_type": step.crisis_type, "channel": shown[0], "ts": shown[1]})
    outbox.enqueue(session, now, kind="update_summary", lane=lane, incident_id=incident.id)
    # The step's words stay out of the answer: they are the config's, escaped only where the checklist shows them.
    return Outcome(True, f"Step {step.position}/{total} of the {step.crisis_type} playbook {what}.")
