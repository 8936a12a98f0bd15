"""The `signals:` section: social-listening sources and topics, and the rules that open incidents."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from bot.config import fields
from bot.config.problems import Problem
from bot.config.signal_rules import parse_rules
from bot.config.yamlpos import index, join
from escalation.signals import Topic, TopicRules

__all__ = ["MentionSource", "SignalSettings", "Topic", "TopicRules", "parse_signals"]

KEYS = ("crisis_keywords", "sources", "topics", "negative_below", "positive_above", "chart_hours",
        "customer_service_channel")
TOPIC_KEYS = ("keywords", "tags", "sources", "policy", "rules", "triage", "customer_service_channel")
CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")
OUR_FIELDS = ("id", "text", "url", "author", "author_followers", "platform", "language", "published_at",
              "sentiment", "tags")
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")  # it is the last part of /hooks/mentions/<source>
TOPIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")
DOTTED = re.compile(r"^[^.\s]+(\.[^.\s]+)*$")
LANGUAGE = re.compile(r"^([a-z]{2,3}|\*)$")
T = TypeVar("T")


@dataclass(frozen=True)
class MentionSource:
    """How one listening tool's posts map onto our mention schema."""

    name: str
    fields: dict[str, str] = field(default_factory=dict)  # our field -> dotted path in their payload
    items: str | None = None       # dotted path to the list of mentions in one post, if any
    when: dict[str, str] = field(default_factory=dict)    # only posts where path == value are mentions
    tags: tuple[str, ...] = ()     # added to every mention from this source


@dataclass(frozen=True)
class SignalSettings:
    sources: dict[str, MentionSource] = field(default_factory=dict)  # a source not listed uses our schema as is
    topics: dict[str, Topic] = field(default_factory=dict)
    crisis_keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language (or "*") -> words
    negative_below: float = -0.1   # polarity below this is negative
    positive_above: float = 0.1    # above this positive; in between neutral
    chart_hours: int = 24
    customer_service_channel: str | None = None  # a channel id: where triage hands a topic's incident

    def customer_service_for(self, topic: str | None) -> str | None:
        """The channel a topic's incident is handed to as customer service: the topic's own, else the section's."""
        own = self.topics[topic].customer_service_channel if topic in self.topics else None
        return own or self.customer_service_channel


def parse_signals(raw: object, path: str, problems: list, users: set[str] | None = None,
                  teams: set[str] | None = None, policies: set[str] | None = None) -> SignalSettings:
    """Validate the section; every problem goes on `problems` with its key path.

    `policies` (the declared policy names) lets a topic's `policy` be checked; None skips that check.
    """
    entry = fields.mapping(raw, path, problems, KEYS, what="a mapping like {crisis_keywords: ..., topics: ...}")
    if not entry:
        return SignalSettings()
    values: dict = {}
    if entry.get("crisis_keywords") is not None:
        values["crisis_keywords"] = _keywords(entry["crisis_keywords"], join(path, "crisis_keywords"), problems)
    if entry.get("sources") is not None:
        values["sources"] = _named(entry["sources"], join(path, "sources"), problems, SOURCE_NAME, "source",
                                   "{when, items, fields, tags}", _source)
    if entry.get("topics") is not None:
        values["topics"] = _named(entry["topics"], join(path, "topics"), problems, TOPIC_NAME, "topic",
                                  "{keywords, tags, sources, policy, rules}",
                                  lambda *args: _topic(*args, policies=policies))
    for key, default in (("negative_below", -0.1), ("positive_above", 0.1)):
        if key in entry:
            values[key] = _polarity(entry[key], join(path, key), problems, default)
    if values.get("negative_below", -0.1) > values.get("positive_above", 0.1):
        problems.append(Problem(join(path, "negative_below"), "must not be above positive_above "
                                "(e.g. negative_below: -0.1, positive_above: 0.1)"))
    if "chart_hours" in entry:
        hours = fields.count(entry["chart_hours"], join(path, "chart_hours"), problems)
        if hours is not None and not 1 <= hours <= 168:
            problems.append(Problem(join(path, "chart_hours"), f"expected 1 to 168 hours, got {hours}"))
        elif hours is not None:
            values["chart_hours"] = hours
    if entry.get("customer_service_channel") is not None:
        values["customer_service_channel"] = _channel(entry["customer_service_channel"],
                                                      join(path, "customer_service_channel"), problems)
    return SignalSettings(**values)


def _named(raw: object, path: str, problems: list[Problem], pattern: re.Pattern[str], kind: str, shape: str,
           parse: Callable[[str, object, str, list[Problem]], T | None]) -> dict[str, T]:
    section = fields.mapping(raw, path, problems, what=f"a mapping of {kind} names to {shape}")
    found: dict[str, T] = {}
    for name, value in (section or {}).items():
        if not isinstance(name, str):
            continue  # reported by fields.mapping
        if not pattern.match(name):
            problems.append(Problem(join(path, name), f"{kind} name {name!r} is not valid; use lowercase "
                                    "letters, digits, '_', '.' and '-', starting with a letter or digit"))
            continue
        parsed = parse(name, value, join(path, name), problems)
        if parsed is not None:
            found[name] = parsed
    return found


def _source(name: str, raw: object, path: str, problems: list[Problem]) -> MentionSource | None:
    entry = fields.mapping(raw, path, problems, ("when", "items", "fields", "tags"),
                           what="a mapping like {when: {action: mention_created}, fields: {text: data.content}}")
    if entry is None:
        return None
    mapped = {}
    if entry.get("fields") is not None:
        for ours, dotted in (fields.mapping(entry["fields"], join(path, "fields"), problems, OUR_FIELDS,
                                            what="a mapping of our fields to their paths, like "
                                                 "{text: data.content, id: data.id}") or {}).items():
            if ours in OUR_FIELDS and (value := _path(dotted, join(join(path, "fields"), ours), problems)):
                mapped[ours] = value
    when = {}
    if entry.get("when") is not None:
        for dotted, value in (fields.mapping(entry["when"], join(path, "when"), problems,
                                             what="a mapping of paths to values, like {action: mention_created}")
                              or {}).items():
            if isinstance(dotted, str) and _path(dotted, join(join(path, "when"), dotted), problems):
                if isinstance(value, (str, int, bool)) and str(value).strip():
                    when[dotted] = str(value).lower() if isinstance(value, bool) else str(value)
                else:
                    problems.append(Problem(join(join(path, "when"), dotted), "expected a value to compare with, "
                                            f"like mention_created, got {fields.describe(value)}"))
    items = _path(entry["items"], join(path, "items"), problems) if entry.get("items") is not None else None
    return MentionSource(name, mapped, items, when, _words(entry.get("tags"), join(path, "tags"), problems, "tag"))


def _topic(name: str, raw: object, path: str, problems: list[Problem], *, policies: set[str] | None) -> Topic | None:
    entry = fields.mapping(raw, path, problems, TOPIC_KEYS,
                           what="a mapping like {keywords: [Acme, \"@acme\"], rules: {...}}")
    if entry is None:
        return None
    keywords = _words(entry.get("keywords"), join(path, "keywords"), problems, "keyword")
    tags = _words(entry.get("tags"), join(path, "tags"), problems, "tag")
    sources = _words(entry.get("sources"), join(path, "sources"), problems, "source name")
    for position, source in enumerate(sources):
        if not SOURCE_NAME.match(source):
            problems.append(Problem(index(join(path, "sources"), position), f"{source!r} is not a source name: "
                                    "write it as in the URL /hooks/mentions/<source>, e.g. listenly"))
    if not (entry.get("keywords") or entry.get("tags") or entry.get("sources")):
        problems.append(Problem(path, "a topic needs keywords, tags or sources to know which mentions are its, "
                                      "e.g. keywords: [Acme, \"@acme\"]"))
    policy = None
    if entry.get("policy") is not None:
        policy = fields.reference(entry["policy"], join(path, "policy"), problems, policies, "policy")
    rules = parse_rules(entry.get("rules"), join(path, "rules"), problems)
    triage = fields.flag(entry["triage"], join(path, "triage"), problems) if "triage" in entry else True
    channel = entry.get("customer_service_channel")
    return Topic(name, keywords, tags, sources, rules, policy, triage=triage is not False,
                 customer_service_channel=_channel(channel, join(path, "customer_service_channel"), problems)
                 if channel is not None else None)


def _channel(raw: object, path: str, problems: list[Problem]) -> str | None:
    channel = fields.text(raw, path, problems, "a Slack channel id")
    if channel is not None and not CHANNEL.match(channel):
        problems.append(Problem(path, "expected a channel id like C0123CARE (channel details > About > Channel ID), "
                                f"got {channel!r}"))
        return None
    return channel


def _keywords(raw: object, path: str, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    section = fields.mapping(raw, path, problems, what="a mapping of languages to words, like "
                                                       "{en: [boycott, scam], pl: [bojkot, oszustwo]}")
    found = {}
    for language, words in (section or {}).items():
        if not isinstance(language, str):
            continue
        if not LANGUAGE.match(language):
            problems.append(Problem(join(path, language), f"{language!r} is not a language: use a two-letter "
                                    "code in lowercase (en, pl, de) or * for words of any language"))
            continue
        found[language] = _words(words, join(path, language), problems, "keyword")
    return found


def _words(raw: object, path: str, problems: list[Problem], kind: str) -> tuple[str, ...]:
    """A list of non-empty texts; numbers (a product called 3310) are taken as text."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(path, f"expected a list of {kind}s like [one, two], got {fields.describe(raw)}"))
        return ()
    found = []
    for position, item in enumerate(raw):
        word = str(item).strip() if isinstance(item, (str, int)) and not isinstance(item, bool) else ""
        if not word or word == "*":
            problems.append(Problem(index(path, position), f"expected a {kind}, got {fields.describe(item)}"))
        elif word not in found:
            found.append(word)
    return tuple(found)


def _path(raw: object, path: str, problems: list[Problem]) -> str | None:
    dotted = fields.text(raw, path, problems, "a dotted path like data.author.handle")
    if dotted is not None and not DOTTED.match(dotted.strip()):
        problems.append(Problem(path, f"{dotted!r} is not a dotted path: write keys joined by dots, "
                                      "like data.author.handle (list items by number: data.items.0.id)"))
        return None
    return None if dotted is None else dotted.strip()


def _polarity(raw: object, path: str, problems: list[Problem], default: float) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not -1 <= raw <= 1:
        problems.append(Problem(path, f"expected a polarity from -1 to 1 like {default}, got {fields.describe(raw)}"))
        return default
    return float(raw)
