"""What a feature hands the `/crisis` router: its subcommands bound to its facade, and its help lines."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from escalation.incidents import Outcome

# A subcommand answers the person who typed it: a str, a dict of respond() arguments such as
# {"text": ..., "blocks": [...]}, an Outcome (said with DRILL first when it is a drill's), or None when it answered
# by itself (e.g. opened a modal).
Answer = str | dict | Outcome | None
Bound = Callable[..., Answer]  # (command, rest, client=...) -> Answer


@dataclass(frozen=True)
class Commands:
    subcommands: Mapping[str, Bound]
    help_lines: Sequence[str]


def bind(facade: Any, subcommands: Mapping[str, Callable[..., Answer]], help_lines: Sequence[str]) -> Commands:
    """Each subcommand is written `f(facade, command, rest, client=...)`; the router calls it without the facade."""
    return Commands({word: partial(f, facade) for word, f in subcommands.items()}, tuple(help_lines))


def split_ref(rest: str, bare_number: bool = False) -> tuple[str, str]:
    """A leading `#channel`, `<#C123|name>` or `#42`, then the rest: `#crisis-x post removed` -> (`#crisis-x`, ...).

    A bare number counts only for subcommands without free text, so `/crisis resolve 3 posts removed` never
    resolves incident #3 by accident."""
    head, _, tail = rest.partition(" ")
    # Any run of digits is a reference, so a number too long to be an incident's answers "No incident matches".
    if head.startswith(("<#", "#")) or (bare_number and ascii_digits(head)):
        return head, tail.strip()
    return "", rest


MAX_DIGITS = 18  # a PostgreSQL bigint holds every number of 18 digits (not every one of 19)


def ascii_digits(value: str) -> bool:
    """Only ASCII digits: `²` and `٣` are digits to str.isdigit() but `int("²")` raises."""
    return value.isascii() and value.isdigit()


def as_number(value: object) -> int | None:
    """The number a button's value or a command carries (an incident, a template version), or None when it is no
    number we could have written: not ASCII digits, or too long for a bigint."""
    return int(value) if isinstance(value, str) and ascii_digits(value) and len(value) <= MAX_DIGITS else None


def where(command: dict, ref: str) -> dict:
    """The incident a command names: by its reference, else by the channel it was typed in."""
    return {"channel_id": command.get("channel_id"), "ref": ref}


def pressed_in(body: dict) -> str | None:
    """The channel (or DM) a button was pressed in: who may act can depend on it (escalation/permissions.py)."""
    return (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")
