"""Our own webhook schema (docs/webhooks.md): one JSON object, or a list of them, per alert."""
from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from escalation.incidents.alerts import DEFAULT_SEVERITY, SEVERITIES, AlertIn
from handlers.inbound.errors import PayloadError, kind, load_json, shown, where
from handlers.inbound.fields import is_http_url

TITLE_MAX = 300
# Keys over the column's 255 characters are stored as a prefix and a hash (escalation/keys.py): this bound is only
# against abuse. The others keep one field from filling the database or a Slack message.
DEDUP_KEY_MAX = 2000
DESCRIPTION_MAX = 20_000
LABEL_NAME_MAX, LABEL_VALUE_MAX = 255, 10_000
LINK_TEXT_MAX, URL_MAX = 300, 2000
SEVERITY_NAMES = {
    "critical": 1, "high": 2, "error": 2, "major": 2,
    "medium": 3, "warning": 3, "minor": 3, "low": 4, "info": 4,
}
STATUSES = {"firing": "firing", "trigger": "firing", "resolved": "resolved", "resolve": "resolved"}
_SOURCE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
_RFC3339 = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)\Z")


def parse_generic(body: bytes) -> list[AlertIn]:
    """Every alert in a generic webhook body, or PayloadError naming the first thing wrong."""
    doc = load_json(body)
    if isinstance(doc, dict):
        return [_alert(doc, "")]
    if isinstance(doc, list):
        if not doc:
            raise PayloadError("body: empty list; expected at least one alert")
        return [_alert(item, f"[{i}]") for i, item in enumerate(doc)]
    raise PayloadError(f"body: expected an object or a list of objects, got {kind(doc)}")


def _alert(item: object, path: str) -> AlertIn:
    if not isinstance(item, dict):
        raise PayloadError(f"{path}: expected an object, got {kind(item)}")
    # Every key asked for here is a plain name: its place is joined directly (where() is for keys from outside).
    at = (lambda key: f"{path}.{key}") if path else (lambda key: key)
    title = _text(item, "title", at("title"))
    if title is None:
        raise PayloadError(f"{at('title')}: required")
    title = " ".join(title.split())
    if not title:
        raise PayloadError(f"{at('title')}: must not be empty")
    if len(title) > TITLE_MAX:
        raise PayloadError(f"{at('title')}: too long ({len(title)} characters; at most {TITLE_MAX})")
    source = (_text(item, "source", at("source")) or "").strip().lower() or "generic"
    if not _SOURCE.match(source):
        raise PayloadError(f"{at('source')}: expected a lowercase identifier (a-z, 0-9, '.', '_', '-'), "
                           f"got {shown(item['source'])}")
    key = (_text(item, "dedup_key", at("dedup_key")) or "").strip() or derived_dedup_key(source, title)
    if len(key) > DEDUP_KEY_MAX:
        raise PayloadError(f"{at('dedup_key')}: too long ({len(key)} characters; at most {DEDUP_KEY_MAX})")
    started = item.get("started_at")
    return AlertIn(
        source=source, group_key=key, fingerprint=key, title=title,
        status=_status(item.get("status"), at("status")),
        severity=_severity(item.get("severity"), at("severity")),
        description=bounded((_text(item, "description", at("description")) or "").strip(), DESCRIPTION_MAX,
                            at("description")),
        links=_links(item.get("links"), at("links")),
        labels=string_map(item.get("labels"), at("labels")),
        started_at=None if started is None else timestamp(started, at("started_at")),
        raw=dict(item),
    )


def derived_dedup_key(source: str, title: str) -> str:
    """The dedup key of an alert sent without one: the same source and title (ignoring case) group together."""
    digest = hashlib.sha256(f"{source}\n{title.casefold()}".encode()).hexdigest()
    return f"{source}:title:{digest[:20]}"


def _text(item: dict, key: str, path: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise PayloadError(f"{path}: expected a string, got {kind(value)}")
    return value


def _status(value: object, path: str) -> str:
    if value is None:
        return "firing"
    if isinstance(value, str) and value.strip().lower() in STATUSES:
        return STATUSES[value.strip().lower()]
    raise PayloadError(f"{path}: expected firing or resolved (or trigger, resolve), got {shown(value)}")


def _severity(value: object, path: str) -> int:
    if value is None:
        return DEFAULT_SEVERITY
    if isinstance(value, str):
        word = value.strip().lower()
        if word in SEVERITY_NAMES:
            return SEVERITY_NAMES[word]
        if re.fullmatch(r"[0-9]", word) and int(word) in SEVERITIES:
            return int(word)
    elif isinstance(value, int) and not isinstance(value, bool) and value in SEVERITIES:
        return value
    raise PayloadError(f"{path}: expected 1-4 or one of {', '.join(SEVERITY_NAMES)}, got {shown(value)}")


def _links(value: object, path: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PayloadError(f"{path}: expected a list, got {kind(value)}")
    links = []
    for i, link in enumerate(value):
        at = where(path, i)
        url: object
        text: str | None  # None or empty: the URL is the text
        if isinstance(link, str):
            text, url, url_at = link, link, at
        elif isinstance(link, dict):
            url, url_at = link.get("url"), where(at, "url")
            if url is None:
                raise PayloadError(f"{url_at}: required")
            text = _text(link, "text", where(at, "text"))
        else:
            raise PayloadError(f"{at}: expected a URL or an object with text and url, got {kind(link)}")
        if not is_http_url(url):
            raise PayloadError(f"{url_at}: expected an http or https URL, got {shown(url)}")
        bounded(url, URL_MAX, url_at)
        links.append((bounded((text or url).strip() or url, LINK_TEXT_MAX, where(at, "text")), url))
    return tuple(links)


def string_map(value: object, path: str) -> dict[str, str]:
    """An object of labels with string, number or boolean values, as strings ("true", "42")."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError(f"{path}: expected an object of strings, got {kind(value)}")
    labels = {}
    for key, item in value.items():  # the place of a key is worked out only for an error: a storm has 1000s
        if len(key) > LABEL_NAME_MAX:
            bounded(key, LABEL_NAME_MAX, where(path, key), "name")
        if type(item) is str:
            text = item
        elif isinstance(item, bool):
            text = "true" if item else "false"
        elif isinstance(item, (str, int, float)):
            text = str(item)
        else:
            raise PayloadError(f"{where(path, key)}: expected a string, number or boolean, got {kind(item)}")
        if len(text) > LABEL_VALUE_MAX:
            bounded(text, LABEL_VALUE_MAX, where(path, key))
        labels[key] = text
    return labels


def bounded(text: str, limit: int, path: str, what: str = "") -> str:
    """`text`, or PayloadError when it is longer than `limit` characters."""
    if len(text) > limit:
        raise PayloadError(f"{path}: too long{' a ' + what if what else ''} ({len(text)} characters; at most {limit})")
    return text


def timestamp(value: object, path: str) -> datetime:
    """An RFC 3339 timestamp (offset required) as an aware datetime."""
    if isinstance(value, str) and _RFC3339.match(value.strip()):
        try:  # the offset can carry 9999-12-31 past the last day a database (or Python) can hold
            parsed = datetime.fromisoformat(value.strip().upper())
            parsed.astimezone(UTC)
        except (ValueError, OverflowError):
            pass
        else:
            return parsed
    raise PayloadError(f"{path}: expected an RFC 3339 timestamp like 2026-11-28T03:00:00+01:00, got {shown(value)}")
