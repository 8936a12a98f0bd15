"""Storing classified mentions once per source id, and reading a topic's mentions back for detection."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Text, select, type_coerce, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from escalation.signals.classify import Classified
from escalation.signals.detection import MentionPoint
from escalation.signals.models import Mention, MentionTopic, SignalTopicState

CHUNK = 500  # ids per IN (...) list: well under every backend's parameter limit


@dataclass(frozen=True)
class Stored:
    stored: int
    duplicates: int
    topics: dict[str, datetime | None]  # topics that got new mentions -> when each was last evaluated


def store(session: Session, items: list[Classified], now: datetime) -> Stored:
    """Insert the mentions not stored before (by source and id) and flag their topics for evaluation."""
    first: dict[tuple[str, str], Classified] = {}
    for item in items:
        first.setdefault((item.source, item.mention.id), item)
    existing = _existing(session, list(first))
    fresh = [item for key, item in first.items() if key not in existing]
    try:
        with session.begin_nested():
            rows = _insert(session, fresh, now)
    except IntegrityError:  # a concurrent post stored some of the same ids first: go one by one
        rows = []
        for item in fresh:
            try:
                with session.begin_nested():
                    rows += _insert(session, [item], now)
            except IntegrityError:
                continue
    topics = tuple(dict.fromkeys(topic for row in rows for topic in row.topics))
    return Stored(len(rows), len(items) - len(rows), mark_pending(session, topics, now))


def _existing(session: Session, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for source in {s for s, _ in keys}:
        ids = [i for s, i in keys if s == source]
        for start in range(0, len(ids), CHUNK):
            query = select(Mention.external_id).where(Mention.source == source,
                                                      Mention.external_id.in_(ids[start:start + CHUNK]))
            found.update((source, i) for i in session.scalars(query))
    return found


def _insert(session: Session, items: list[Classified], now: datetime) -> list[Mention]:
    rows = [_row(item, now) for item in items]
    session.add_all(rows)
    session.flush()
    session.add_all(MentionTopic(mention_id=row.id, topic=topic, published_at=row.published_at)
                    for row in rows for topic in row.topics)
    session.flush()
    return rows


def _row(item: Classified, now: datetime) -> Mention:
    m, s = item.mention, item.score
    return Mention(source=item.source, external_id=m.id, text=m.text, url=m.url, author=m.author,
                   followers=m.followers, platform=m.platform, language=m.language, published_at=m.published_at,
                   received_at=now, label=s.label, polarity=s.polarity, scored_by=s.by,
                   keywords=list(item.keywords), topics=list(item.topics), tags=list(m.tags), raw=m.raw)


def mark_pending(session: Session, topics: tuple[str, ...], now: datetime) -> dict[str, datetime | None]:
    """New mentions arrived: the worker evaluates these topics even if one was evaluated a moment ago.
    Returns when each was last evaluated (None: never)."""
    if not topics:
        return {}
    session.execute(update(SignalTopicState).where(SignalTopicState.topic.in_(topics))
                    .values(pending=True, updated_at=now))
    known = dict(session.execute(select(SignalTopicState.topic, SignalTopicState.evaluated_at)
                                 .where(SignalTopicState.topic.in_(topics))).all())
    for topic in topics:
        if topic not in known:
            try:
                with session.begin_nested():
                    session.add(SignalTopicState(topic=topic, pending=True, updated_at=now))
            except IntegrityError:  # another post created it meanwhile; it is pending either way
                pass
    return {topic: known.get(topic) for topic in topics}


def points(session: Session, topic: str, since: datetime, until: datetime) -> list[MentionPoint]:
    """The topic's mentions published in [since, until], oldest first, as detection sees them."""
    # Keywords come back as their JSON text on SQLite (psycopg decodes JSON itself): most mentions have none,
    # and decoding `[]` thousands of times per evaluation was a third of its cost.
    query = (select(Mention.published_at, Mention.label, Mention.polarity, Mention.followers,
                    type_coerce(Mention.keywords, Text),
                    Mention.external_id, Mention.url, Mention.author, Mention.text)
             .join(MentionTopic, MentionTopic.mention_id == Mention.id)
             .where(MentionTopic.topic == topic, MentionTopic.published_at >= since,
                    MentionTopic.published_at <= until)
             .order_by(MentionTopic.published_at, Mention.id))
    return [MentionPoint(at=at, label=label, polarity=polarity, followers=followers,
                         keywords=_keywords(keywords),
                         id=external_id, url=url, author=author, text=text)
            for at, label, polarity, followers, keywords, external_id, url, author, text in session.execute(query)]


def _keywords(stored: str | list | None) -> tuple[str, ...]:
    if isinstance(stored, str):
        return tuple(json.loads(stored)) if stored != "[]" else ()
    return tuple(stored or ())
