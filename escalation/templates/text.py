"""Pure rules for a template's text: its `{placeholders}`, filling them, and what a valid draft is."""
from __future__ import annotations

import re
import string
from dataclasses import dataclass

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
PLACEHOLDER = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
# `/crisis template propose|edit|retire` would shadow templates with these keys.
RESERVED_KEYS = ("propose", "edit", "retire")
MAX_TITLE, MAX_BODY, MAX_TAGS = 150, 2500, 12


@dataclass(frozen=True)
class Draft:
    """A template's content as written in the config or the propose form."""

    key: str
    language: str
    title: str
    body: str
    tags: tuple[str, ...] = ()


class MissingValues(Exception):
    """Filling needs values for `missing`; `unknown` were given but the template has no such placeholder."""

    def __init__(self, missing: list[str], unknown: list[str]):
        super().__init__(", ".join(missing + unknown))
        self.missing, self.unknown = missing, unknown


def placeholders(body: str) -> list[str]:
    """The placeholder names of `body` in order of first use; ValueError says how to write a bad one."""
    try:
        parts = list(string.Formatter().parse(body))
    except ValueError:
        raise ValueError("has a lone `{` or `}`; placeholders look like {time}, and {{ or }} writes a brace") from None
    names: list[str] = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not PLACEHOLDER.match(name) or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise ValueError(f"has a placeholder {shown} that is not a plain name; use lowercase letters, "
                             "digits and _ like {time} or {order_number}")
        if name not in names:
            names.append(name)
    return names


def fill(body: str, values: dict[str, str]) -> str:
    """`body` with every placeholder replaced; MissingValues when one has no value or a value has no placeholder."""
    names = placeholders(body)
    missing = [n for n in names if not values.get(n)]
    unknown = [n for n in values if n not in names]
    if missing or unknown:
        raise MissingValues(missing, unknown)
    # Formatter.parse again rather than str.format, so a value is never itself read as a format string.
    return "".join(literal + (values[name] if name is not None else "")
                   for literal, name, _, _ in string.Formatter().parse(body))


def normalize_tags(raw: str) -> tuple[str, ...]:
    """Tags as typed in the form (`public, twitter`) or the config: lowercased, in order, once each."""
    return tuple(dict.fromkeys(t.lower() for t in re.split(r"[\s,]+", raw.strip()) if t))


def draft_problems(draft: Draft) -> dict[str, str]:
    """What is wrong with a draft, per field (key, language, tags, title, body), each saying how to write it."""
    problems: dict[str, str] = {}
    if not KEY.match(draft.key):
        problems["key"] = ("Use lowercase letters, digits, - and _ (at most 64), like holding-statement.")
    elif draft.key in RESERVED_KEYS:
        problems["key"] = f"`{draft.key}` is a /crisis template command; pick another key."
    if not LANGUAGE.match(draft.language):
        problems["language"] = "Use a language code like en, pl or pt-br."
    bad = [t for t in draft.tags if not TAG.match(t)]
    if bad:
        problems["tags"] = (f"{bad[0]!r} is not a tag: use lowercase words with - or _ (like public, "
                            "technical-failure, twitter), separated by commas or spaces.")
    elif len(draft.tags) > MAX_TAGS:
        problems["tags"] = f"At most {MAX_TAGS} tags."
    if not draft.title.strip():
        problems["title"] = "Give the template a short title, like Public holding statement."
    elif len(draft.title) > MAX_TITLE:
        problems["title"] = f"At most {MAX_TITLE} characters (this one has {len(draft.title)})."
    if not draft.body.strip():
        problems["body"] = "Write the reply text."
    elif len(draft.body) > MAX_BODY:
        problems["body"] = f"At most {MAX_BODY} characters (this one has {len(draft.body)})."
    else:
        try:
            placeholders(draft.body)
        except ValueError as error:
            problems["body"] = f"The text {error}."
    return problems
