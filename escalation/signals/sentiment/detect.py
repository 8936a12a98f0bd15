"""The language of a mention that came without one: py3langid (its model ships in the wheel), offline."""
from __future__ import annotations

import re
import threading
from functools import lru_cache

# Among these only: over all 97 of its languages a short post is spread too thin to trust any answer, and
# these are the languages a brand's conversation here is in. A post in another one stays unrecognised.
CANDIDATES = ("en", "pl", "he", "de", "fr", "es", "it", "pt", "nl", "cs", "sk", "uk", "ru", "sv", "da", "no",
              "fi", "hu", "ro", "tr", "ar", "lt", "lv", "et")
CONFIDENT = 0.75  # a guess below this probability leaves the mention unscored rather than scored as the wrong one
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_LETTER = re.compile(r"[^\W\d_]")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def identifier():
    with _lock:  # two threads (a mention and warm()) load the model once
        return _identifier()


def detect_language(text: str) -> str | None:
    """A two-letter code, or None when the text is too short or too mixed to say."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    if len(_HEBREW.findall(text)) * 2 > letters:  # its own alphabet: no model needed
        return "he"
    code, probability = identifier().classify(text)
    return code if probability >= CONFIDENT else None
