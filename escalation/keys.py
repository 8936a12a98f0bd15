"""Keys longer than their column, kept whole in meaning: a readable prefix and the SHA-256 of the whole key.

Real Alertmanager group keys pass 255 characters easily. A key that fits is stored as it is; a longer one becomes
`<prefix>~<64 hex digits>`, exactly as long as the column, the same on SQLite and PostgreSQL. It is computed before
every lookup and insert, so equal keys still meet on their unique index and different ones stay apart.
"""
from __future__ import annotations

import hashlib

DIGEST = 64  # hex digits of a SHA-256


def fitted(key: str, length: int) -> str:
    """`key` itself when it has at most `length` characters, else a prefix of it, `~` and the hash of all of it."""
    if len(key) <= length:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key[:length - DIGEST - 1]}~{digest}"
