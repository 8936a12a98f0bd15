"""Readers for one value of a scenario's YAML each: it comes back typed, or a `FieldError` names the field."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import timedelta

from escalation.drills.scenario import ScenarioError

DURATION = re.compile(r"(?:(\d{1,4})d)?(?:(\d{1,6})h)?(?:(\d{1,6})m)?(?:(\d{1,7})s)?")
LONGEST = timedelta(days=30)


class FieldError(ScenarioError):
    """A problem with one field: `path` (`steps[2].at`, "" for the whole scenario) and what is wrong with it."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path, self.problem = path, problem


def join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def describe(raw: object) -> str:
    """A value as the error shows it: texts quoted, other values by kind."""
    if isinstance(raw, str):
        return json.dumps(raw if len(raw) <= 60 else raw[:57] + "...", ensure_ascii=False)
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping",
             type(None): "nothing"}
    kind = kinds.get(type(raw), "a " + type(raw).__name__)
    return f"{kind} ({shown(raw)})" if isinstance(raw, (int, float)) and not isinstance(raw, bool) else kind


def shown(number: float) -> str:
    """A number as an error shows it: a long one cut short, and never str()'s ValueError past 4300 digits."""
    try:
        written = str(number)
    except ValueError:  # YAML reads 0x and 0b numbers of any length; Python writes at most 4300 digits
        return "more than 4300 digits"
    digits = len(written.lstrip("-"))
    return written if digits <= 30 else f"{written[:12]}..., {digits} digits"


def mapping(raw: object, path: str, keys: Sequence[str] | None, required: Sequence[str] = ()) -> dict:
    """A mapping with text keys, only `keys` (None: any) and every `required` one."""
    if not isinstance(raw, dict):
        raise FieldError(path, f"expected a mapping, got {describe(raw)}")
    for key in raw:
        if not isinstance(key, str):
            raise FieldError(path, f"keys are text, got {describe(key)}")
        if keys is not None and key not in keys:
            raise FieldError(join(path, key), f"unknown field; expected one of {', '.join(keys)}")
    for key in required:
        if key not in raw:
            raise FieldError(join(path, key), "missing")
    return raw


def text(raw: object, path: str, *, limit: int, empty: bool = False) -> str:
    if not isinstance(raw, str):
        raise FieldError(path, f"expected a text, got {describe(raw)}")
    if not empty and not raw.strip():
        raise FieldError(path, "is empty")
    if len(raw) > limit:
        raise FieldError(path, f"at most {limit} characters, got {len(raw)}")
    if "\x00" in raw:
        raise FieldError(path, "holds a NUL character")
    return raw.strip()


def texts(raw: object, path: str, *, limit: int) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise FieldError(path, f"expected a list of at least one text, got {describe(raw)}")
    return tuple(text(item, f"{path}[{position}]", limit=limit) for position, item in enumerate(raw))


def number(raw: object, path: str, lowest: int, highest: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise FieldError(path, f"expected a whole number from {lowest} to {highest}, got {describe(raw)}")
    if not lowest <= raw <= highest:
        raise FieldError(path, f"expected a whole number from {lowest} to {highest}, got {shown(raw)}")
    return raw


def choice(raw: object, path: str, choices: Sequence[str]) -> str:
    if not isinstance(raw, str) or raw not in choices:
        raise FieldError(path, f"{describe(raw)} is not one of {', '.join(choices)}")
    return raw


def flag(raw: object, path: str) -> bool:
    if not isinstance(raw, bool):
        raise FieldError(path, f"expected true or false, got {describe(raw)}")
    return raw


def duration(raw: object, path: str, *, offset: bool = False) -> timedelta:
    """`15m`, `90s`, `1h30m`; an offset from the drill's start is written `+5m` (the `+` may be left out)."""
    example = "+5m" if offset else "15m"
    written = raw.strip() if isinstance(raw, str) else None
    if written is not None and offset and written.startswith("+"):
        written = written[1:]
    found = DURATION.fullmatch(written) if written else None
    if found is None or not any(found.groups()):
        hint = f"; write {raw}m for minutes" if isinstance(raw, int) and not isinstance(raw, bool) and \
            abs(raw) < 10**6 else ""
        raise FieldError(path, f"{describe(raw)} is not a duration like {example}{hint}")
    days, hours, minutes, seconds = (int(part or 0) for part in found.groups())
    delta = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if delta > LONGEST:
        raise FieldError(path, f"{describe(raw)} is longer than a drill can be (30 days)")
    return delta


def spoken(delta: timedelta) -> str:
    """An offset as a scenario writes it: 90 minutes -> `+1h30m`."""
    seconds, parts = int(delta.total_seconds()), []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "+" + ("".join(parts) or "0s")
