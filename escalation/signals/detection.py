"""Detection entry points: which rules fire for a topic at `now`, its current numbers, and recovery.

Everything comes from the arguments (`now` included): the worker loads a topic's mentions and the times its
rules last fired, and stores what comes back.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from escalation.signals import baseline as usual
from escalation.signals import checks
from escalation.signals.points import MentionPoint, Stream, Trigger
from escalation.signals.rules import NegativeShareRule, Topic

__all__ = ["MentionPoint", "Pulse", "Trigger", "evaluate", "history_needed", "pulse", "recovered"]

CHECKS = (("spike", checks.spike), ("negative_share", checks.negative_share),
          ("sentiment_drop", checks.sentiment_drop), ("high_reach", checks.high_reach), ("keyword", checks.keyword))
MIN_BUCKET_SCORED = 3  # a chart point of "100% negative" from one mention is noise, not news


def evaluate(topic: Topic, mentions: Sequence[MentionPoint], now: datetime,
             last_fired: Mapping[str, datetime]) -> list[Trigger]:
    """The rules of `topic` that fire at `now`; a rule that fired at last_fired[rule] is silent for its cooldown."""
    stream = Stream(mentions)
    triggers = []
    for name, check in CHECKS:
        rule = getattr(topic.rules, name)
        fired = last_fired.get(name)
        if rule is None or (fired is not None and now < fired + rule.cooldown):
            continue
        trigger = check(topic.name, rule, stream, now, fired)
        if trigger is not None:
            triggers.append(trigger)
    return triggers


def history_needed(topic: Topic, chart_hours: int = 24) -> timedelta:
    """How far back before `now` the mentions passed to evaluate/pulse/recovered must reach."""
    rules = [rule for rule in vars(topic.rules).values() if rule is not None] + [_share_rule(topic)]
    spans = [getattr(rule, "baseline", timedelta(0)) + getattr(rule, "window", timedelta(0)) for rule in rules]
    spans += [getattr(rule, "cooldown", timedelta(0)) for rule in rules]
    return max(spans + [timedelta(hours=chart_hours)])


@dataclass(frozen=True)
class Pulse:
    """The numbers for /crisis pulse and the chart. The window is the negative-share rule's (1 h by default)."""

    now: datetime
    window: timedelta
    mentions: int
    baseline_mentions: float             # median count of a window of that length over the baseline span
    negative_share: float | None         # None: too few scored mentions in the window to say
    baseline_negative_share: float | None
    band: tuple[float, float] | None     # the normal range of the negative share (see baseline.band)
    mean_polarity: float | None
    unscored: int
    series: list[tuple[datetime, int, float | None]]   # (bucket start, volume, negative share), oldest first
    scored_by: dict[str, int] = field(default_factory=dict)  # scorer -> mentions of the window it scored


def pulse(topic: Topic, mentions: Sequence[MentionPoint], now: datetime, hours: int = 24) -> Pulse:
    """The topic's current numbers against its baseline, and `hours` of window-sized buckets for the chart."""
    rule, stream = _share_rule(topic), Stream(mentions)
    share = usual.share_in(stream, now - rule.window, now)
    before = usual.share_in(stream, now - rule.window - rule.baseline, now - rule.window)
    usual_share = before.value if before.scored >= rule.min_scored else None
    mean = usual.polarity_in(stream, now - rule.window, now)
    buckets = max(1, timedelta(hours=hours) // rule.window)
    series = []
    for k in range(buckets, 0, -1):
        start = now - rule.window * k
        bucket = usual.share_in(stream, start, start + rule.window)
        series.append((start, stream.count(start, start + rule.window),
                       bucket.value if bucket.scored >= MIN_BUCKET_SCORED else None))
    return Pulse(
        now=now, window=rule.window, mentions=stream.count(now - rule.window, now),
        baseline_mentions=usual.usual_counts(stream.window_counts(now - rule.window, rule.window,
                                                                   rule.baseline)).median,
        negative_share=share.value if share.scored >= MIN_BUCKET_SCORED else None,
        baseline_negative_share=usual_share,
        band=None if usual_share is None else usual.band(usual_share, rule.jump),
        mean_polarity=None if mean is None else mean.mean,
        unscored=stream.count(now - rule.window, now) - share.scored, series=series,
        scored_by=scorers(stream.between(now - rule.window, now)))


def scorers(mentions: Sequence[MentionPoint]) -> dict[str, int]:
    """How many of the mentions each scorer scored, most first (the source's own sentiment counts as one)."""
    counts = Counter(mention.scored_by for mention in mentions if mention.scored)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def recovered(topic: Topic, mentions: Sequence[MentionPoint], now: datetime, *,
              since: datetime | None = None) -> bool:
    """Whether the negative share is back within its normal band.

    `since` is when the crisis was detected (the first trigger): the band then comes from the baseline
    before it, so hours of crisis do not raise "normal" until anything passes. Without it the baseline is
    the span before the current window. The current share is that of the window, or of the last
    `min_scored` scored mentions when the window has fewer (a quiet night must not "recover" on two
    posts); not enough of them since the trigger, or no baseline at all, is not recovered.
    """
    rule, stream = _share_rule(topic), Stream(mentions)
    anchor = now if since is None else since
    before = usual.share_in(stream, anchor - rule.window - rule.baseline, anchor - rule.window)
    if before.scored < rule.min_scored:
        return False
    scored = [mention for mention in stream.between(since or now - rule.baseline, now) if mention.scored]
    recent = [mention for mention in scored if mention.at > now - rule.window]
    sample = recent if len(recent) >= rule.min_scored else scored[-rule.min_scored:]
    if len(sample) < rule.min_scored:
        return False
    return usual.negative_share(sample).value <= usual.band(before.value, rule.jump)[1]


def _share_rule(topic: Topic) -> NegativeShareRule:
    """The negative-share settings, also when the rule is off: pulse and recovery still need a window and band."""
    return topic.rules.negative_share or NegativeShareRule()
