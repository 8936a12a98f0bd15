"""What is usual for a topic: robust counts and sentiment from the hours before the current window."""
from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from escalation.signals.points import MentionPoint, Stream

MAD_TO_SD = 1.4826  # a MAD times this estimates the standard deviation of normally spread data
SHARE_FLOOR = 0.02  # a baseline of 0% negative would make a single negative mention "impossible"


@dataclass(frozen=True)
class Counts:
    median: float
    mad: float
    spread: float  # the scale a robust z-score divides by

    def z(self, observed: int) -> float:
        return (observed - self.median) / self.spread


def usual_counts(counts: Sequence[int]) -> Counts:
    """Median and MAD of window counts.

    Why median/MAD and not an EWMA: a crisis earlier in the day, or last night's silence, moves an average
    but not a median (up to half the windows may be odd), and the MAD widens on its own for a topic whose
    volume swings between day and night. The spread never goes below the Poisson noise of the median (its
    square root) nor below 1, so a topic that is usually silent is not "infinitely" surprised by two posts.
    """
    median = statistics.median(counts)
    mad = statistics.median(abs(count - median) for count in counts)
    return Counts(median, mad, max(MAD_TO_SD * mad, math.sqrt(median), 1.0))


@dataclass(frozen=True)
class Share:
    negative: int
    scored: int

    @property
    def value(self) -> float:
        return self.negative / self.scored


def negative_share(mentions: Sequence[MentionPoint]) -> Share:
    """Negative of the scored mentions; unscored ones (a language TextBlob cannot read) are left out."""
    scored = [mention for mention in mentions if mention.scored]
    return Share(sum(mention.label == "negative" for mention in scored), len(scored))


def share_in(stream: Stream, start, end) -> Share:
    """negative_share of the stream's mentions in (start, end], from its running totals."""
    return Share(stream.total(stream.negative, start, end), stream.total(stream.scored, start, end))


def unlikely(observed: Share, usual: float, threshold: float) -> bool:
    """Whether this many negatives would be rarer than a `threshold`-sigma event if `usual` still held.

    Exact binomial tail rather than a normal approximation: in the small samples of a quiet hour (12 scored
    mentions) the approximation makes 6 negatives look three times rarer than they are, and pages people.
    """
    p = min(max(usual, SHARE_FLOOR), 1 - SHARE_FLOOR)
    n, k = observed.scored, observed.negative
    log_terms = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                 + i * math.log(p) + (n - i) * math.log1p(-p) for i in range(k, n + 1)]
    top = max(log_terms)
    tail = math.exp(top) * sum(math.exp(term - top) for term in log_terms)
    return tail <= 0.5 * math.erfc(threshold / math.sqrt(2))


def band(usual: float, jump: float) -> tuple[float, float]:
    """The normal range of the negative share: usual ± half the jump that fires the rule.

    Half the jump leaves a gap between "back to normal" and "fires again", so a share hovering at the
    threshold does not flap between crisis and recovery.
    """
    return max(0.0, usual - jump / 2), min(1.0, usual + jump / 2)


@dataclass(frozen=True)
class Polarity:
    mean: float
    sd: float
    count: int


def polarity_in(stream: Stream, start, end) -> Polarity | None:
    """Mean and spread of the polarity numbers in (start, end]; mentions with only a label have none."""
    count = stream.total(stream.with_polarity, start, end)
    if not count:
        return None
    mean = stream.total(stream.polarity_sum, start, end) / count
    variance = stream.total(stream.polarity_squares, start, end) / count - mean * mean
    return Polarity(mean, math.sqrt(max(variance, 0.0)), count)

