"""Detection on seeded synthetic streams: ordinary days raise nothing, crises are caught within a window."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest

from escalation.signals.detection import evaluate, pulse, recovered
from escalation.signals.rules import SpikeRule, Topic, TopicRules
from tests.signals.synthetic import START, burst, mention, stream, watch

MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY2 = START + timedelta(days=1)   # 24 h of history behind it
DAY3 = START + timedelta(days=2)
BRAND = Topic("brand", keywords=("acme",))   # every rule on, with its defaults


def brand_day(seed: int = 7, per_day: float = 300, hours: float = 72, **kinds):
    return stream(random.Random(seed), per_day, START, hours, **kinds)


def window_counts(mentions, start, hours, size=timedelta(minutes=15)):
    return [sum(start + size * k < m.at <= start + size * (k + 1) for m in mentions)
            for k in range(int(hours * HOUR / size))]


@pytest.mark.parametrize("seed, per_day, keyword_rate", [(1, 300, 0.005), (2, 300, 0.005), (3, 3000, 0.0005)])
def test_steady_day_and_night_for_48_hours_raises_nothing(seed, per_day, keyword_rate):
    mentions = brand_day(seed, per_day, keyword_rate=keyword_rate)
    counts = window_counts(mentions, DAY2, 24)
    assert max(counts) >= 4 * max(1, min(counts))   # the cycle is real: afternoons are busy, nights quiet
    assert watch(BRAND, mentions, DAY2, DAY3 + timedelta(days=1)) == []


@pytest.mark.parametrize("per_day, extra", [(300, 60), (3000, 200)])
def test_injected_spike_is_detected_within_one_window(per_day, extra):
    rng = random.Random(11)
    injected_at = DAY2 + timedelta(hours=14, minutes=2)
    mentions = brand_day(11, per_day, hours=24 + 16, keyword_rate=0) + burst(rng, injected_at, extra, 10 * MIN)
    raised = watch(BRAND, mentions, DAY2, DAY2 + timedelta(hours=16))
    spikes = [trigger for trigger in raised if trigger.rule == "spike"]
    assert len(spikes) == 1
    spike = spikes[0]
    assert injected_at < spike.at <= injected_at + SpikeRule().window
    observed, usual = spike.observed, spike.baseline
    assert observed["mentions"] >= 20
    assert spike.summary == (f"{observed['mentions']} mentions in 15 min, usually {usual['median']:g} "
                             "(median of the last 24 h)")
    in_window = [m for m in mentions if spike.at - SpikeRule().window < m.at <= spike.at]
    assert observed["mentions"] == len(in_window)
    assert list(spike.evidence) == sorted(in_window, key=lambda m: (m.followers, m.at), reverse=True)[:5]
    assert (spike.severity, spike.topic) == (2, "brand")


def test_slow_drift_doubling_every_24_hours_is_not_a_spike():
    def doubling(at):
        return 2 ** ((at - START) / timedelta(days=1))

    mentions = stream(random.Random(5), 3000, START, 72, shape=doubling, keyword_rate=0)
    before, after = sum(window_counts(mentions, DAY2, 6, HOUR)), sum(window_counts(mentions, DAY3, 6, HOUR))
    assert after >= 1.6 * before > 1.6 * 6 * 100   # the drift is real (with hourly jitter), far above 20 a window
    assert watch(BRAND, mentions, DAY2, START + timedelta(hours=72)) == []


def test_the_cooldown_holds_while_the_surge_goes_on():
    rng = random.Random(3)
    surge_from = DAY2 + timedelta(hours=12)
    mentions = brand_day(3, hours=24 + 18, keyword_rate=0) + burst(rng, surge_from, 5 * 400, 5 * HOUR)
    only_spike = Topic("brand", keywords=("acme",), rules=TopicRules(negative_share=None, sentiment_drop=None,
                                                                     high_reach=None, keyword=None))
    raised = watch(only_spike, mentions, DAY2, DAY2 + timedelta(hours=18))
    first = surge_from + 5 * MIN
    assert [trigger.at for trigger in raised] == [first, first + 2 * HOUR, first + 4 * HOUR]


def test_cooldown_is_measured_from_the_last_firing():
    rng = random.Random(4)
    now = DAY2 + timedelta(hours=15)
    mentions = brand_day(4, hours=39, keyword_rate=0) + burst(rng, now - 10 * MIN, 60, 9 * MIN)
    assert [t.rule for t in evaluate(BRAND, mentions, now, {})] == ["spike"]
    assert evaluate(BRAND, mentions, now, {"spike": now - 2 * HOUR + MIN}) == []
    assert [t.rule for t in evaluate(BRAND, mentions, now, {"spike": now - 2 * HOUR})] == ["spike"]
    assert [t.rule for t in evaluate(BRAND, mentions, now, {"keyword": now - MIN})] == ["spike"]


def _quiet_at_night(seed: int, now):
    """A day of history, with nothing in the 15 minutes before `now` (03:10) but what the test adds."""
    return [m for m in brand_day(seed, hours=28, keyword_rate=0) if not now - 15 * MIN < m.at <= now]


def test_three_mentions_at_three_in_the_morning_page_nobody():
    rng = random.Random(8)
    night = DAY2 + timedelta(hours=3)
    mentions = brand_day(8, hours=30, keyword_rate=0) + burst(rng, night, 3, 2 * MIN, label="negative")
    assert watch(BRAND, mentions, night - HOUR, night + 2 * HOUR) == []


@pytest.mark.parametrize("count, rules", [(19, []), (20, ["spike"])])
def test_minimum_volume_holds_at_night_whatever_the_baseline(count, rules):
    now = DAY2 + timedelta(hours=3, minutes=10)
    mentions = _quiet_at_night(9, now) + burst(random.Random(9), now - 10 * MIN, count, 5 * MIN, label="neutral")
    # The night's usual count is about 1 a window: 19 is a huge robust z, but under the minimum of 20.
    assert [trigger.rule for trigger in evaluate(BRAND, mentions, now, {})] == rules


def test_negative_share_jump_is_detected_and_is_not_a_spike():
    rng = random.Random(12)
    start = DAY2 + timedelta(hours=14)
    mentions = brand_day(12, hours=24 + 17, keyword_rate=0) + burst(rng, start, 25, 50 * MIN, label="negative")
    raised = watch(BRAND, mentions, DAY2, DAY2 + timedelta(hours=17))
    rules = {trigger.rule for trigger in raised}
    assert "negative_share" in rules and "spike" not in rules
    share = next(trigger for trigger in raised if trigger.rule == "negative_share")
    assert start < share.at <= start + HOUR
    observed, usual = share.observed, share.baseline
    assert observed["negative_share"] - usual["negative_share"] >= 0.2
    assert share.summary == (f"{observed['negative_share']:.0%} of {observed['scored']} scored mentions negative "
                             f"in 1 h, usually {usual['negative_share']:.0%} (last 24 h)")
    assert share.evidence and all(m.label == "negative" for m in share.evidence)
    assert [m.followers for m in share.evidence] == sorted((m.followers for m in share.evidence), reverse=True)


def test_unscored_mentions_neither_dilute_nor_count_in_the_share():
    rng = random.Random(13)
    now = DAY2 + timedelta(hours=15)
    polish = burst(rng, now - 50 * MIN, 40, 45 * MIN, label="unscored")
    angry = burst(rng, now - 50 * MIN, 12, 45 * MIN, label="negative")
    history = [m for m in brand_day(13, hours=39, keyword_rate=0) if m.at <= now - HOUR]
    only_share = Topic("brand", rules=TopicRules(spike=None, sentiment_drop=None, high_reach=None, keyword=None))
    [trigger] = evaluate(only_share, history + polish + angry, now, {})
    assert (trigger.observed["negative_share"], trigger.observed["scored"]) == (1.0, 12)
    assert evaluate(only_share, history + polish, now, {}) == []


def test_high_reach_negative_fires_once_per_mention_and_positive_does_not():
    rng = random.Random(14)
    at = DAY2 + timedelta(hours=10)
    loud = mention(rng, at + MIN, label="negative", followers=250_000, keywords=())
    louder_praise = mention(rng, at + 2 * MIN, label="positive", followers=900_000, keywords=())
    unknown = mention(rng, at + 3 * MIN, label="unscored", followers=900_000, keywords=())
    second = mention(rng, at + 20 * MIN, label="negative", followers=120_000, keywords=())
    mentions = brand_day(14, hours=24 + 14, keyword_rate=0) + [loud, louder_praise, unknown, second]
    raised = watch(BRAND, mentions, at, at + 4 * HOUR)
    assert [(t.rule, t.at, t.evidence) for t in raised] == [
        ("high_reach", at + 5 * MIN, (loud,)),
        ("high_reach", at + 65 * MIN, (second,)),   # the one that came during the hour's cooldown, not `loud` again
    ]
    assert raised[0].summary == f"negative mention by {loud.author} (250,000 followers)"
    assert watch(BRAND, brand_day(14, hours=38, keyword_rate=0) + [louder_praise, unknown], at, at + 4 * HOUR) == []


def test_several_loud_mentions_fire_together():
    rng = random.Random(15)
    now = DAY2 + timedelta(hours=10)
    loud = [mention(rng, now - k * MIN, label="negative", followers=100_000 * (k + 1), keywords=()) for k in range(3)]
    only = Topic("brand", rules=TopicRules(spike=None, negative_share=None, sentiment_drop=None, keyword=None))
    [trigger] = evaluate(only, loud, now, {})
    assert trigger.summary == "3 negative mentions from authors with 100,000+ followers, the largest 300,000"
    assert trigger.evidence == tuple(reversed(loud))


@pytest.mark.parametrize("count, fires", [(4, False), (5, True)])
def test_keyword_rule_fires_at_exactly_k_in_the_window(count, fires):
    rng = random.Random(16)
    now = DAY2 + timedelta(hours=11)
    words = [("boycott",), ("bojkot",), ("boycott", "scam"), ("boycott",), ("bojkot",)][:count]
    hits = [mention(rng, now - HOUR + (k + 1) * MIN, label="neutral", keywords=kw) for k, kw in enumerate(words)]
    too_old = mention(rng, now - HOUR, label="neutral", keywords=("boycott",))   # the window is (now - 1 h, now]
    history = brand_day(16, hours=35, keyword_rate=0)
    raised = [t for t in evaluate(BRAND, history + hits + [too_old], now, {}) if t.rule == "keyword"]
    assert bool(raised) == fires
    if fires:
        assert raised[0].summary == ("5 mentions with crisis keywords in 1 h (boycott 3, bojkot 2, scam 1); "
                                     "the rule fires at 5")
        assert raised[0].observed["keywords"] == {"boycott": 3, "bojkot": 2, "scam": 1}


def _crisis(seed: int = 17):
    rng = random.Random(seed)
    start = DAY2 + timedelta(hours=13)
    return start, brand_day(seed, hours=24 + 20, keyword_rate=0) + burst(rng, start, 60, 90 * MIN, label="negative")


def test_recovery_waits_for_the_share_to_return_to_its_band():
    start, mentions = _crisis()
    [trigger] = [t for t in watch(BRAND, mentions, start, start + HOUR) if t.rule == "negative_share"]
    upto = lambda now: [m for m in mentions if m.at <= now]  # noqa: E731
    during, after = start + 80 * MIN, start + 90 * MIN + 2 * HOUR
    assert not recovered(BRAND, upto(during), during, since=trigger.at)
    assert recovered(BRAND, upto(after), after, since=trigger.at)
    assert recovered(BRAND, upto(after), after)


def test_recovery_needs_enough_scored_mentions_since_the_trigger():
    start, mentions = _crisis()
    now = start + 3 * HOUR
    quiet = [m for m in mentions if m.at <= start + 90 * MIN]   # nothing since the crisis ended
    assert not recovered(BRAND, quiet, now, since=start + 30 * MIN)
    polish_only = [m for m in mentions if m.label == "unscored"]
    assert not recovered(BRAND, polish_only, now)


def test_pulse_shows_the_window_against_the_baseline_and_24_hours_of_buckets():
    start, mentions = _crisis()
    now = start + HOUR
    seen = [m for m in mentions if m.at <= now]
    numbers = pulse(BRAND, seen, now)
    window = [m for m in seen if now - HOUR < m.at <= now]
    scored = [m for m in window if m.label != "unscored"]
    assert (numbers.now, numbers.window, numbers.mentions) == (now, HOUR, len(window))
    assert numbers.unscored == len(window) - len(scored)
    assert numbers.negative_share == sum(m.label == "negative" for m in scored) / len(scored)
    low, high = numbers.band
    assert high - low == pytest.approx(0.2) and low < numbers.baseline_negative_share < high < numbers.negative_share
    assert len(numbers.series) == 24 and numbers.series[-1][0] == now - HOUR
    assert numbers.series[-1][1:] == (len(window), numbers.negative_share)
    assert sum(volume for _, volume, _ in numbers.series) == len([m for m in seen if m.at > now - 24 * HOUR])
    assert numbers.baseline_mentions < numbers.mentions


def test_rules_switched_off_stay_silent():
    rng = random.Random(18)
    now = DAY2 + timedelta(hours=15)
    mentions = brand_day(18, hours=39, keyword_rate=0) + burst(rng, now - 10 * MIN, 60, 9 * MIN, label="negative",
                                                               followers=500_000, keywords=("boycott",))
    assert {t.rule for t in evaluate(BRAND, mentions, now, {})} == {"spike", "negative_share", "sentiment_drop",
                                                                   "high_reach", "keyword"}
    off = Topic("brand", rules=TopicRules(None, None, None, None, None))
    assert evaluate(off, mentions, now, {}) == []
