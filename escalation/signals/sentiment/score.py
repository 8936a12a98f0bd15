"""What scoring a mention gives: a label and a polarity, which scorer gave them, or why there are none."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Score:
    label: str              # "negative" | "neutral" | "positive" | "unscored"
    polarity: float | None  # in [-1, 1]; None when unscored, or when the source sent a label without a number
    by: str                 # "source" | "textblob" | "polish" | "hebrew" | "none"
    reason: str = field(default="", compare=False)  # why unscored, e.g. "no scorer for de"


UNSCORED = Score("unscored", None, "none")


def unscored(reason: str) -> Score:
    return Score("unscored", None, "none", reason)


def label_for(polarity: float, negative_below: float = -0.1, positive_above: float = 0.1) -> str:
    if polarity < negative_below:
        return "negative"
    if polarity > positive_above:
        return "positive"
    return "neutral"
