"""How a word is looked up, per language: the forms of a dictionary entry, and the forms tried for a word of text.

Polish inflects (pozew, pozwu, pozwem): pystempel's Polimorf table, which ships in its wheel, brings a form to
its stem. Hebrew glues one-letter words to the next (ו and, ה the, ב in, ל to, מ from, ש that, כ as): they are
stripped off in turn, the whole word being tried first.
"""
from __future__ import annotations

import gzip
import io
import threading
from collections.abc import Callable
from functools import lru_cache

from escalation.signals.sentiment.words import fold

HEBREW_PREFIXES = frozenset("והבלמשכ")
HEBREW_SUFFIXES = ("ים", "ות", "ה", "ת")  # plural and feminine endings, tried after the prefixes
# Infinitive endings: `oszukiwać` and `oszukać` (the two aspects of one verb) share the root `oszuk`.
POLISH_VERB_ENDINGS = ("iwać", "ywać", "awać", "ować", "ać", "ić", "yć", "eć", "ąć", "uć")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _polish_stemmer() -> Callable[[str], str | None]:
    # Loaded on first use (about 2 s, 180 MB): only processes that read Polish pay for it. Read without the
    # package's progress bar, which would write to stderr.
    from importlib.resources import files

    from pystempel import Stemmer
    from pystempel.streams import DataInputStream

    table = gzip.decompress((files("pystempel.data.polimorf") / "stemmer_polimorf.tbl.gz").read_bytes())
    return Stemmer.from_stream(DataInputStream(io.BytesIO(table)))


def polish_stemmer() -> Callable[[str], str | None]:
    with _lock:  # two threads scoring the first Polish mentions load the table once
        return _polish_stemmer()


@lru_cache(maxsize=200_000)
def polish_stem(word: str) -> str:
    """`pozwem` -> `pozew`, `oszuści` -> `oszust`; folded (no diacritics, lowercase)."""
    lower = word.lower()
    return fold(polish_stemmer()(lower) or lower)


def polish_forms(word: str) -> tuple[str, ...]:
    """The word as written, then its stem: a lexicon entry is found under either."""
    folded = fold(word)
    stem = polish_stem(word)
    return (folded,) if stem == folded else (folded, stem)


@lru_cache(maxsize=200_000)
def polish_keyword_forms(word: str) -> tuple[str, ...]:
    """Also a verb's root, marked so it never equals a word: `oszukuje` (oszukiwać) meets `oszukać` there."""
    stem = polish_stemmer()(word.lower()) or word.lower()
    ending = next((end for end in POLISH_VERB_ENDINGS if stem.endswith(end) and len(stem) - len(end) >= 3), None)
    forms = polish_forms(word)
    return forms if ending is None else (*forms, fold(stem[:-len(ending)]) + "~")


@lru_cache(maxsize=200_000)
def hebrew_forms(word: str) -> tuple[str, ...]:
    """`ובשירות` -> itself, `בשירות`, `שירות`, then without a plural or feminine ending: `בשיר`…"""
    base = fold(word)
    bare = [base]
    while len(bare[-1]) > 2 and bare[-1][0] in HEBREW_PREFIXES and len(bare) < 4:
        bare.append(bare[-1][1:])
    ended = [form[:-len(end)] for form in bare for end in HEBREW_SUFFIXES
             if form.endswith(end) and len(form) - len(end) >= 2]
    return tuple(dict.fromkeys(bare + ended))


def hebrew_entry(word: str) -> tuple[str, ...]:
    return (fold(word),)


def hebrew_keyword_entry(word: str) -> tuple[str, ...]:
    """A keyword as written and without a plural or feminine ending; its first letter is never taken for a prefix."""
    base = fold(word)
    return (base, *(base[:-len(end)] for end in HEBREW_SUFFIXES if base.endswith(end) and len(base) - len(end) >= 2))


# language -> (forms of a dictionary entry or keyword, forms tried for a word of text, first found wins)
FORMS: dict[str, tuple[Callable[[str], tuple[str, ...]], Callable[[str], tuple[str, ...]]]] = {
    "pl": (polish_forms, polish_forms),
    "he": (hebrew_entry, hebrew_forms),
}
# The same for crisis keywords, which also meet across a verb's aspects and a noun's number.
KEYWORD_FORMS: dict[str, tuple[Callable[[str], tuple[str, ...]], Callable[[str], tuple[str, ...]]]] = {
    "pl": (polish_keyword_forms, polish_keyword_forms),
    "he": (hebrew_keyword_entry, hebrew_forms),
}
