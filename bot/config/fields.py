"""Readers for single config values: each checks one shape and appends a Problem instead of raising."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import timedelta

from bot.config.durations import parse_duration
from bot.config.problems import Problem
from bot.config.yamlpos import index, join

KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
KEY_RULE = "use lowercase letters, digits, '_', '.' and '-', starting with a letter or digit"


def describe(value: object) -> str:
    """How a YAML value reads to an admin: `a list`, `a number`, `true/false`..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r})" if len(value) <= 60 else f"text ({value[:60] + '…'!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} ({value})"


def closest(word: object, options: Iterable[str]) -> str | None:
    """The option `word` is most likely a typo of, if any."""
    close = difflib.get_close_matches(str(word), sorted(options), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: object, options: Iterable[str]) -> str:
    """`; did you mean 'wait'?` when `word` is close to one of `options`, else ``."""
    match = closest(word, options)
    return f"; did you mean {match!r}?" if match else ""


def mapping(raw: object, path: str, problems: list[Problem], known: Iterable[str] = (),
            required: Iterable[str] = (), what: str = "a mapping") -> dict | None:
    """`raw` if it is a mapping whose keys are all in `known` (when given) and include `required`."""
    if not isinstance(raw, dict):
        problems.append(Problem(path, f"expected {what}, got {describe(raw)}"))
        return None
    known = tuple(known)
    for key in raw:
        if not isinstance(key, str):
            problems.append(Problem(join(path, key), f"keys must be text, got {describe(key)}; put it in quotes"))
        elif known and key not in known:
            hint = suggest(key, known) or f"; expected one of: {', '.join(known)}"
            problems.append(Problem(join(path, key), f"unknown key {key!r}{hint}"))
    for key in required:
        # `wiat: 5m` already says "did you mean 'wait'?"; "wait: required" on top would be noise.
        if key not in raw and not misspells(raw, key, known):
            problems.append(Problem(join(path, key), "required"))
    return raw


def misspells(raw: dict, key: str, known: Iterable[str]) -> bool:
    """Whether some unknown key of `raw` is reported as a typo of `key`."""
    known = tuple(known)
    return any(closest(other, known) == key for other in raw if isinstance(other, str) and other not in known)


def text(raw: object, path: str, problems: list[Problem], what: str = "text") -> str | None:
    """A non-empty string."""
    if not isinstance(raw, str) or not raw.strip():
        problems.append(Problem(path, f"expected {what}, got {describe(raw)}"))
        return None
    return raw


def small_number(text: str) -> int | None:
    """`3` or `03` -> 3; None for anything else, such as `²` (a digit int() cannot read) or 5,000 digits."""
    return int(text) if text.isdecimal() and len(text) <= 9 else None


def flag(raw: object, path: str, problems: list[Problem]) -> bool | None:
    if not isinstance(raw, bool):
        problems.append(Problem(path, f"expected true or false, got {describe(raw)}"))
        return None
    return raw


def count(raw: object, path: str, problems: list[Problem]) -> int | None:
    """A whole number >= 0."""
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        problems.append(Problem(path, f"expected a whole number, 0 or more, got {describe(raw)}"))
        return None
    return raw


def duration(raw: object, path: str, problems: list[Problem]) -> timedelta | None:
    """A positive duration such as `15m`."""
    try:
        value = parse_duration(raw)
    except ValueError as error:
        problems.append(Problem(path, str(error)))
        return None
    if value <= timedelta(0):
        problems.append(Problem(path, f"must be longer than zero, got {raw!r}"))
        return None
    return value


def names(raw: object, path: str, problems: list[Problem], what: str, known: set[str] | None,
          kind: str) -> tuple[str, ...]:
    """A list of names of `kind` (user, team...); each must be in `known` unless that is None."""
    if not isinstance(raw, list):
        problems.append(Problem(path, f"expected a list of {what} like [{_example(known)}], got {describe(raw)}"))
        return ()
    found = []
    for position, item in enumerate(raw):
        if not isinstance(item, str) or not item:
            problems.append(Problem(index(path, position), f"expected a {kind} name, got {describe(item)}"))
        elif known is not None and item not in known:
            problems.append(Problem(index(path, position), f"unknown {kind} {item!r}{suggest(item, known)}"))
        else:
            found.append(item)
    return tuple(found)


def reference(raw: object, path: str, problems: list[Problem], known: set[str] | None, kind: str) -> str | None:
    """One name of `kind` that must be in `known` (unless that is None)."""
    name = text(raw, path, problems, f"a {kind} name")
    if name is not None and known is not None and name not in known:
        problems.append(Problem(path, f"unknown {kind} {name!r}{suggest(name, known)}"))
        return None
    return name


def declared(raw: object) -> set[str] | None:
    """The names a section declares (its text keys), or None when the section is not a mapping at all."""
    if raw is None:
        return set()
    return {key for key in raw if isinstance(key, str)} if isinstance(raw, dict) else None


def _example(known: set[str] | None) -> str:
    return ", ".join(sorted(known)[:2]) if known else "anna"
