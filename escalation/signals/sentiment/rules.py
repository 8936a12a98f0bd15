"""A lexicon-and-rules scorer in the spirit of VADER (Hutto & Gilbert, 2014), for any language given its words.

Each word found in the lexicon has a valence (-4 to 4). A negation in the three words before flips and damps
it, an intensifier or diminisher next to it moves it, "but" weighs what follows it more than what came before,
a word in capitals among lowercase ones and exclamation marks add emphasis, and an eye-roll emoji turns praise
into sarcasm. The sum is squashed into [-1, 1] as VADER's compound score.
"""
from __future__ import annotations

import math

from escalation.signals.sentiment.language import Language, Word
from escalation.signals.sentiment.words import tokens

NEGATION = -0.74      # VADER's N_SCALAR: "not good" is less bad than "bad" is bad
CAPITALS = 0.733      # VADER's C_INCR
EXCLAMATION = 0.292   # per "!", at most four
BEFORE, AFTER = 0.5, 1.5  # around "but"
ALPHA = 15            # VADER's normalisation constant
WINDOW = 3            # words before a sentiment word that a negation or intensifier reaches across

__all__ = ["Language", "polarity"]


def polarity(language: Language, text: str) -> float:
    """The text's sentiment in [-1, 1]; 0.0 when no word of it carries any."""
    tokens_ = tokens(text)
    words = [language.word(token) for token in tokens_]
    marks = sum(len(token) for token in tokens_ if token[0] == "!")
    capitals = [word.capitals for word in words if word.lettered]
    shouting = any(capitals) and not all(capitals)
    sarcastic = any(word.sarcasm for word in words)
    valences: list[float] = []
    turn = None
    position = 0
    while position < len(words):
        length, valence = _phrase(language, words, position) or (1, _valence(words, position))
        if words[position].contrast:
            turn = len(valences)
        if valence:
            valence = _moved(words, position, length, valence, shouting)
            if sarcastic and valence > 0:
                valence *= NEGATION
        valences.append(valence)
        position += length
    if turn is not None:
        valences = [v * BEFORE for v in valences[:turn]] + [v * AFTER for v in valences[turn:]]
    total = sum(valences)
    if total and marks:
        total += math.copysign(EXCLAMATION * min(marks, 4), total)
    return total / math.sqrt(total * total + ALPHA)


def _phrase(language: Language, words: list[Word], at: int) -> tuple[int, float] | None:
    if words[at].key not in language.starts:
        return None
    for length in (4, 3, 2):
        key = tuple(word.key for word in words[at:at + length])
        if len(key) == length and key in language.phrases:
            return length, language.phrases[key]
    return None


def _valence(words: list[Word], at: int) -> float:
    word = words[at]
    if word.intensity and at + 1 < len(words) and words[at + 1].valence:
        return 0.0  # "strasznie drogo": here an intensifier, not a word of its own
    return word.valence


def _moved(words: list[Word], at: int, length: int, valence: float, shouting: bool) -> float:
    sign = math.copysign(1.0, valence)
    if shouting and words[at].capitals:
        valence += sign * CAPITALS
    before = []
    for k in range(1, WINDOW + 1):  # within the clause: "nie dowiozło paczki, masakra" is no praise
        if at - k < 0 or words[at - k].clause_end:
            break
        before.append((words[at - k], 1 - 0.05 * (k - 1)))
    after = [(words[at + length], 1.0)] if at + length < len(words) else []  # Hebrew says "good very": טוב מאוד
    for word, damping in before + after:
        valence += sign * word.intensity * damping
    if any(word.negation for word, _ in before):
        valence *= NEGATION
    return valence
