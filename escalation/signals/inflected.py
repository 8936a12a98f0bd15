"""Keywords found in their inflected forms (Polish `pozew` in "pozwem", Hebrew `חרם` in "בחרם"), a word of text
matching a keyword's word when the two share a form (escalation/signals/sentiment/stemming.py)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from escalation.signals.sentiment.stemming import KEYWORD_FORMS as FORMS
from escalation.signals.sentiment.words import is_word, tokens

Index = dict[str, list[tuple[tuple[frozenset[str], ...], str]]]  # a form of a first word -> (the rest, keyword)


@dataclass(frozen=True)
class Inflected:
    """One language's keywords, matched in any form of their words."""

    code: str
    keywords: tuple[str, ...]

    @classmethod
    def of(cls, code: str, keywords: Iterable[str]) -> Inflected:
        return cls(code, tuple(dict.fromkeys(keyword for keyword in keywords if keyword.split())))

    @staticmethod
    def reads(code: str) -> bool:
        return code in FORMS

    def find(self, text: str) -> set[str]:
        """The keywords (as configured) whose words appear in `text` in some form, one after the other."""
        if not self.keywords:
            return set()
        index = _index(self.code, self.keywords)
        forms_of = FORMS[self.code][1]
        # Punctuation stays in the sequence, with no forms, so a keyword of two words does not span a comma.
        words = [frozenset(forms_of(token)) if is_word(token) else frozenset() for token in tokens(text)]
        found = set()
        for at, forms in enumerate(words):
            for form in forms:
                for rest, keyword in index.get(form, ()):
                    if len(rest) <= len(words) - at - 1 and all(
                            want & have for want, have in zip(rest, words[at + 1:], strict=False)):
                        found.add(keyword)
        return found


@lru_cache(maxsize=64)
def _index(code: str, keywords: tuple[str, ...]) -> Index:
    # Built on first use, not with the config: stemming the keywords loads the stemming table (seconds), which
    # `crisisdesk config check` and a process that never reads a Polish mention need not pay for.
    entry_forms = FORMS[code][0]
    index: Index = {}
    for keyword in keywords:
        first, *rest = [frozenset(entry_forms(word)) for word in keyword.split()]
        for form in first:
            index.setdefault(form, []).append((tuple(rest), keyword))
    return index
