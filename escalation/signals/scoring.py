"""Sentiment of one mention: the source's own label or score when it sends one, else the scorer for its language
(TextBlob for English, lexicon-and-rules for Polish and Hebrew; see escalation/signals/sentiment/)."""
from __future__ import annotations

import math

from escalation.signals.sentiment import UNSCORED, Score, code_of, label_for, score_text

__all__ = ["UNSCORED", "Score", "is_english", "label_for", "score", "sent"]

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


def score(text: str, language: str | None, source_sentiment: str | float | None, *, detected: bool = False,
          negative_below: float = -0.1, positive_above: float = 0.1) -> Score:
    """The mention's sentiment; raises ValueError (saying what is accepted) for a bad source sentiment.

    A language of None is detected from the text, unless `detected` says the caller did that already."""
    if source_sentiment is not None and sent(source_sentiment):
        return _from_source(source_sentiment, negative_below, positive_above)
    # A language without a scorer stays unscored: TextBlob would read a German complaint as 0.0, falsely neutral.
    return score_text(text, language, detected=detected, negative_below=negative_below,
                      positive_above=positive_above)


def sent(source_sentiment: str | float | None) -> bool:
    """Whether the source sent a sentiment (its "unknown" or "none" is none)."""
    if isinstance(source_sentiment, str):
        return source_sentiment.strip().lower() not in _ABSENT
    return source_sentiment is not None


def is_english(language: str | None) -> bool:
    """`en`, `EN`, `en-US`, `en_GB`, `eng`: English; None (the source did not say) is not."""
    return code_of(language) == "en"


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
