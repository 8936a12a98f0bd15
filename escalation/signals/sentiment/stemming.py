"""How a word is looked up, per language: the forms of a dictionary entry, and the forms tried for a word of text.

Polish inflects (pozew, pozwu, pozwem): pystempel's Polimorf table, which ships in its wheel, brings a form to
its stem. Hebrew glues one-letter words to the next (ו and, ה the, ב in, ל to, מ from, ש that, כ as): they are
stripped off in turn, the whole word being tried first.

A token longer than `LONGEST` is no word: it is neither stemmed nor kept in a cache (a post may carry 40,000
letters without a space, and each cache holds up to 200,000 entries).
"""
from __future__ import annotations

import gzip
import io
import threading
from collections.abc import Callable
from functools import lru_cache

from escalation.signals.sentiment.words import LONGEST, fold

HEBREW_PREFIXES = frozenset("והבלמשכ")
HEBREW_SUFFIXES = ("ים", "ות", "ה", "ת")  # plural and feminine endings, tried after the prefixes
# A letter left last by taking an ending off is written in its final form: מתעלמים -> מתעלמ -> מתעלם.
HEBREW_FINALS = str.maketrans("כמנפצ", "ךםןףץ")
# Infinitive endings: `oszukiwać` and `oszukać` (the two aspects of one verb) share the root `oszuk`.
POLISH_VERB_ENDINGS = ("iwać", "ywać", "awać", "ować", "ać", "ić", "yć", "eć", "ąć", "uć")
SHORT = 3  # an entry this short is matched as written only: `ok` stems to `oko` (an eye)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _polish_stemmer() -> Callable[[str], str | None]:
    # Loaded on first use, or ahead by warm() (sentiment/__init__.py): about 2.7 s and 170-290 MB. Read without
    # the package's progress bar, which would write to stderr.
    from importlib.resources import files

    from pystempel import Stemmer
    from pystempel.streams import DataInputStream

    table = gzip.decompress((files("pystempel.data.polimorf") / "stemmer_polimorf.tbl.gz").read_bytes())
    return Stemmer.from_stream(DataInputStream(io.BytesIO(table)))


def polish_stemmer() -> Callable[[str], str | None]:
    with _lock:  # two threads scoring the first Polish mentions (or warm() and a mention) load the table once
        return _polish_stemmer()


@lru_cache(maxsize=200_000)
def _stem(lower: str) -> str:
    """The stem as the table gives it, diacritics kept (the verb endings are told apart by them)."""
    return polish_stemmer()(lower) or lower


def polish_stem(word: str) -> str:
    """`pozwem` -> `pozew`, `oszuści` -> `oszust`; folded (no diacritics, lowercase)."""
    if len(word) > LONGEST:
        return fold(word)
    return fold(_stem(word.lower()))


def polish_forms(word: str) -> tuple[str, ...]:
    """The word as written, then its stem: a lexicon entry is found under either."""
    folded = fold(word)
    if len(word) > LONGEST:
        return (folded,)
    stem = polish_stem(word)
    return (folded,) if stem == folded else (folded, stem)


def polish_exact(word: str) -> bool:
    """An entry matched only as written: a short one, or one whose stem is another word (`drogo` -> `drogi`
    is fine, `dobrze` -> `doc` is not): its stem would catch the other word's forms."""
    folded = fold(word)
    return len(folded) <= SHORT or not polish_stem(word).startswith(folded[:SHORT])


def polish_entry_forms(word: str) -> tuple[str, ...]:
    return (fold(word),) if polish_exact(word) else polish_forms(word)


def polish_keyword_forms(word: str) -> tuple[str, ...]:
    """Also a verb's root, marked so it never equals a word: `oszukuje` (oszukiwać) meets `oszukać` there."""
    if len(word) > LONGEST:
        return (fold(word),)
    return _polish_keyword_forms(word)


@lru_cache(maxsize=200_000)
def _polish_keyword_forms(word: str) -> tuple[str, ...]:
    stem = _stem(word.lower())
    ending = next((end for end in POLISH_VERB_ENDINGS if stem.endswith(end) and len(stem) - len(end) >= 3), None)
    forms = polish_forms(word)
    return forms if ending is None else (*forms, fold(stem[:-len(ending)]) + "~")


def polish_keyword_entry(word: str) -> tuple[str, ...]:
    return (fold(word),) if polish_exact(word) else polish_keyword_forms(word)


def hebrew_forms(word: str) -> tuple[str, ...]:
    """`ובשירות` -> itself, `בשירות`, `שירות`, then without a plural or feminine ending: `בשיר`…, and those
    with their last letter in its final form (`מעצבנת` -> `מעצבן`)."""
    if len(word) > LONGEST:
        return (fold(word),)
    return _hebrew_forms(word)


@lru_cache(maxsize=200_000)
def _hebrew_forms(word: str) -> tuple[str, ...]:
    base = fold(word)
    bare = [base]
    while len(bare[-1]) > 2 and bare[-1][0] in HEBREW_PREFIXES and len(bare) < 4:
        bare.append(bare[-1][1:])
    ended = [form[:-len(end)] for form in bare for end in HEBREW_SUFFIXES
             if form.endswith(end) and len(form) - len(end) >= 2]
    finals = [form[:-1] + form[-1].translate(HEBREW_FINALS) for form in ended]
    return tuple(dict.fromkeys(bare + ended + finals))


def hebrew_key(word: str) -> str:
    """A word as a phrase compares it: without a leading ו (and), so "ואין מענה" reads as "אין מענה"."""
    folded = fold(word)
    return folded[1:] if folded.startswith("ו") and len(folded) > 2 else folded


def hebrew_entry(word: str) -> tuple[str, ...]:
    return (fold(word),)


def hebrew_exact(word: str) -> bool:
    """A short entry is matched as written only: without a prefix `יפה` (pretty) is in `כיפה` (a skullcap)."""
    return len(fold(word)) <= SHORT


def hebrew_keyword_entry(word: str) -> tuple[str, ...]:
    """A keyword as written and without a plural or feminine ending; its first letter is never taken for a prefix."""
    base = fold(word)
    return (base, *(base[:-len(end)] for end in HEBREW_SUFFIXES if base.endswith(end) and len(base) - len(end) >= 2))


# Crisis keywords, per language: (the forms of a keyword's word, the forms tried for a word of text). They also
# meet across a verb's aspects and a noun's number.
KEYWORD_FORMS: dict[str, tuple[Callable[[str], tuple[str, ...]], Callable[[str], tuple[str, ...]]]] = {
    "pl": (polish_keyword_entry, polish_keyword_forms),
    "he": (hebrew_keyword_entry, hebrew_forms),
}
