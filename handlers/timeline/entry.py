"""What the timeline's renderers read of an event: a stored TimelineEvent and a review's Event are both one."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Protocol

from handlers.markup import is_user_id

# Kinds whose text holds a Slack user's own words (decoded at the handler edge, handlers.markup.decoded) or the
# mentions our code wrote (a role): their `<@U…>` mention that person. In every other kind's text (alert titles,
# signal summaries, Slack's errors) nothing is markup: the people the core names there by Slack id (a paged
# stranger, the commander a reminder went to) are listed in the event's `data["mentions"]`, and only those ids
# become mentions (`pieces`).
PEOPLES_WORDS = frozenset({"log", "status_update", "resolved", "role", "pinned"})
PINNED = "Pinned message"


class Entry(Protocol):
    """One line of the timeline: when, who, what."""

    @property
    def at(self) -> datetime: ...

    @property
    def actor(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def data(self) -> dict: ...


def parts(event: Entry) -> tuple[str | None, str, bool]:
    """(the permalink of a pinned message, or None; the rest of the text; whether its mentions are people)."""
    permalink = (event.data or {}).get("permalink") if event.kind == "pinned" else None
    prefix = f"<{permalink}|{PINNED}>: "  # how escalation.room.pins writes it
    if permalink and event.text.startswith(prefix):
        return permalink, event.text[len(prefix):], True
    return None, event.text, event.kind in PEOPLES_WORDS


def pieces(event: Entry, words: str) -> list[tuple[str, bool]]:
    """Plain `words` split around the Slack user ids the core named in `data["mentions"]`: (piece, is that id)."""
    named = (event.data or {}).get("mentions")
    ids = sorted({u for u in named if isinstance(u, str) and is_user_id(u)}, key=len, reverse=True) \
        if isinstance(named, list) else []
    if not ids:
        return [(words, False)]
    # A whole word only: `U0EWA` inside `U0EWAX` or `xU0EWA` is someone else's id, or just text.
    found = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, ids)) + r")(?![A-Za-z0-9])")
    return [(piece, i % 2 == 1) for i, piece in enumerate(found.split(words)) if piece]
