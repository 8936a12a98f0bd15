"""What the timeline's renderers read of an event: a stored TimelineEvent and a review's Event are both one."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

# Kinds whose text holds a Slack user's own words (decoded at the handler edge, handlers.markup.decoded) or the
# mentions our code wrote (a role): their `<@U…>` mention that person. In every other kind's text (alert titles,
# signal summaries, Slack's errors) nothing is markup.
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
