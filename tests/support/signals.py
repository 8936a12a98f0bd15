"""The signals section the mention tests run with, mention payloads, and reading stored mentions back."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.signals.models import Mention, SignalTrigger

SIGNALS = """
signals:
  crisis_keywords: {en: [boycott, scam], pl: [bojkot, oszustwo]}
  sources:
    listenly:
      when: {action: mention_created}
      fields: {id: data.id, text: data.content, url: data.link, author: data.author.handle,
               author_followers: data.author.followers, platform: data.network, language: data.lang,
               published_at: data.created_at, sentiment: data.sentiment}
  topics:
    acme:
      keywords: [Acme, "@acme"]
      policy: infra
      triage: off  # these stories are about detection; tests/signals/test_triage.py triages
      rules:
        spike: {window: 15m, baseline: 24h, min_volume: 20, threshold: 4, severity: 2, cooldown: 2h}
        high_reach: off
        keyword: {count: 5, window: 1h}
        sentiment_drop: off
"""


def ours(id: str, text: str, at: datetime, **fields) -> dict:
    """A mention in our own schema."""
    return {"id": id, "text": text, "published_at": at.isoformat(), **fields}


def listenly(id: str, text: str, at: datetime, *, followers: int = 120, sentiment=None, lang: str = "en",
             handle: str | None = None) -> dict:
    """A mention the way the listenly tool posts it: {"action": "mention_created", "data": {...}}."""
    data = {"id": id, "content": text, "link": f"https://social.example/p/{id}", "network": "X", "lang": lang,
            "created_at": at.isoformat(), "author": {"handle": handle or f"@user{id}", "followers": followers}}
    if sentiment is not None:
        data["sentiment"] = sentiment
    return {"action": "mention_created", "data": data}


def quiet_hour(end: datetime, hour: int, per_hour: int = 8) -> list[dict]:
    """An ordinary hour of mentions ending at `end`: evenly spread, one in four negative (source labels)."""
    labels = ("negative", "neutral", "positive", "neutral")
    step = timedelta(hours=1) / per_hour
    return [listenly(f"q{hour}-{n}", f"Acme order update {n}", end - step * (per_hour - n) + step / 2,
                     sentiment=labels[n % 4]) for n in range(per_hour)]


def stored_mentions(engine) -> list[tuple]:
    """(source, id, label, polarity, scored_by, keywords, topics) of every stored mention."""
    with Session(engine) as session:
        rows = session.scalars(select(Mention).order_by(Mention.id))
        return [(m.source, m.external_id, m.label, m.polarity, m.scored_by, m.keywords, m.topics) for m in rows]


def triggers(engine) -> list[tuple[str, str, int | None]]:
    """(topic, rule, incident) of every trigger fired."""
    with Session(engine) as session:
        rows = session.scalars(select(SignalTrigger).order_by(SignalTrigger.id))
        return [(t.topic, t.rule, t.incident_id) for t in rows]
