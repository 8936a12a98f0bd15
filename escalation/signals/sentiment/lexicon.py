"""Sentiment lexicons shipped with the package: `lexicons/<name>.tsv`, one `word<TAB>valence` a line; a word
written `=word` is matched as written only (never through its stem or with a prefix taken off)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, float]                 # every form of every entry -> its valence
    phrases: dict[tuple[str, ...], float]   # entries of several words, folded
    exact: dict[str, float]                 # entries matched only as written: their first form -> valence


def load(name: str, forms: Callable[[str], tuple[str, ...]], key: Callable[[str], str],
         exact: Callable[[str], bool] = lambda word: False) -> Lexicon:
    """The lexicon `name`: each single-word entry under every form `forms` gives it (the first entry wins), or
    only as written when it is marked `=` or `exact` says so; each phrase as the `key` of its words."""
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    only: dict[str, float] = {}
    for word, valence in entries((files(__package__) / "lexicons" / f"{name}.tsv").read_text("utf-8")):
        if " " in word:
            phrases.setdefault(tuple(key(part) for part in word.split()), valence)
        elif word.startswith("=") or exact(word):
            only.setdefault(forms(word.removeprefix("="))[0], valence)
        else:
            for form in forms(word):
                words.setdefault(form, valence)
    return Lexicon(words, phrases, only)


def entries(text: str) -> list[tuple[str, float]]:
    """(word, valence) of each line; `#` starts a comment, blank lines are skipped."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, valence = line.rpartition("\t")
        if not word.strip():
            raise ValueError(f"lexicon line {number}: expected a word, a tab and a valence, got {line!r}")
        found.append((" ".join(word.split()), float(valence)))
    return found
