"""What the rules need to read one language, and of each token of it, looked up once per distinct token."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from escalation.signals.sentiment.words import LONGEST, is_clause_end, is_word

SARCASM = frozenset({"🙄", "🤡", "🙃"})  # an eye-roll turns praise into sarcasm


class Word(NamedTuple):
    """What the rules need of one token, looked up once per distinct token."""

    valence: float
    negation: bool
    intensity: float
    contrast: bool
    key: str            # as a phrase compares it
    clause_end: bool
    lettered: bool      # a word with letters (not a number, an emoji or punctuation)
    capitals: bool      # ... written in capitals
    sarcasm: bool       # an eye-roll


@dataclass(frozen=True)
class Language:
    """What the rules need to read one language; the words are as `forms` gives them (folded)."""

    name: str                                       # the scorer's name, stored with each mention it scored
    lexicon: Mapping[str, float]                    # a form of a word, or an emoji -> valence
    phrases: Mapping[tuple[str, ...], float]        # words read together ("dzięki za nic"), each as `key` gives it
    forms: Callable[[str], tuple[str, ...]]         # the forms to look a word of text up under, best first
    key: Callable[[str], str]                       # the one form a phrase's words are compared in
    negations: frozenset[str]
    intensity: Mapping[str, float]                  # intensifiers (> 0) and diminishers (< 0)
    contrast: frozenset[str]                        # "but"
    starts: frozenset[str] = frozenset()            # the first words of the phrases
    exact: Mapping[str, float] = field(default_factory=dict)  # words found only as written (folded) -> valence
    seen: dict[str, Word] = field(default_factory=dict, compare=False, repr=False)  # token -> Word, a cache

    def word(self, token: str) -> Word:
        if len(token) > LONGEST:  # no word (or a run of "!"): neither looked up nor kept
            return _LONG_MARKS if is_clause_end(token) else _NOTHING
        found = self.seen.get(token)
        if found is None:
            if len(self.seen) > 200_000:  # a cache, not a memory leak: start over
                self.seen.clear()
            found = self.seen[token] = _word(self, token)
        return found


def _word(language: Language, token: str) -> Word:
    if is_clause_end(token):
        return Word(0.0, False, 0.0, False, token, True, False, False, False)
    if not is_word(token):
        bare = token.rstrip("\ufe0f")
        return Word(language.lexicon.get(bare, 0.0), False, 0.0, False, token, False, False, False, bare in SARCASM)
    forms = language.forms(token)
    negation = any(form in language.negations for form in forms)
    intensity = next((language.intensity[form] for form in forms if form in language.intensity), 0.0)
    valence = 0.0 if negation else _valence(language, forms)
    lettered = any(char.isalpha() for char in token)
    return Word(valence, negation, intensity, any(form in language.contrast for form in forms),
                language.key(token), False, lettered, lettered and token.isupper(), False)


def _valence(language: Language, forms: tuple[str, ...]) -> float:
    """The word as written (`forms[0]`) may be an entry matched only so; else the first form found."""
    if forms[0] in language.exact:
        return language.exact[forms[0]]
    return next((language.lexicon[form] for form in forms if form in language.lexicon), 0.0)


_NOTHING = Word(0.0, False, 0.0, False, "", False, False, False, False)
_LONG_MARKS = Word(0.0, False, 0.0, False, "!", True, False, False, False)
