"""A mention as the core receives it: plain values, whichever tool posted it and however it was shaped."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class MentionIn:
    """One social mention. `id` is the sending tool's own id: the same id from the same source is stored once."""

    id: str
    text: str
    published_at: datetime
    url: str | None = None
    author: str | None = None
    followers: int = 0
    platform: str | None = None
    language: str | None = None
    sentiment: str | float | None = None  # the tool's own score: a label or a number in [-1, 1]
    tags: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict)
