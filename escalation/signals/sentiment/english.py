"""English: TextBlob's polarity (its PatternAnalyzer ships its lexicon: no corpus download)."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

NAME = "textblob"


@lru_cache(maxsize=1)
def _sentiment() -> Callable[[str], tuple[float, float]]:
    # Imported on first use: TextBlob pulls in nltk, which takes a while to import and most processes
    # (the web edge, the CLI) never score. This is the pattern lexicon PatternAnalyzer.analyze() calls: that
    # method builds a new namedtuple class on every call, more than half of its cost per text.
    from textblob.en import sentiment

    return sentiment


def polarity(text: str) -> float:
    return float(_sentiment()(text)[0])
