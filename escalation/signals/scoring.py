"""Sentiment of one mention: the source's own label or score when it sends one, else TextBlob for English."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

# What listening tools call their labels; anything else is refused so a typo never becomes "neutral".
_SYNONYMS = {
    "negative": "negative", "neg": "negative", "bad": "negative", "very negative": "negative",
    "very_negative": "negative",
    "neutral": "neutral", "neu": "neutral", "mixed": "neutral",
    "positive": "positive", "pos": "positive", "good": "positive", "very positive": "positive",
    "very_positive": "positive",
}
# Tools that did not score a mention say so in words; that is "no source sentiment", not a bad value.
_ABSENT = {"", "none", "unknown", "n/a", "na", "null", "unscored"}


@dataclass(frozen=True)
class Score:
    label: str              # "negative" | "neutral" | "positive" | "unscored"
    polarity: float | None  # in [-1, 1]; None when unscored, or when the source sent a label without a number
    by: str                 # "source" | "textblob" | "none"


UNSCORED = Score("unscored", None, "none")


def score(text: str, language: str | None, source_sentiment: str | float | None, *,
          negative_below: float = -0.1, positive_above: float = 0.1) -> Score:
    """The mention's sentiment; raises ValueError (saying what is accepted) for a bad source sentiment."""
    if isinstance(source_sentiment, str) and source_sentiment.strip().lower() in _ABSENT:
        source_sentiment = None
    if source_sentiment is not None:
        return _from_source(source_sentiment, negative_below, positive_above)
    if not is_english(language):
        # TextBlob's lexicon is English only: a Polish complaint would read as 0.0, i.e. falsely "neutral".
        return UNSCORED
    polarity = _textblob_polarity(text or "")
    return Score(label_for(polarity, negative_below, positive_above), polarity, "textblob")


def label_for(polarity: float, negative_below: float = -0.1, positive_above: float = 0.1) -> str:
    if polarity < negative_below:
        return "negative"
    if polarity > positive_above:
        return "positive"
    return "neutral"


def is_english(language: str | None) -> bool:
    """`en`, `EN`, `en-US`, `en_GB`, `eng`: English; None (the source did not say) is not."""
    if not language:
        return False
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return code in ("en", "eng", "english")


def _from_source(value: str | float, negative_below: float, positive_above: float) -> Score:
    if isinstance(value, bool):
        raise ValueError(f"sentiment must be a label (negative, neutral, positive) or a number "
                         f"from -1 to 1, got {value!r}")
    if isinstance(value, str):
        word = " ".join(value.strip().lower().split())
        if word in _SYNONYMS:
            return Score(_SYNONYMS[word], None, "source")
        try:
            value = float(word)
        except ValueError:
            raise ValueError(f"sentiment {value!r} is not a label (negative, neutral, positive) "
                             "nor a number from -1 to 1") from None
    if not isinstance(value, (int, float)) or math.isnan(value) or not -1 <= value <= 1:
        raise ValueError(f"sentiment score must be a number from -1 to 1, got {value!r}")
    polarity = float(value)
    return Score(label_for(polarity, negative_below, positive_above), polarity, "source")


@lru_cache(maxsize=1)
def _analyzer():
    # Imported on first use: TextBlob pulls in nltk, which takes a while to import and most processes
    # (the web edge, the CLI) never score. Its PatternAnalyzer ships its lexicon: no corpus download.
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


def _textblob_polarity(text: str) -> float:
    return float(_analyzer().analyze(text).polarity)
