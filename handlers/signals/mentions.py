"""Mention webhook bodies turned into MentionIn values: our schema (docs/signals.md), or a source's own shape
mapped onto it by the config's `signals.sources.<name>` (dotted paths, `items`, `when`, `tags`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from escalation.keys import fitted
from escalation.signals.mentions import MentionIn
from escalation.signals.scoring import score
from handlers.inbound.errors import PayloadError, kind, load_json, shown, where
from handlers.inbound.fields import is_http_url

FIELDS = ("id", "text", "url", "author", "author_followers", "platform", "language", "published_at", "sentiment",
          "tags")
REQUIRED = ("id", "text", "published_at")
ID_MAX, TEXT_MAX, NAME_MAX, URL_MAX = 255, 40_000, 255, 2000
# An id over its column's 255 characters is stored as a prefix and a hash (escalation/keys.py); this is only
# against abuse. Platform, language and followers fit their columns (followers: a 32-bit INTEGER).
ID_TEXT_MAX, PLATFORM_MAX, LANGUAGE_MAX, TAG_MAX, FOLLOWERS_MAX = 2000, 64, 35, 255, 2**31 - 1
SOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*\Z")
_MISSING = object()


@dataclass(frozen=True)
class ParsedMentions:
    mentions: list[MentionIn]
    ignored: int  # posts the source's `when` says are not mentions (e.g. {"action": "mention_deleted"})


@dataclass(frozen=True)
class Shape:
    """How one source's posts read; the default is our schema as is."""

    fields: dict[str, str] = field(default_factory=dict)  # our field -> dotted path in their item
    items: str | None = None
    when: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()


def shape_of(source) -> Shape:
    """A config `MentionSource` (or None) as the parser's Shape."""
    if source is None:
        return Shape()
    return Shape(dict(source.fields), source.items, dict(source.when), tuple(source.tags))


def parse_mentions(body: bytes, shape: Shape = Shape()) -> ParsedMentions:
    """Every mention in a body (one post or a list of posts), or PayloadError naming the first thing wrong."""
    doc = load_json(body)
    if isinstance(doc, dict):
        posts = [(doc, "")]
    elif isinstance(doc, list):
        if not doc:
            raise PayloadError("body: empty list; expected at least one mention")
        posts = [(post, f"[{i}]") for i, post in enumerate(doc)]
    else:
        raise PayloadError(f"body: expected an object or a list of objects, got {kind(doc)}")
    mentions, ignored = [], 0
    for post, path in posts:
        if not isinstance(post, dict):
            raise PayloadError(f"{path}: expected an object, got {kind(post)}")
        if not _wanted(post, shape.when):
            ignored += 1
            continue
        for item, item_path in _items(post, path, shape.items):
            mentions.append(_mention(item, item_path, shape))
    return ParsedMentions(mentions, ignored)


def _wanted(post: dict, when: dict[str, str]) -> bool:
    for dotted, expected in when.items():
        value = lookup(post, dotted)
        if value is _MISSING or _as_text(value) != expected:
            return False
    return True


def _items(post: dict, path: str, items: str | None) -> list[tuple[object, str]]:
    if not items:
        return [(post, path)]
    at = _dotted(path, items)
    found = lookup(post, items)
    if found is _MISSING or found is None:
        raise PayloadError(f"{at}: required (the list of mentions)")
    if not isinstance(found, list):
        raise PayloadError(f"{at}: expected a list of mentions, got {kind(found)}")
    return [(item, where(at, i)) for i, item in enumerate(found)]


def _mention(item: object, path: str, shape: Shape) -> MentionIn:
    if not isinstance(item, dict):
        raise PayloadError(f"{path}: expected an object, got {kind(item)}")

    def get(name: str) -> tuple[object, str]:
        dotted = shape.fields.get(name, name)  # a field the source does not map is read under our name
        value = lookup(item, dotted)
        at = _dotted(path, dotted)
        if (value is _MISSING or value is None) and name in REQUIRED:
            ours = f" (our {name}; map it in the source's fields)" if dotted != name else ""
            raise PayloadError(f"{at}: required{ours}")
        return (None if value is _MISSING else value), at

    mention_id = _id(*get("id"))  # fields are read in the schema's order, so the first problem is reported
    return MentionIn(
        id=mention_id,
        text=_text(*get("text"), TEXT_MAX, empty_ok=True),
        published_at=_time(*get("published_at")),
        url=_url(*get("url")),
        author=_optional_text(*get("author")),
        followers=_followers(*get("author_followers")),
        platform=_lower(_optional_text(*get("platform"), PLATFORM_MAX)),
        language=_language(*get("language")),
        sentiment=_sentiment(*get("sentiment")),
        tags=tuple(dict.fromkeys(_tags(*get("tags")) + shape.tags)),
        raw=dict(item),
    )


def lookup(doc: object, dotted: str) -> object:
    """The value at `data.author.handle` in `doc`; list items by number (`data.mentions.0.id`)."""
    value = doc
    for part in dotted.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def _dotted(path: str, dotted: str) -> str:
    at = path
    for part in dotted.split("."):
        at = where(at, int(part)) if part.isdigit() else where(at, part)
    return at


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _id(value: object, path: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # many tools number their mentions
    text = _text(value, path, ID_TEXT_MAX)
    if not text:
        raise PayloadError(f"{path}: must not be empty")
    return fitted(text, ID_MAX)


def _text(value: object, path: str, limit: int, empty_ok: bool = False) -> str:
    if not isinstance(value, str):
        raise PayloadError(f"{path}: expected a string, got {kind(value)}")
    text = value.strip()
    if not text and not empty_ok:
        raise PayloadError(f"{path}: must not be empty")
    if len(text) > limit:
        raise PayloadError(f"{path}: too long ({len(text)} characters; at most {limit})")
    return text


def _optional_text(value: object, path: str, limit: int = NAME_MAX) -> str | None:
    if value is None:
        return None
    return _text(value, path, limit, empty_ok=True) or None


def _lower(value: str | None) -> str | None:
    return value.lower() if value else value


def _url(value: object, path: str) -> str | None:
    if value is None or value == "":
        return None
    if not is_http_url(value) or len(value) > URL_MAX:
        raise PayloadError(f"{path}: expected an http or https URL, got {shown(value)}")
    return value.strip()


def _followers(value: object, path: str) -> int:
    if value is None:
        return 0
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= FOLLOWERS_MAX:
        return value
    raise PayloadError(f"{path}: expected a whole number of followers (0 or more), got {shown(value)}")


def _language(value: object, path: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and len(value.strip()) <= LANGUAGE_MAX and _LANGUAGE.match(value.strip()):
        return value.strip()
    raise PayloadError(f"{path}: expected a language code like en, pl or en-US, got {shown(value)}")


def _time(value: object, path: str) -> datetime:
    if isinstance(value, str):
        try:  # the offset can carry 9999-12-31 past the last day a database (or Python) can hold
            parsed = datetime.fromisoformat(value.strip())
            parsed.astimezone(UTC)
        except (ValueError, OverflowError):
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed
    raise PayloadError(f"{path}: expected an ISO 8601 time with offset, got {shown(value)}")


def _sentiment(value: object, path: str) -> str | float | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        try:
            score("", None, value)  # only to check it: the core decides what a label means
        except ValueError:
            pass
        else:
            return value
    raise PayloadError(f"{path}: expected negative, neutral or positive, or a score from -1 to 1, got {shown(value)}")


def _tags(value: object, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PayloadError(f"{path}: expected a list of strings, got {kind(value)}")
    for i, tag in enumerate(value):
        if not isinstance(tag, str) or not tag.strip() or len(tag.strip()) > TAG_MAX:
            raise PayloadError(f"{where(path, i)}: expected a non-empty string of at most {TAG_MAX} characters, "
                               f"got {shown(tag)}")
    return tuple(tag.strip() for tag in value)
