"""Reading `/crisis template` arguments: filters (`tag:public lang:pl`) or `<key> [lang] name=value ...`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from escalation.templates.text import LANGUAGE
from handlers.markup import decoded

# Desktop and phone keyboards turn " into curly quotes, and Polish ones into „...”: all of them close a value.
QUOTES = {'"': '"', "'": "'", "“": "”", "„": "”", "”": "”", "«": "»"}
NAMED = re.compile(r"([^\s=]+)=")
SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
SLACK_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
FILTERS = ("tag", "lang", "language")
EXAMPLE = '`/crisis template holding-statement en time="15:00 CET"`'


@dataclass
class Asked:
    key: str | None = None
    language: str | None = None
    tag: str | None = None
    values: dict[str, str] = field(default_factory=dict)


def parse_template_args(text: str) -> Asked:
    """What `/crisis template ...` asks for; ValueError says how to write it."""
    asked = Asked()
    words = split_words(text)
    filters = [w for name, w in words if name is None and w.partition(":")[0].lower() in FILTERS and ":" in w]
    if filters:
        if len(filters) != len(words):
            raise ValueError("Filters go alone: `/crisis template tag:public lang:pl`. To fill a template: " + EXAMPLE)
        for word in filters:
            kind, _, value = word.partition(":")
            if kind.lower() == "tag" and value:
                asked.tag = value.lower()
            elif kind.lower() in ("lang", "language") and LANGUAGE.match(value.lower()):
                asked.language = value.lower()
            else:
                raise ValueError(f"I don't understand `{word}`. Filter with `tag:public` or `lang:pl`, like "
                                 "`/crisis template tag:public lang:pl`.")
        return asked
    for name, value in words:
        if name is not None:
            asked.values[name.lower()] = plain(value)
        elif asked.key is None and not asked.values:
            asked.key = value.lower()
        elif asked.language is None and not asked.values and LANGUAGE.match(value.lower()):
            asked.language = value.lower()
        else:
            raise ValueError(f"I don't understand `{value}`. After the key and language, write values as "
                             f"name=value, in quotes if there are spaces: {EXAMPLE}")
    return asked


def split_words(text: str) -> list[tuple[str | None, str]]:
    """(name, value) for `name=value` and `name="a quoted value"`, (None, word) for a bare word."""
    words: list[tuple[str | None, str]] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        named = NAMED.match(text, i)
        if named and named.end() < len(text) and text[named.end()] in QUOTES:
            opening = text[named.end()]
            end = text.find(QUOTES[opening], named.end() + 1)
            if end < 0:
                raise ValueError(f"The value of `{named.group(1)}` has no closing quote {QUOTES[opening]}: "
                                 f"write it like {EXAMPLE}")
            words.append((named.group(1), text[named.end() + 1:end]))
            i = end + 1
            continue
        end = i
        while end < len(text) and not text[end].isspace():
            if text[end] == "<" and ">" in text[end:]:  # a Slack link's label may hold spaces: <url|status page>
                end = text.index(">", end)
            end += 1
        word = text[i:end]
        name, equals, value = word.partition("=")
        words.append((name, value) if equals and name else (None, word))
        i = end
    return words


def plain(value: str) -> str:
    """A value as the person typed it, plain (the filled text is escaped once, when shown): Slack sends a link as
    <url|text>, which fills in its text; a person as <@U1|name>, which fills in @name; the rest as decoded."""
    value = SLACK_LINK.sub(lambda m: m.group(2) or m.group(1).removeprefix("mailto:"), value)
    value = SLACK_USER.sub(lambda m: "@" + (m.group(2) or m.group(1)).removeprefix("@"), value)
    return decoded(value).strip()
