"""Crisis keywords in mention text: whole words, any case, with or without diacritics; in Polish and Hebrew also
their inflected forms, through the same stemming the sentiment scorers use (`pozew` finds "pozwem")."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from escalation.signals.inflected import Inflected
from escalation.signals.sentiment.words import fold

__all__ = ["ANY_LANGUAGE", "PREFIX", "KeywordMatcher", "fold", "language_code"]

ANY_LANGUAGE = "*"
PREFIX = "*"  # `oszust*` matches oszustwo, oszustwa, oszustem: any ending, for words without a stemmer


def language_code(language: str | None) -> str | None:
    """`pl-PL`, `PL`, `pl_PL` -> `pl`; None for no language."""
    if not language or not language.strip():
        return None
    return language.strip().lower().replace("_", "-").split("-", 1)[0]


class KeywordMatcher:
    """Finds configured keywords in text; built once per config, used for every mention."""

    def __init__(self, keywords: Mapping[str, Iterable[str]]):
        by_language: dict[str, list[str]] = {}
        for language, words in keywords.items():
            code = ANY_LANGUAGE if language == ANY_LANGUAGE else language_code(language) or ANY_LANGUAGE
            by_language.setdefault(code, []).extend(word for word in words if word and word.strip())
        everything = [word for words in by_language.values() for word in words]
        self._order = {word: position for position, word in reversed(list(enumerate(everything)))}
        self._patterns = {code: _pattern(words) for code, words in by_language.items() if words}
        self._all = _pattern(everything)
        self._inflected = {code: Inflected.of(code, [word for word in words if not word.endswith(PREFIX)])
                           for code, words in by_language.items() if Inflected.reads(code)}
        self._originals: dict[str, list[str]] = {}
        for word in everything:
            spelled = self._originals.setdefault(_key(word), [])
            if word not in spelled:
                spelled.append(word)

    @property
    def inflects(self) -> bool:
        """Whether a list is matched through stemming (Polish, Hebrew): worth knowing a mention's language for."""
        return any(forms.keywords for forms in self._inflected.values())

    def matches(self, text: str, language: str | None = None) -> tuple[str, ...]:
        """The keywords found in `text`, as configured, in configuration order.

        A mention in a known language is checked against that language's list and the `*` list; one whose
        language is unknown against every list, so a crisis word never slips through for want of a language
        (detect it first where you can: every list means every stemmer, the Polish one slow to load).
        """
        code = language_code(language)
        if code is None:
            patterns, inflected = [self._all], list(self._inflected.values())
        else:
            patterns = [self._patterns.get(code), self._patterns.get(ANY_LANGUAGE)]
            inflected = [self._inflected[code]] if code in self._inflected else []
        folded = fold(text or "")
        found = {original for pattern in patterns if pattern is not None
                 for hit in pattern.findall(folded) for original in self._spellings(_key(hit))}
        found.update(original for forms in inflected for original in forms.find(text or ""))
        return tuple(sorted(found, key=self._order.__getitem__))

    def _spellings(self, hit: str) -> list[str]:
        if hit in self._originals:
            return self._originals[hit]
        return [original for key, originals in self._originals.items()
                if key.endswith(PREFIX) and hit.startswith(key[:-1]) for original in originals]


def _key(word: str) -> str:
    return " ".join(fold(word).split())


def _regex(key: str) -> str:
    stem, prefix = (key[:-1], True) if key.endswith(PREFIX) and len(key) > 1 else (key, False)
    return r"\s+".join(map(re.escape, stem.split())) + (r"\w*" if prefix else "")


def _pattern(words: list[str]) -> re.Pattern | None:
    """One alternation for all words, longest first so `data breach` is found whole rather than `data`."""
    keys = sorted({_key(word) for word in words}, key=len, reverse=True)
    if not keys:
        return None
    body = "|".join(_regex(key) for key in keys)
    # (?<!\w)/(?!\w) rather than \b: a keyword may begin or end with a non-letter (`@acme`, `#boycott`), where
    # \b would want a letter beside it. Unicode letters are word characters, so `scam` is not in `scampi`.
    # Inside a lookahead the match consumes nothing, so overlapping keywords (`@acme` and `acme`) are all found.
    return re.compile(rf"(?=((?<!\w)(?:{body})(?!\w)))")
