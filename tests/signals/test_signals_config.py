"""The `signals:` section: sources, topics and rules, with defaults and located problems that say how to fix them."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.config.problems import ConfigError, Problem
from bot.config.signals import MentionSource, SignalSettings, parse_signals
from escalation.signals.rules import (
    HighReachRule,
    KeywordRule,
    NegativeShareRule,
    SentimentDropRule,
    SpikeRule,
    Topic,
    TopicRules,
)
from tests.support.config import CONFIG, load_test_config

SIGNALS = """\
signals:
  crisis_keywords: {en: [boycott, scam], pl: [bojkot, oszustwo, "kłamstwo"]}
  sources:
    listenly:                      # POST /hooks/mentions/listenly
      when: {action: mention_created}
      fields: {id: data.id, text: data.content, url: data.link, author: data.author.handle,
               author_followers: data.author.followers, platform: data.network, language: data.lang,
               published_at: data.created_at, sentiment: data.sentiment}
      tags: [listenly]
    batches:
      items: data.mentions
      when: {ok: true}
  topics:
    brand:
      keywords: [Acme, "@acme"]
      policy: brand-crisis
      rules:
        spike: {window: 15m, baseline: 24h, min_volume: 40, threshold: 4, severity: 2, cooldown: 2h}
        high_reach: {min_followers: 250000, severity: sev1}
        keyword: {count: 8, window: 30m}
        sentiment_drop: off
    phones:
      tags: [phones]
      sources: [listenly]
  negative_below: -0.2
  positive_above: 0.2
  chart_hours: 12
"""


def signals_of(text: str) -> SignalSettings:
    return load_test_config(CONFIG + text).signals


def problems_of(text: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        load_test_config(CONFIG + text)
    offset = CONFIG.count("\n")
    return [f"{p.line - offset}: {p.path}: {p.message}" for p in raised.value.problems]


def test_the_whole_section():
    signals = signals_of(SIGNALS)
    assert signals.crisis_keywords == {"en": ("boycott", "scam"), "pl": ("bojkot", "oszustwo", "kłamstwo")}
    assert signals.sources == {
        "listenly": MentionSource(
            "listenly",
            {"id": "data.id", "text": "data.content", "url": "data.link", "author": "data.author.handle",
             "author_followers": "data.author.followers", "platform": "data.network", "language": "data.lang",
             "published_at": "data.created_at", "sentiment": "data.sentiment"},
            None, {"action": "mention_created"}, ("listenly",)),
        "batches": MentionSource("batches", {}, "data.mentions", {"ok": "true"}, ()),
    }
    assert signals.topics["brand"] == Topic(
        "brand", ("Acme", "@acme"), (), (),
        TopicRules(spike=SpikeRule(min_volume=40), negative_share=NegativeShareRule(), sentiment_drop=None,
                   high_reach=HighReachRule(min_followers=250_000, severity=1),
                   keyword=KeywordRule(count=8, window=timedelta(minutes=30))),
        "brand-crisis")
    assert signals.topics["phones"] == Topic("phones", (), ("phones",), ("listenly",), TopicRules(), None)
    assert (signals.negative_below, signals.positive_above, signals.chart_hours) == (-0.2, 0.2, 12)


def test_no_section_and_empty_section_are_the_defaults():
    assert load_test_config(CONFIG).signals == SignalSettings()
    assert signals_of("signals:\n") == SignalSettings()
    assert SignalSettings() == SignalSettings({}, {}, {}, -0.1, 0.1, 24)


def test_defaults_are_documented_numbers():
    rules = TopicRules()
    assert rules.spike == SpikeRule(timedelta(minutes=15), timedelta(hours=24), 20, 4.0, 3.0, 2, timedelta(hours=2))
    assert rules.negative_share == NegativeShareRule(timedelta(hours=1), timedelta(hours=24), 10, 0.2, 3.5, 2,
                                                     timedelta(hours=2))
    assert rules.sentiment_drop == SentimentDropRule(timedelta(hours=1), timedelta(hours=24), 15, 0.35, 4.0, 3,
                                                     timedelta(hours=2))
    assert rules.high_reach == HighReachRule(100_000, 2, timedelta(hours=1))
    assert rules.keyword == KeywordRule(5, timedelta(hours=1), 3, timedelta(hours=2))


@pytest.mark.parametrize("written, rule", [("off", None), ('"off"', None), ("false", None), ("on", SpikeRule()),
                                           ("", SpikeRule()), ("{}", SpikeRule())])
def test_a_rule_is_off_on_or_overridden(written, rule):
    text = f"signals:\n  topics:\n    brand:\n      keywords: [Acme]\n      rules:\n        spike: {written}\n"
    assert signals_of(text).topics["brand"].rules.spike == rule


def test_every_problem_located_with_a_hint():
    assert problems_of("""\
signals:
  crisis_keywords: {en: scam, Polish: [bojkot], pl: [""]}
  sources:
    Listenly: {}
    listenly:
      fields: {txt: data.content, id: "data..id", author: [data, author]}
      when: {action: [a, b]}
      tag: [x]
  topics:
    brand:
      keywords: [Acme]
      rules:
        spkie: off
        spike: {min_volum: 5, window: 15, baseline: 30m, severity: high, threshold: -1}
        negative_share: {jump: 20, min_scored: 0}
        keyword: maybe
    empty: {policy: brand-crisis}
  negative_below: 0.3
  positive_above: 2
  chart_hours: 0
  chart: 24
""") == [
        "2: signals.crisis_keywords.en: expected a list of keywords like [one, two], got text ('scam')",
        "2: signals.crisis_keywords.Polish: 'Polish' is not a language: use a two-letter code in lowercase "
        "(en, pl, de) or * for words of any language",
        "2: signals.crisis_keywords.pl[0]: expected a keyword, got text ('')",
        "4: signals.sources.Listenly: source name 'Listenly' is not valid; use lowercase letters, digits, '_', "
        "'.' and '-', starting with a letter or digit",
        "6: signals.sources.listenly.fields.txt: unknown key 'txt'; did you mean 'text'?",
        "6: signals.sources.listenly.fields.id: 'data..id' is not a dotted path: write keys joined by dots, "
        "like data.author.handle (list items by number: data.items.0.id)",
        "6: signals.sources.listenly.fields.author: expected a dotted path like data.author.handle, got a list",
        "7: signals.sources.listenly.when.action: expected a value to compare with, like mention_created, "
        "got a list",
        "8: signals.sources.listenly.tag: unknown key 'tag'; did you mean 'tags'?",
        "13: signals.topics.brand.rules.spkie: unknown key 'spkie'; did you mean 'spike'?",
        "14: signals.topics.brand.rules.spike.min_volum: unknown key 'min_volum'; did you mean 'min_volume'?",
        "14: signals.topics.brand.rules.spike.window: a duration needs a unit: write 15m for minutes or 15s "
        "for seconds",
        "14: signals.topics.brand.rules.spike.threshold: expected a number from 0.5 to 20 like 3, "
        "got a number (-1)",
        "14: signals.topics.brand.rules.spike.severity: expected a severity from 1 (most severe) to 4, "
        "or sev1 to sev4, got text ('high')",
        "15: signals.topics.brand.rules.negative_share.min_scored: must be 1 or more",
        "15: signals.topics.brand.rules.negative_share.jump: expected a number from 0.01 to 1 like 0.2, "
        "got a number (20)",
        "16: signals.topics.brand.rules.keyword: expected off, on, or a mapping of settings (count, window, "
        "severity, cooldown), got text ('maybe')",
        "17: signals.topics.empty: a topic needs keywords, tags or sources to know which mentions are its, "
        "e.g. keywords: [Acme, \"@acme\"]",
        "18: signals.negative_below: must not be above positive_above (e.g. negative_below: -0.1, "
        "positive_above: 0.1)",
        "19: signals.positive_above: expected a polarity from -1 to 1 like 0.1, got a number (2)",
        "20: signals.chart_hours: expected 1 to 168 hours, got 0",
        "21: signals.chart: unknown key 'chart'; did you mean 'chart_hours'?",
    ]


def test_baseline_must_hold_several_windows():
    assert problems_of("""\
signals:
  topics:
    brand:
      keywords: [Acme]
      rules:
        spike: {window: 30m, baseline: 1h}
""") == ["6: signals.topics.brand.rules.spike.baseline: must hold at least 4 windows: with window 30m write 2h "
         "or more (24h is usual)"]


def test_policy_is_checked_against_the_declared_policies():
    problems: list[Problem] = []
    raw = {"topics": {"brand": {"keywords": ["Acme"], "policy": "brand-crisi"}}}
    parse_signals(raw, "signals", problems, policies={"brand-crisis", "infra"})
    assert problems == [Problem("signals.topics.brand.policy", "unknown policy 'brand-crisi'; "
                                                               "did you mean 'brand-crisis'?")]


def test_topic_sources_are_written_as_in_the_url():
    assert problems_of("""\
signals:
  topics:
    brand: {sources: [Listenly], tags: [1234]}
""") == ["3: signals.topics.brand.sources[0]: 'Listenly' is not a source name: write it as in the URL "
         "/hooks/mentions/<source>, e.g. listenly"]


def test_the_worked_mapping_in_the_docs_is_a_valid_source():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "signals.md").read_text(encoding="utf-8")
    worked = docs.split("### Worked example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    source = signals_of(worked).sources["listenly"]
    assert source == MentionSource(
        "listenly",
        {"id": "data.id", "text": "data.content", "url": "data.link", "author": "data.author.handle",
         "author_followers": "data.author.followers", "platform": "data.network", "language": "data.lang",
         "published_at": "data.created_at", "sentiment": "data.sentiment"},
        None, {"action": "mention_created"}, ("listenly",))


def test_the_loader_checks_topic_policies_against_the_config():
    text = CONFIG + "signals:\n  topics:\n    acme:\n      keywords: [acme]\n      policy: brand-crysis\n"
    with pytest.raises(ConfigError) as raised:
        load_test_config(text)
    assert [p.path for p in raised.value.problems] == ["signals.topics.acme.policy"]
    assert "brand-crisis" in raised.value.problems[0].message  # did you mean
    fixed = load_test_config(text.replace("brand-crysis", "brand-crisis"))
    assert fixed.signals.topics["acme"].policy == "brand-crisis"
