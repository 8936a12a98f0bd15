"""Polish: the rules over the Polish lexicon, words found through their stems (pystempel)."""
from __future__ import annotations

import threading
from functools import lru_cache

from escalation.signals.sentiment import rules
from escalation.signals.sentiment.lexicon import load
from escalation.signals.sentiment.stemming import polish_entry_forms, polish_exact, polish_forms, polish_stem
from escalation.signals.sentiment.words import fold

NAME = "polish"
# `bez` (without) and `brak` (lack) negate as `nie` does: "bez problemu" is praise, "brak kontaktu" a complaint.
NEGATIONS = ("nie", "ani", "bez", "brak", "nigdy", "żaden", "żadnych", "zero")
INTENSIFIERS = ("bardzo", "totalnie", "mega", "naprawdę", "kompletnie", "zupełnie", "absolutnie", "wyjątkowo",
                "niesamowicie", "niezwykle", "ogromnie", "strasznie", "okropnie", "cholernie", "maksymalnie",
                "wręcz", "serio", "tak", "taki", "najbardziej", "całkowicie", "kompletny", "totalny", "zupełny",
                "wielki", "ogromny", "drastycznie")
DIMINISHERS = ("trochę", "nieco", "lekko", "raczej", "dość", "dosyć", "odrobinę", "ciut", "prawie", "średnio",
               "względnie", "całkiem")
CONTRAST = ("ale", "jednak", "lecz", "natomiast", "tylko")


_lock = threading.Lock()


def language() -> rules.Language:
    with _lock:  # warm() and the first mention build it once
        return _language()


@lru_cache(maxsize=1)
def _language() -> rules.Language:
    """Built on first use: the lexicon's words are stemmed, which loads the stemming table."""
    words = load("polish", polish_forms, polish_stem, exact=polish_exact)
    emoji = load("emoji", lambda word: (word,), polish_stem)
    intensity = {form: 0.293 for word in INTENSIFIERS for form in polish_entry_forms(word)}
    intensity.update({form: -0.293 for word in DIMINISHERS for form in polish_entry_forms(word)})
    return rules.Language(
        name=NAME, lexicon={**emoji.words, **words.words}, phrases=words.phrases,
        starts=frozenset(phrase[0] for phrase in words.phrases), exact=words.exact,
        forms=polish_forms, key=polish_stem, negations=frozenset(fold(word) for word in NEGATIONS),
        intensity=intensity, contrast=frozenset(fold(word) for word in CONTRAST))


def polarity(text: str) -> float:
    return rules.polarity(language(), text)
