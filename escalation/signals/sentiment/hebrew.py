"""Hebrew: the rules over the Hebrew lexicon, a word found with its one-letter prefixes (ו ה ב ל מ ש כ) stripped."""
from __future__ import annotations

import threading
from functools import lru_cache

from escalation.signals.sentiment import rules
from escalation.signals.sentiment.lexicon import load
from escalation.signals.sentiment.stemming import hebrew_entry, hebrew_exact, hebrew_forms, hebrew_key
from escalation.signals.sentiment.words import fold

NAME = "hebrew"
NEGATIONS = ("לא", "אין", "בלי", "ללא", "אף", "אינו", "אינה", "אינם", "איננו", "שום", "חוסר")
INTENSIFIERS = ("מאוד", "ממש", "נורא", "הכי", "ביותר", "לגמרי", "בכלל", "סופר", "מטורף", "פשוט", "כל", "כך",
                "באמת", "מאד", "לחלוטין", "בהחלט", "בחום", "במיוחד", "בטירוף", "ברמות")
DIMINISHERS = ("קצת", "די", "במקצת", "יחסית", "כמעט", "סביר")
CONTRAST = ("אבל", "אך", "אולם", "רק")


_lock = threading.Lock()


def language() -> rules.Language:
    with _lock:  # warm() and the first mention build it once
        return _language()


@lru_cache(maxsize=1)
def _language() -> rules.Language:
    words = load("hebrew", hebrew_entry, hebrew_key, exact=hebrew_exact)
    emoji = load("emoji", lambda word: (word,), fold)
    intensity = {word: 0.293 for word in INTENSIFIERS} | {word: -0.293 for word in DIMINISHERS}
    return rules.Language(
        name=NAME, lexicon={**emoji.words, **words.words}, phrases=words.phrases,
        starts=frozenset(phrase[0] for phrase in words.phrases), exact=words.exact,
        forms=hebrew_forms, key=hebrew_key, negations=frozenset(NEGATIONS), intensity=intensity,
        contrast=frozenset(CONTRAST))


def polarity(text: str) -> float:
    return rules.polarity(language(), text)
