"""Words as the scorers and the keyword matcher read them: folded for comparison, split into tokens."""
from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into base + accent, so NFKD alone would keep them apart.
_UNDECOMPOSED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "þ": "th",
                               "æ": "ae", "œ": "oe"})
# An emoticon, a word (letters, digits, an inner apostrophe, hyphen or Hebrew geresh), a run of "!", a mark that
# ends a clause, or one emoji.
TOKEN = re.compile(r"[:;]-?[()D]|\w+(?:['’׳״\"-]\w+)*|!+|[,.;:?]|[\U0001F000-\U0001FAFF\u2600-\u27BF]\ufe0f?")
CLAUSE_END = frozenset(",.;:?")
LONGEST = 40  # letters: a longer token is no word of any language; it is neither looked up nor cached


def fold(text: str) -> str:
    """Lowercase without diacritics, so `Kłamstwo`, `KLAMSTWO` and `kłamstwo` all read `klamstwo`."""
    if text.isascii():  # most words of most posts: nothing to take off
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    """The words, exclamation runs and emoji of `text`, in order, as written (case kept)."""
    return TOKEN.findall(text)


def is_clause_end(token: str) -> bool:
    return token in CLAUSE_END or token[0] == "!"


def is_word(token: str) -> bool:
    return (token[0].isalnum() or token[0] == "_") and len(token) <= LONGEST
