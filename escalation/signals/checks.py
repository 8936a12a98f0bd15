"""The five rules, each a pure check of one topic's stream at `now`: a Trigger or None."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from escalation.signals import baseline as usual
from escalation.signals.points import Stream, Trigger, top_by_reach
from escalation.signals.rules import HighReachRule, KeywordRule, NegativeShareRule, SentimentDropRule, SpikeRule
from escalation.signals.wording import number, percent, plural, signed, span


def spike(topic: str, rule: SpikeRule, stream: Stream, now: datetime, fired: datetime | None) -> Trigger | None:
    current = stream.between(now - rule.window, now)
    if len(current) < rule.min_volume:
        return None
    counts = usual.usual_counts(stream.window_counts(now - rule.window, rule.window, rule.baseline))
    if counts.z(len(current)) < rule.threshold or len(current) < rule.min_ratio * counts.median:
        return None
    return Trigger(
        topic, "spike", rule.severity, now,
        {"mentions": len(current), "window": span(rule.window), "z": round(counts.z(len(current)), 1)},
        {"median": counts.median, "mad": counts.mad, "span": span(rule.baseline)},
        f"{plural(len(current), 'mention')} in {span(rule.window)}, usually {number(counts.median)} "
        f"(median of the last {span(rule.baseline)})",
        top_by_reach(current))


def negative_share(topic: str, rule: NegativeShareRule, stream: Stream, now: datetime,
                   fired: datetime | None) -> Trigger | None:
    share = usual.share_in(stream, now - rule.window, now)
    if share.scored < rule.min_scored:
        return None
    before = usual.share_in(stream, now - rule.window - rule.baseline, now - rule.window)
    if before.scored < rule.min_scored:
        return None  # no baseline to jump from (a new topic, or one nobody scores)
    if share.value - before.value < rule.jump or not usual.unlikely(share, before.value, rule.threshold):
        return None
    current = stream.between(now - rule.window, now)
    return Trigger(
        topic, "negative_share", rule.severity, now,
        {"negative_share": round(share.value, 3), "negative": share.negative, "scored": share.scored,
         "window": span(rule.window)},
        {"negative_share": round(before.value, 3), "scored": before.scored, "span": span(rule.baseline)},
        f"{percent(share.value)} of {plural(share.scored, 'scored mention')} negative in {span(rule.window)}, "
        f"usually {percent(before.value)} (last {span(rule.baseline)})",
        top_by_reach([mention for mention in current if mention.label == "negative"]))


def sentiment_drop(topic: str, rule: SentimentDropRule, stream: Stream, now: datetime,
                   fired: datetime | None) -> Trigger | None:
    observed = usual.polarity_in(stream, now - rule.window, now)
    if observed is None or observed.count < rule.min_scored:
        return None
    before = usual.polarity_in(stream, now - rule.window - rule.baseline, now - rule.window)
    if before is None or before.count < rule.min_scored:
        return None
    drop = before.mean - observed.mean
    # The floor on the spread: a baseline of identical scores would make any difference "significant".
    standard_error = max(before.sd, 0.1) / observed.count ** 0.5
    if drop < rule.drop or drop / standard_error < rule.threshold:
        return None
    current = stream.between(now - rule.window, now)
    return Trigger(
        topic, "sentiment_drop", rule.severity, now,
        {"mean_polarity": round(observed.mean, 3), "scored": observed.count, "window": span(rule.window)},
        {"mean_polarity": round(before.mean, 3), "sd": round(before.sd, 3), "scored": before.count,
         "span": span(rule.baseline)},
        f"mean sentiment {signed(observed.mean)} over {plural(observed.count, 'scored mention')} in "
        f"{span(rule.window)}, usually {signed(before.mean)} (last {span(rule.baseline)})",
        top_by_reach([mention for mention in current if (mention.polarity or 0) < 0]))


def high_reach(topic: str, rule: HighReachRule, stream: Stream, now: datetime,
               fired: datetime | None) -> Trigger | None:
    # Only mentions published since the rule last fired: each loud post fires once, not every evaluation.
    since = now - rule.cooldown if fired is None else max(fired, now - rule.cooldown)
    loud = [mention for mention in stream.between(since, now)
            if mention.label == "negative" and mention.followers >= rule.min_followers]
    if not loud:
        return None
    evidence = top_by_reach(loud)
    top = evidence[0]
    if len(loud) == 1:
        summary = f"negative mention by {top.author or 'an author'} ({plural(top.followers, 'follower')})"
    else:
        summary = (f"{len(loud)} negative mentions from authors with {number(rule.min_followers)}+ followers, "
                   f"the largest {number(top.followers)}")
    return Trigger(topic, "high_reach", rule.severity, now,
                   {"mentions": len(loud), "followers": top.followers},
                   {"min_followers": rule.min_followers}, summary, evidence)


def keyword(topic: str, rule: KeywordRule, stream: Stream, now: datetime, fired: datetime | None) -> Trigger | None:
    hits = [mention for mention in stream.between(now - rule.window, now) if mention.keywords]
    if len(hits) < rule.count:
        return None
    words = Counter(word for mention in hits for word in mention.keywords)
    listed = ", ".join(f"{word} {times}" for word, times in words.most_common(5))
    return Trigger(topic, "keyword", rule.severity, now,
                   {"mentions": len(hits), "window": span(rule.window), "keywords": dict(words.most_common())},
                   {"count": rule.count},
                   f"{plural(len(hits), 'mention')} with crisis keywords in {span(rule.window)} ({listed}); "
                   f"the rule fires at {rule.count}",
                   top_by_reach(hits))
