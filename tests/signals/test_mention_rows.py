"""Mentions stored set-based read back as they were given, on SQLite and on PostgreSQL (its `unnest` insert)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.signals.classify import Classified
from escalation.signals.mentions import MentionIn
from escalation.signals.models import Mention, MentionTopic
from escalation.signals.scoring import Score
from escalation.signals.store import store

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
WARSAW = timezone(timedelta(hours=1))


def classified(n: int, **fields) -> Classified:
    mention = MentionIn(**{"id": f"m{n}", "text": f"Acme post {n}", "published_at": NOW - timedelta(minutes=n),
                           **fields})
    return Classified("listenly", mention, Score("unscored", None, "none"), (), ("acme",))


def test_every_field_reads_back_as_given_and_a_repeat_is_not_stored_again(engine):
    full = classified(1, url="https://social.example/p/1", author="@żaneta", followers=2_000_000_000,
                      platform="x", language="pl", tags=("vip", "press"), published_at=datetime(
                          2026, 11, 24, 9, 30, tzinfo=WARSAW), raw={"id": "m1", "nested": {"emoji": "🔥", "n": [1]}})
    scored = Classified("listenly", classified(2).mention, Score("negative", -0.8, "textblob"), ("scam",),
                        ("acme", "widget"))
    with Session(engine) as session, session.begin():
        first = store(session, [full, scored, full], NOW)
    with Session(engine) as session, session.begin():
        again = store(session, [classified(3), scored], NOW)

    assert (first.stored, first.duplicates, first.new) == (2, 1, (True, True, False))
    assert (again.stored, again.duplicates, again.new) == (1, 1, (True, False))
    with Session(engine) as session:
        rows = {m.external_id: m for m in session.scalars(select(Mention))}
        links = sorted(tuple(row) for row in session.execute(
            select(Mention.external_id, MentionTopic.topic, MentionTopic.published_at)
            .join(MentionTopic, MentionTopic.mention_id == Mention.id)))
    m1, m2 = rows["m1"], rows["m2"]
    assert (m1.url, m1.author, m1.followers, m1.platform, m1.language, m1.tags, m1.raw) == (
        "https://social.example/p/1", "@żaneta", 2_000_000_000, "x", "pl", ["vip", "press"],
        {"id": "m1", "nested": {"emoji": "🔥", "n": [1]}})
    assert (m1.published_at, m1.received_at, m1.label, m1.polarity, m1.scored_by, m1.keywords) == (
        datetime(2026, 11, 24, 8, 30, tzinfo=UTC), NOW, "unscored", None, "none", [])
    assert (m2.url, m2.label, m2.polarity, m2.scored_by, m2.keywords, m2.topics, m2.drill_run_id) == (
        None, "negative", -0.8, "textblob", ["scam"], ["acme", "widget"], None)
    assert links == [("m1", "acme", datetime(2026, 11, 24, 8, 30, tzinfo=UTC)),
                     ("m2", "acme", NOW - timedelta(minutes=2)), ("m2", "widget", NOW - timedelta(minutes=2)),
                     ("m3", "acme", NOW - timedelta(minutes=3))]
