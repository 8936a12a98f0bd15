"""What the timeline's renderers read of an event: a stored TimelineEvent and a review's Event are both one."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Entry(Protocol):
    """One line of the timeline: when, who, what."""

    @property
    def at(self) -> datetime: ...

    @property
    def actor(self) -> str: ...

    @property
    def text(self) -> str: ...
