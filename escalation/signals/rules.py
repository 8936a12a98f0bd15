"""The thresholds that make a change in the conversation a potential crisis, with their defaults.

The defaults suit a brand with a few hundred mentions a day (about 3 in an average 15 minutes, 6 at the
afternoon peak, under 1 at night). Severity is the incident's: 1 is the most severe, 4 the least.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class SpikeRule:
    """Mentions in the last `window` far above the usual count for a window of that length."""

    window: timedelta = timedelta(minutes=15)
    baseline: timedelta = timedelta(hours=24)  # the usual count: median of the windows in this span
    min_volume: int = 20     # never fewer mentions than this: three posts at night page nobody
    threshold: float = 4.0   # robust z-score: (count - median) / spread of the baseline windows
    min_ratio: float = 3.0   # and at least this many times the median (a quiet topic has a tiny spread)
    severity: int = 2
    cooldown: timedelta = timedelta(hours=2)


@dataclass(frozen=True)
class NegativeShareRule:
    """The share of negative mentions (of those with a sentiment) jumps above its baseline."""

    window: timedelta = timedelta(hours=1)
    baseline: timedelta = timedelta(hours=24)
    min_scored: int = 10     # mentions with a sentiment needed in the window to judge a share at all
    jump: float = 0.20       # at least 20 share points up: 15% negative usually, 35% now
    # ... and that many negatives would be rarer than a `threshold`-sigma event at the usual share (exact
    # binomial): 6 negatives of 10 is luck at 15% usual, 7 of 10 is not. 3.5 rather than 3 because the rule
    # looks every few minutes at overlapping windows, and each look is a chance for a false alarm.
    threshold: float = 3.5
    severity: int = 2
    cooldown: timedelta = timedelta(hours=2)


@dataclass(frozen=True)
class SentimentDropRule:
    """The mean polarity (-1..1) of the window falls below the baseline's mean."""

    window: timedelta = timedelta(hours=1)
    baseline: timedelta = timedelta(hours=24)
    min_scored: int = 15     # mentions with a polarity number needed in the window
    drop: float = 0.35       # at least this much lower: from +0.10 usually to -0.25 now
    # ... and the drop is this many standard errors. 4, not 3: polarities are lumpy (many exact zeros, a
    # few strong words), so a mean of 15 is not quite normal; with 3 or 3.5, or a drop of 0.3, a steady
    # 300-a-day stream evaluated every minute paged about once a month.
    threshold: float = 4.0
    severity: int = 3
    cooldown: timedelta = timedelta(hours=2)


@dataclass(frozen=True)
class HighReachRule:
    """One negative mention from an author with at least `min_followers` followers."""

    min_followers: int = 100_000
    severity: int = 2
    cooldown: timedelta = timedelta(hours=1)  # also how far back a mention counts when the rule has not fired


@dataclass(frozen=True)
class KeywordRule:
    """At least `count` mentions with a crisis keyword (boycott, scam, bojkot...) in the last `window`."""

    count: int = 5
    window: timedelta = timedelta(hours=1)
    severity: int = 3
    cooldown: timedelta = timedelta(hours=2)


@dataclass(frozen=True)
class TopicRules:
    """The rules of one topic; None switches a rule off. All five are on by default."""

    spike: SpikeRule | None = field(default_factory=SpikeRule)
    negative_share: NegativeShareRule | None = field(default_factory=NegativeShareRule)
    sentiment_drop: SentimentDropRule | None = field(default_factory=SentimentDropRule)
    high_reach: HighReachRule | None = field(default_factory=HighReachRule)
    keyword: KeywordRule | None = field(default_factory=KeywordRule)


@dataclass(frozen=True)
class Topic:
    """A brand or product watched for crises: which mentions belong to it, and its rules."""

    name: str
    keywords: tuple[str, ...] = ()   # a mention belongs to the topic when its text matches one (keyword rules)
    tags: tuple[str, ...] = ()       # ... or when it carries one of these source tags
    sources: tuple[str, ...] = ()    # ... or when it came from one of these sources (empty: none by source)
    rules: TopicRules = field(default_factory=TopicRules)
    policy: str | None = None        # escalation policy for its incidents (None: the routes/default apply)
    # A person triages its incidents first (escalation/incidents/triage.py): only the policy's first level is paged,
    # to decide crisis, customer service or watch. Off: paged as a crisis at once.
    triage: bool = True
    customer_service_channel: str | None = None  # where "Customer service" hands it; None: signals' own
