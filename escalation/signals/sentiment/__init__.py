"""Sentiment of a mention's text, by a scorer for its language: one interface, text and language in, a Score out.

The language is the one the source sent, or detected when it sent none. English is read by TextBlob, Polish and
Hebrew by lexicon-and-rules scorers (rules.py, lexicons/); any other language stays unscored, with the reason.
"""
# ruff: noqa: I001  (submodules in dependency order)
from __future__ import annotations

from collections.abc import Callable, Iterable

from escalation.signals.sentiment.score import UNSCORED, Score, label_for, unscored
from escalation.signals.sentiment import english, hebrew, polish
from escalation.signals.sentiment.detect import detect_language, identifier

# language code -> (the scorer's name, stored with each mention it scored; its polarity in [-1, 1])
SCORERS: dict[str, tuple[str, Callable[[str], float]]] = {
    "en": (english.NAME, english.polarity),
    "pl": (polish.NAME, polish.polarity),
    "he": (hebrew.NAME, hebrew.polarity),
}
ALIASES = {"eng": "en", "english": "en", "pol": "pl", "polish": "pl", "heb": "he", "hebrew": "he", "iw": "he"}
# What warm() loads ahead, per language: the scorers whose first use is slow (Polish: the stemming table).
WARMED: dict[str, Callable[[], object]] = {"pl": polish.language, "he": hebrew.language}
NOT_RECOGNISED = "language not given and not recognised"

__all__ = ["SCORERS", "UNSCORED", "WARMED", "Score", "code_of", "detect_language", "label_for", "score_text",
           "warm"]


def score_text(text: str, language: str | None, *, detected: bool = False, negative_below: float = -0.1,
               positive_above: float = 0.1) -> Score:
    """The text's sentiment by the scorer for `language`, or unscored with the reason. A language of None is
    detected, unless `detected` says that was done already (and failed)."""
    code = code_of(language)
    if code is None:
        code = None if detected else detect_language(text or "")
        if code is None:
            return unscored(NOT_RECOGNISED)
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


def warm(codes: Iterable[str]) -> None:
    """Load now what reading these languages will need, so that no webhook request waits for it: the Polish
    stemming table (about 2.7 s and 170-290 MB), the lexicons, and py3langid's model (about 0.6 s, 100 MB) for
    mentions sent without a language. Run beside the first mentions, each still loads once: under a lock."""
    for code in dict.fromkeys(code_of(code) for code in codes):
        if code in WARMED:
            WARMED[code]()
    identifier()
