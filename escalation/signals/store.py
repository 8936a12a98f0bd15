"""Storing classified mentions once per source id, and reading a topic's mentions back for detection."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session

from escalation.rows import insert_rows
from escalation.signals.classify import Classified
from escalation.signals.detection import MentionPoint
from escalation.signals.drill import kept_under
from escalation.signals.models import Mention, MentionTopic, SignalTopicState
from escalation.sql import insert, table_of


@dataclass(frozen=True)
class Stored:
    stored: int
    duplicates: int
    topics: dict[str, datetime | None]  # topics that got new mentions -> when each was last evaluated
    new: tuple[bool, ...] = ()  # per item given: stored now (False: a duplicate)


def store(session: Session, items: list[Classified], now: datetime, drill: int | None = None) -> Stored:
    """Insert the mentions not stored before (by source and id) and flag their topics for evaluation: one insert
    that the unique index on (source, id) guards, whatever a concurrent post stored meanwhile. A drill's mentions
    (`drill`: its run) go under the drill's copies of their topics, and `Stored.topics` names those copies."""
    first: dict[tuple[str, str], Classified] = {}
    for item in items:
        first.setdefault((item.source, item.mention.id), item)
    inserted = {(source, external): number for number, source, external in insert_rows(
        session, table_of(Mention), [_row(item, now, drill) for item in first.values()],
        conflict=("source", "external_id"), returning=("id", "source", "external_id"))}
    insert_rows(session, table_of(MentionTopic),
                [{"mention_id": inserted[key], "topic": kept_under(topic, drill),
                  "published_at": item.mention.published_at}
                 for key, item in first.items() if key in inserted for topic in item.topics])
    topics = tuple(dict.fromkeys(kept_under(topic, drill) for key, item in first.items() if key in inserted
                                 for topic in item.topics))
    claimed: set[tuple[str, str]] = set()
    new = []
    for item in items:  # the first copy of a fresh mention is the one stored; later copies are duplicates
        key = (item.source, item.mention.id)
        new.append(key in inserted and key not in claimed)
        claimed.add(key)
    return Stored(len(inserted), len(items) - len(inserted), mark_pending(session, topics, now), tuple(new))


def _row(item: Classified, now: datetime, drill: int | None) -> dict:
    m, s = item.mention, item.score
    return {"source": item.source, "external_id": m.id, "text": m.text, "url": m.url, "author": m.author,
            "followers": m.followers, "platform": m.platform, "language": m.language,
            "published_at": m.published_at, "received_at": now, "label": s.label, "polarity": s.polarity,
            "scored_by": s.by, "keywords": list(item.keywords), "topics": list(item.topics), "tags": list(m.tags),
            "raw": m.raw, "drill_run_id": drill}


def mark_pending(session: Session, topics: tuple[str, ...], now: datetime) -> dict[str, datetime | None]:
    """New mentions arrived: the worker evaluates these topics even if one was evaluated a moment ago.
    Returns when each was last evaluated (None: never). One upsert, whatever a concurrent post created meanwhile."""
    if not topics:
        return {}
    table = table_of(SignalTopicState)
    rows = [{"topic": topic, "pending": True, "updated_at": now} for topic in sorted(topics)]  # one lock order
    statement = (insert(session, table).values(rows)
                 .on_conflict_do_update(index_elements=["topic"], set_={"pending": True, "updated_at": now})
                 .returning(table.c.topic, table.c.evaluated_at))
    known: dict[str, datetime | None] = {topic: at for topic, at in session.execute(statement)}
    return {topic: known.get(topic) for topic in topics}


def points(session: Session, topic: str, since: datetime, until: datetime,
           drill: int | None = None) -> list[MentionPoint]:
    """The topic's mentions published in [since, until], oldest first, as detection sees them: real mentions, or
    with `drill` (its run; `topic` then the drill's copy, `drill_key`) that drill's own."""
    # Keywords come back as their JSON text on SQLite (psycopg decodes JSON itself): most mentions have none,
    # and decoding `[]` thousands of times per evaluation was a third of its cost.
    query = (select(Mention.published_at, Mention.label, Mention.polarity, Mention.followers,
                    type_coerce(Mention.keywords, Text),
                    Mention.external_id, Mention.url, Mention.author, Mention.text, Mention.scored_by)
             .join(MentionTopic, MentionTopic.mention_id == Mention.id)
             .where(MentionTopic.topic == topic, MentionTopic.published_at >= since,
                    MentionTopic.published_at <= until,
                    Mention.drill_run_id.is_(None) if drill is None else Mention.drill_run_id == drill)
             .order_by(MentionTopic.published_at, Mention.id))
    return [MentionPoint(at=at, label=label, polarity=polarity, followers=followers,
                         keywords=_keywords(keywords),
                         id=external_id, url=url, author=author, text=text, scored_by=scored_by)
            for at, label, polarity, followers, keywords, external_id, url, author, text, scored_by
            in session.execute(query)]


def _keywords(stored: str | list | None) -> tuple[str, ...]:
    if isinstance(stored, str):
        return tuple(json.loads(stored)) if stored != "[]" else ()
    return tuple(stored or ())
