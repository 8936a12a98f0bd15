"""What detection works on and what it produces: mentions as points in time, and triggers."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate

EVIDENCE = 5  # top mentions by reach shown with a trigger


@dataclass(frozen=True)
class MentionPoint:
    """One stored mention, as detection sees it."""

    at: datetime                 # published
    label: str                   # negative | neutral | positive | unscored
    polarity: float | None       # None when unscored or when the source sent only a label
    followers: int
    keywords: tuple[str, ...]    # the crisis keywords found in it
    id: str
    url: str | None
    author: str | None
    text: str
    scored_by: str = "none"      # source | textblob | polish | hebrew | none

    @property
    def scored(self) -> bool:
        return self.label != "unscored"


@dataclass(frozen=True)
class Trigger:
    """A rule that fired: the numbers behind it and the mentions to look at first."""

    topic: str
    rule: str            # spike | negative_share | sentiment_drop | high_reach | keyword
    severity: int
    at: datetime
    observed: dict       # JSON-ready numbers for the window, e.g. {"mentions": 84, "window": "15 min"}
    baseline: dict       # ... and what is usual, e.g. {"median": 6, "mad": 2}
    summary: str         # one line a person reads
    evidence: tuple[MentionPoint, ...]


class Stream:
    """A topic's mentions in time order, cut into windows that end at a given instant.

    Running totals (scored, negative, polarity sums) make every window's numbers two lookups, so a
    24-hour baseline costs the same at 30,000 mentions a day as at 300.
    """

    def __init__(self, mentions: Sequence[MentionPoint]):
        self.mentions = sorted(mentions, key=lambda mention: mention.at)  # near-linear when already sorted
        self.times = [mention.at for mention in self.mentions]
        polarities = [mention.polarity for mention in self.mentions]
        self.scored = _running(mention.label != "unscored" for mention in self.mentions)
        self.negative = _running(mention.label == "negative" for mention in self.mentions)
        self.with_polarity = _running(value is not None for value in polarities)
        self.polarity_sum = _running(value or 0.0 for value in polarities)
        self.polarity_squares = _running((value or 0.0) ** 2 for value in polarities)

    def between(self, start: datetime, end: datetime) -> list[MentionPoint]:
        """Mentions published in (start, end]: windows ending at `now` include a mention published at `now`."""
        return self.mentions[bisect_right(self.times, start):bisect_right(self.times, end)]

    def span(self, start: datetime, end: datetime) -> slice:
        return slice(bisect_right(self.times, start), bisect_right(self.times, end))

    def count(self, start: datetime, end: datetime) -> int:
        return bisect_right(self.times, end) - bisect_right(self.times, start)

    def total(self, running: list, start: datetime, end: datetime):
        """The sum of one running total over (start, end]."""
        cut = self.span(start, end)
        return running[cut.stop] - running[cut.start]

    def window_counts(self, end: datetime, window: timedelta, span: timedelta) -> list[int]:
        """Counts of the back-to-back windows of length `window` filling `span` before `end`."""
        return [self.count(end - window * (k + 1), end - window * k) for k in range(max(1, span // window))]


def _running(values) -> list:
    return list(accumulate(values, initial=0))


def top_by_reach(mentions: Sequence[MentionPoint]) -> tuple[MentionPoint, ...]:
    """The mentions most people saw, newest first among equals."""
    return tuple(sorted(mentions, key=lambda mention: (mention.followers, mention.at), reverse=True)[:EVIDENCE])
