"""Seeded synthetic mention streams: a brand's ordinary day and night, and the crises injected into it."""
from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from escalation.signals.detection import MentionPoint, Trigger, evaluate, history_needed
from escalation.signals.rules import Topic

START = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # a Monday, midnight
SHARES = (("negative", 0.15), ("neutral", 0.55), ("positive", 0.30))  # of the scored (English) mentions


def daily_cycle(at: datetime) -> float:
    """1.0 on average over a day: 0.2 at 03:00, 1.8 at 15:00 (a brand's audience sleeps at night)."""
    hour = at.hour + at.minute / 60
    return 1 + 0.8 * math.sin(2 * math.pi * (hour - 9) / 24)


def stream(rng: random.Random, per_day: float, start: datetime, hours: float,
           shape: Callable[[datetime], float] = daily_cycle, **kinds) -> list[MentionPoint]:
    """A non-homogeneous Poisson stream (thinning); every hour's rate also jitters ±20% around the cycle."""
    peak = per_day / 24 * 2.0 * 1.2 * max(shape(start + timedelta(hours=h)) for h in range(int(hours) + 1))
    jitter: dict[int, float] = {}
    mentions, at, end = [], start, start + timedelta(hours=hours)
    while True:
        at += timedelta(hours=rng.expovariate(peak))
        if at >= end:
            return mentions
        hour = int((at - start).total_seconds() // 3600)
        jitter.setdefault(hour, rng.uniform(0.8, 1.2))
        if rng.random() < per_day / 24 * shape(at) * jitter[hour] / peak:
            mentions.append(mention(rng, at, **kinds))


def mention(rng: random.Random, at: datetime, label: str | None = None, followers: int | None = None,
            keywords: tuple[str, ...] | None = None, scored_share: float = 0.6,
            keyword_rate: float = 0.005) -> MentionPoint:
    """One mention: 60% English (scored by TextBlob), the rest in other languages (unscored)."""
    if label is None:
        label = rng.choices([name for name, _ in SHARES], [share for _, share in SHARES])[0] \
            if rng.random() < scored_share else "unscored"
    polarity = {"negative": rng.uniform(-0.8, -0.15), "neutral": rng.uniform(-0.08, 0.08),
                "positive": rng.uniform(0.15, 0.8), "unscored": None}[label]
    if followers is None:
        followers = min(int(rng.lognormvariate(6, 1.6)), 50_000)  # the loud accounts are injected, not random
    if keywords is None:
        keywords = ("boycott",) if rng.random() < keyword_rate else ()
    number = rng.randrange(10**12)
    return MentionPoint(at=at, label=label, polarity=polarity, followers=followers, keywords=keywords,
                        id=f"m{number}", url=f"https://social.example/p/{number}", author=f"@user{number % 9973}",
                        text="synthetic")


def burst(rng: random.Random, start: datetime, count: int, over: timedelta, **kinds) -> list[MentionPoint]:
    """`count` mentions spread evenly over `over` from `start`."""
    return [mention(rng, start + over * (k / count), **kinds) for k in range(count)]


def ticks(start: datetime, end: datetime, every: timedelta = timedelta(minutes=5)):
    at = start
    while at <= end:
        yield at
        at += every


def watch(topic: Topic, mentions: list[MentionPoint], start: datetime, end: datetime,
          every: timedelta = timedelta(minutes=5)) -> list[Trigger]:
    """What the worker would raise, evaluating at every tick from `start` to `end` with the mentions
    published by then, and remembering when each rule last fired (for the cooldowns)."""
    mentions = sorted(mentions, key=lambda point: point.at)
    times = [point.at for point in mentions]
    history = history_needed(topic)
    last_fired: dict[str, datetime] = {}
    raised = []
    for now in ticks(start, end, every):
        seen = mentions[bisect_right(times, now - history):bisect_right(times, now)]
        for trigger in evaluate(topic, seen, now, last_fired):
            last_fired[trigger.rule] = now
            raised.append(trigger)
    return raised
