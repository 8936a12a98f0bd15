"""Checks on single fields of outside payloads, shared by every webhook."""
from __future__ import annotations

from functools import lru_cache
from typing import TypeGuard
from urllib.parse import urlsplit

CACHED_LENGTH = 2048  # longer than any URL a webhook may store: the cache holds at most 1024 of these


def is_http_url(value: object) -> TypeGuard[str]:
    """True for an absolute http:// or https:// URL with a host."""
    if not isinstance(value, str):
        return False
    return _known_http_url(value) if len(value) <= CACHED_LENGTH else _is_http_url(value)


def _is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


# The alerts of a group mostly share their links (the rule's, the Alertmanager's): each is parsed once.
_known_http_url = lru_cache(maxsize=1024)(_is_http_url)
