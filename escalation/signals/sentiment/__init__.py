"""Sentiment of a mention's text, by a scorer for its language: one interface, text and language in, a Score out.

The language is the one the source sent, or detected when it sent none. English is read by TextBlob, Polish and
Hebrew by lexicon-and-rules scorers (rules.py, lexicons/); any other language stays unscored, with the reason.
"""
# ruff: noqa: I001  (submodules in dependency order)
from __future__ import annotations

from collections.abc import Callable

from escalation.signals.sentiment.score import UNSCORED, Score, label_for, unscored
from escalation.signals.sentiment import english, hebrew, polish
from escalation.signals.sentiment.detect import detect

# language code -> (the scorer's name, stored with each mention it scored; its polarity in [-1, 1])
SCORERS: dict[str, tuple[str, Callable[[str], float]]] = {
    "en": (english.NAME, english.polarity),
    "pl": (polish.NAME, polish.polarity),
    "he": (hebrew.NAME, hebrew.polarity),
}
ALIASES = {"eng": "en", "english": "en", "pol": "pl", "polish": "pl", "heb": "he", "hebrew": "he", "iw": "he"}

__all__ = ["SCORERS", "UNSCORED", "Score", "code_of", "label_for", "score_text"]


def score_text(text: str, language: str | None, *, negative_below: float = -0.1,
               positive_above: float = 0.1) -> Score:
    """The text's sentiment by the scorer for `language` (detected when None), or unscored with the reason."""
    code = code_of(language)
    if code is None:
        code = detect(text or "")
        if code is None:
            return unscored("language not given and not recognised")
    if code not in SCORERS:
        return unscored(f"no scorer for {code}")
    name, polarity_of = SCORERS[code]
    polarity = max(-1.0, min(1.0, polarity_of(text or "")))
    return Score(label_for(polarity, negative_below, positive_above), polarity, name)


def code_of(language: str | None) -> str | None:
    """`en`, `EN`, `en-US`, `en_GB`, `eng` -> `en`; None when no language is given."""
    if not language or not language.strip():
        return None
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return ALIASES.get(code, code)
