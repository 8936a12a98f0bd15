"""Checks on single fields of outside payloads, shared by every webhook."""
from __future__ import annotations

from typing import TypeGuard
from urllib.parse import urlsplit


def is_http_url(value: object) -> TypeGuard[str]:
    """True for an absolute http:// or https:// URL with a host."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
