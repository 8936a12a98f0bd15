"""Bounds on what a JSON body may hold, so nothing valid as JSON can still fail later in Python or the database.

Python's json module raises RecursionError on deep nesting and ValueError on integers over 4,300 digits, reads
`1e999` as infinity, and keeps lone surrogates (`"\\ud800"`), which UTF-8 cannot encode; PostgreSQL refuses NUL in
text. Each of these is a 400 naming the place, instead of a 500 somewhere deeper.
"""
from __future__ import annotations

import math
import re

MAX_DEPTH = 64
MAX_DIGITS = 100  # an integer longer than this is no count, id or timestamp anyone sends
_BAD_CHARACTER = re.compile(r"[\x00\ud800-\udfff]")

Path = tuple[str | int, ...]


class Bound(ValueError):
    """A value out of bounds; `path` is where (object keys and list positions from the top)."""

    def __init__(self, problem: str, path: Path = ()):
        super().__init__(problem)
        self.problem = problem
        self.path = path


def whole_number(text: str) -> int:
    """`parse_int` for json.loads: refuse what is too long before Python's own limit raises a bare ValueError."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise Bound(f"a number with {len(text.lstrip('-'))} digits (at most {MAX_DIGITS})")
    return int(text)


def finite_number(text: str) -> float:
    """`parse_float` for json.loads: `1e999` is infinity to Python and to no database."""
    value = float(text)
    if not math.isfinite(value):
        raise Bound(f"the number {text[:40]} is too large")
    return value


def check(doc: object, escapes: bool = True) -> None:
    """Raise Bound at the first place nested deeper than MAX_DEPTH or holding a NUL or a lone surrogate.

    `escapes=False` says the text held no `\\u` escape, so no string can hold a NUL or a surrogate: only the
    depth is checked."""
    if not _within(doc, escapes):
        _locate(doc, escapes)  # something is out of bounds: walk again, keeping the path to say where


def _locate(doc: object, escapes: bool) -> None:
    """The walk of `check` that keeps each value's path (a tuple per value), so Bound says where."""
    stack: list[tuple[object, int, Path]] = [(doc, 0, ())]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, dict):
            if depth >= MAX_DEPTH:
                raise Bound(f"nested deeper than {MAX_DEPTH} levels")
            for key, item in value.items():
                if escapes:
                    _text(key, (*path, key), "name")
                stack.append((item, depth + 1, (*path, key)))
        elif isinstance(value, list):
            if depth >= MAX_DEPTH:
                raise Bound(f"nested deeper than {MAX_DEPTH} levels")
            stack.extend((item, depth + 1, (*path, i)) for i, item in enumerate(value))
        elif escapes and isinstance(value, str):
            _text(value, path, "text")


def _within(doc: object, escapes: bool) -> bool:
    """`check` without the paths (a tuple per value): the walk every valid body takes, so it is the cheap one."""
    bad = _BAD_CHARACTER.search
    stack: list[tuple[object, int]] = [(doc, 0)]
    while stack:
        value, depth = stack.pop()
        if type(value) is dict:
            if escapes and any(bad(key) for key in value):
                return False
            items: object = value.values()
        elif type(value) is list:
            items = value
        else:
            if escapes and type(value) is str and bad(value):
                return False
            continue
        if depth >= MAX_DEPTH:
            return False
        for item in items:  # type: ignore[attr-defined]
            kind = type(item)
            if kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif escapes and kind is str and bad(item):
                return False
    return True


def _text(value: str, path: Path, what: str) -> None:
    bad = _BAD_CHARACTER.search(value)
    if bad is None:
        return
    if bad.group() == "\x00":
        raise Bound(f"a NUL character (\\u0000) in the {what} at character {bad.start()}; it cannot be stored", path)
    raise Bound(f"a lone surrogate (\\u{ord(bad.group()):04x}) in the {what} at character {bad.start()}; "
                "it is not valid Unicode", path)
