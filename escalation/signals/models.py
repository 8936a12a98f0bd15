"""Tables for social mentions and signal triggers (issue: social signals)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from escalation.base import Base


class Mention(Base):
    """One social mention as it arrived, with its score, crisis keywords and topics decided on ingest."""

    __tablename__ = "mentions"
    # A tool that re-sends a mention (a retry, an edit) must not count it twice.
    __table_args__ = (UniqueConstraint("source", "external_id", name="uq_mentions_source_external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2000))
    author: Mapped[str | None] = mapped_column(String(255))
    followers: Mapped[int] = mapped_column(default=0)
    platform: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(35))
    published_at: Mapped[datetime]
    received_at: Mapped[datetime]
    label: Mapped[str] = mapped_column(String(16))  # negative | neutral | positive | unscored
    polarity: Mapped[float | None] = mapped_column(Float)
    scored_by: Mapped[str] = mapped_column(String(16))  # source | textblob | polish | hebrew | none
    keywords: Mapped[list] = mapped_column(default=list)
    topics: Mapped[list] = mapped_column(default=list)
    tags: Mapped[list] = mapped_column(default=list)
    raw: Mapped[dict] = mapped_column(default=dict)
    # A drill's mention (escalation/signals/drill.py): read by that drill's copy of its topic only, never by the
    # real topic, its pulse, chart or review.
    drill_run_id: Mapped[int | None] = mapped_column(ForeignKey("drill_runs.id"), index=True)


class MentionTopic(Base):
    """A mention's membership of one topic; detection reads a topic's mentions in a time range from here."""

    __tablename__ = "mention_topics"
    __table_args__ = (Index("ix_mention_topics_topic_published", "topic", "published_at"),)

    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(100), primary_key=True)
    published_at: Mapped[datetime]  # copied from the mention so the range scan needs no join to filter


class SignalTrigger(Base):
    """A rule that fired: kept for cooldowns across restarts, the recovery clock and the review."""

    __tablename__ = "signal_triggers"
    __table_args__ = (Index("ix_signal_triggers_topic_rule_at", "topic", "rule", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(100))
    rule: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    severity: Mapped[int]
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)
    observed: Mapped[dict] = mapped_column(default=dict)
    baseline: Mapped[dict] = mapped_column(default=dict)
    evidence: Mapped[list] = mapped_column(default=list)  # the top mentions by reach, as shown in the channel


class SignalTopicState(Base):
    """Where watching one topic stands: when it was last evaluated, and the trigger waiting for recovery."""

    __tablename__ = "signal_topics"

    topic: Mapped[str] = mapped_column(String(100), primary_key=True)
    evaluated_at: Mapped[datetime | None]
    pending: Mapped[bool] = mapped_column(default=False)  # new mentions arrived since the last evaluation
    trigger_id: Mapped[int | None] = mapped_column(ForeignKey("signal_triggers.id"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    updated_at: Mapped[datetime]
