"""English: TextBlob's polarity (its PatternAnalyzer ships its lexicon: no corpus download)."""
from __future__ import annotations

from functools import lru_cache

NAME = "textblob"


@lru_cache(maxsize=1)
def _analyzer():
    # Imported on first use: TextBlob pulls in nltk, which takes a while to import and most processes
    # (the web edge, the CLI) never score.
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


def polarity(text: str) -> float:
    return float(_analyzer().analyze(text).polarity)
