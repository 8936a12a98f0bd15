"""The post-incident review's facts and numbers, computed from plain values (no Slack, no clock)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import timeline
from escalation.incidents import Incident
from escalation.paging import Page

FALLBACK, REESCALATED, RESTARTED = "fallback", "reescalated", "restarted"  # what starts a new round of paging
ROUND_STARTS = {"fallback": FALLBACK, "reescalated": REESCALATED, "note": RESTARTED}  # timeline kind -> which


@dataclass(frozen=True)
class Event:
    at: datetime
    actor: str
    kind: str
    text: str
    data: dict


@dataclass(frozen=True)
class PageSent:
    at: datetime
    round: int
    loop: int
    level: int  # from 0, as stored
    seq: int  # 0 is the page, 1.. the reminders
    person: str  # a readable name


@dataclass(frozen=True)
class PagedLevel:
    at: datetime
    level: int | None  # from 1, as people count; None: paged on request (`/crisis page`), not by a level
    loop: int
    round: int
    people: tuple[str, ...]
    reminders: int
    # What started its round (None for the first): (FALLBACK, REESCALATED or RESTARTED, the how-manieth of those).
    started: tuple[str, int] | None = None


@dataclass(frozen=True)
class TemplateUse:
    at: datetime
    actor: str
    key: str
    version: int | None
    language: str | None
    public: bool


@dataclass(frozen=True)
class Review:
    to_acknowledge: timedelta | None
    to_first_public_reply: timedelta | None
    to_resolve: timedelta | None
    back_to_baseline: timedelta | None
    paged: tuple[PagedLevel, ...]
    skipped: tuple[Event, ...]
    templates: tuple[TemplateUse, ...]
    follow_ups: tuple[Event, ...]


def since(opened_at: datetime, then: datetime | None) -> timedelta | None:
    return then - opened_at if then is not None else None


def round_starts(events: list[Event]) -> dict[int, tuple[str, int]]:
    """Round -> what started it, from the timeline events that start a round and name it: a fallback to another
    policy, a re-escalation of a silent acknowledgement, or a policy restarted because it lost levels."""
    starts: dict[int, tuple[str, int]] = {}
    counts: Counter[str] = Counter()
    for e in events:
        number = e.data.get("round")
        if e.kind in ROUND_STARTS and isinstance(number, int) and number not in starts:
            counts[ROUND_STARTS[e.kind]] += 1
            starts[number] = (ROUND_STARTS[e.kind], counts[ROUND_STARTS[e.kind]])
    return starts


def paged_levels(pages: list[PageSent], starts: dict[int, tuple[str, int]] | None = None) -> tuple[PagedLevel, ...]:
    """One entry per level paged (per repeat and per re-escalation) and per page on request, in order."""
    steps: dict[tuple, dict] = {}
    for page in sorted(pages, key=lambda p: (p.at, p.round, p.loop, p.level, p.seq)):
        # Pages on request carry a negative level; each request (one instant) is its own entry.
        key = ("request", page.at) if page.level < 0 else (page.round, page.loop, page.level)
        step = steps.setdefault(key, {"page": page, "people": [], "reminders": 0})
        if (page.seq == 0 or page.level < 0) and page.person not in step["people"]:
            step["people"].append(page.person)
        if page.level >= 0:
            step["reminders"] = max(step["reminders"], page.seq)
    return tuple(PagedLevel(at=s["page"].at, level=s["page"].level + 1 if s["page"].level >= 0 else None,
                            loop=s["page"].loop, round=s["page"].round, people=tuple(s["people"]),
                            reminders=s["reminders"], started=(starts or {}).get(s["page"].round))
                 for s in steps.values())


def build(opened_at: datetime, acknowledged_at: datetime | None, first_public_reply_at: datetime | None,
          resolved_at: datetime | None, events: list[Event], pages: list[PageSent]) -> Review:
    """Every number and list of the review; durations count from the incident's opening."""
    recovered = next((e for e in events if e.kind == "recovered" and isinstance(e.data.get("seconds"), int)), None)
    templates = tuple(
        TemplateUse(at=e.at, actor=e.actor, key=str(e.data.get("key", "?")), version=e.data.get("version"),
                    language=e.data.get("language"), public=bool(e.data.get("public")))
        for e in events if e.kind == "template_used")
    return Review(
        to_acknowledge=since(opened_at, acknowledged_at),
        to_first_public_reply=since(opened_at, first_public_reply_at),
        to_resolve=since(opened_at, resolved_at),
        back_to_baseline=timedelta(seconds=recovered.data["seconds"]) if recovered else None,
        paged=paged_levels(pages, round_starts(events)),
        skipped=tuple(e for e in events if e.kind == "skip"),
        templates=templates,
        follow_ups=tuple(e for e in events if e.kind == "log" and e.data.get("follow_up") is True),
    )


def load(session: Session, incident: Incident, name_for: Callable[[str], str]) -> tuple[Review, list[Event]]:
    """The review of one incident and its whole timeline, read in the caller's transaction."""
    events = [Event(at=e.at, actor=e.actor, kind=e.kind, text=e.text, data=dict(e.data or {}))
              for e in timeline.events(session, incident.id)]
    rows = session.scalars(select(Page).where(Page.incident_id == incident.id).order_by(Page.id))
    pages = [PageSent(at=p.created_at, round=p.round, loop=p.loop, level=p.level, seq=p.seq,
                      person=name_for(p.person_key)) for p in rows]
    review = build(incident.created_at, incident.acknowledged_at, incident.first_public_reply_at,
                   incident.resolved_at, events, pages)
    return review, events
