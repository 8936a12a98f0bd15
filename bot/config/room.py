"""The `room:` section: crisis types, severity descriptions, the stakeholders channel."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.config import fields
from bot.config.problems import Problem
from bot.config.yamlpos import index, join

KEYS = ("types", "severities", "stakeholders_channel")
SEVERITIES = (1, 2, 3, 4)
CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")
# The crisis types of the product brief: what a room can classify an incident as when the config names none.
DEFAULT_TYPES = ("technical-failure", "account-hack", "controversial-post", "employee-behaviour", "product-failure",
                 "customer-dissatisfaction", "competitor-action", "rumour")


@dataclass(frozen=True)
class RoomSettings:
    types: tuple[str, ...] = DEFAULT_TYPES  # what `/crisis type` accepts
    severities: dict[int, str] = field(default_factory=dict)  # SEV level -> what it means, shown to responders
    stakeholders_channel: str | None = None  # where `/crisis update` is posted besides the incident channel


def parse_room(raw: object, path: str, problems: list, users: set[str] | None = None,
               teams: set[str] | None = None) -> RoomSettings:
    """Validate the section; every problem goes on `problems` with its key path."""
    section = fields.mapping(raw, path, problems, KEYS,
                             what="a mapping like {types: [rumour, data-breach], stakeholders_channel: C0123STAKE}")
    if not section:
        return RoomSettings()
    values: dict = {}
    if "types" in section:
        types = _types(section["types"], join(path, "types"), problems)
        if types:
            values["types"] = types
    if "severities" in section:
        values["severities"] = _severities(section["severities"], join(path, "severities"), problems)
    if section.get("stakeholders_channel") is not None:
        where = join(path, "stakeholders_channel")
        channel = fields.text(section["stakeholders_channel"], where, problems, "a Slack channel id")
        if channel is not None and not CHANNEL.match(channel):
            problems.append(Problem(where, "expected a channel id like C0123STAKE "
                                    f"(channel details > About > Channel ID), got {channel!r}"))
        elif channel is not None:
            values["stakeholders_channel"] = channel
    return RoomSettings(**values)


def _types(raw: object, path: str, problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(path, "expected a list of crisis types like [rumour, data-breach, product-defect], "
                                f"got {fields.describe(raw)}"))
        return ()
    found: list[str] = []
    for position, item in enumerate(raw):
        where = index(path, position)
        if not isinstance(item, str) or not fields.KEY.match(item):
            problems.append(Problem(where, f"expected a crisis type like data-breach ({fields.KEY_RULE}), "
                                    f"got {fields.describe(item)}"))
        elif item in found:
            problems.append(Problem(where, f"{item!r} is listed twice"))
        else:
            found.append(item)
    return tuple(found)


def _severities(raw: object, path: str, problems: list[Problem]) -> dict[int, str]:
    if not isinstance(raw, dict):  # not fields.mapping: its keys are numbers, which YAML reads as ints
        problems.append(Problem(path, 'expected a mapping like {1: "Critical: press involved"}, '
                                f"got {fields.describe(raw)}"))
        return {}
    described: dict[int, str] = {}
    for key, text in raw.items():
        level = int(key) if isinstance(key, int) or (isinstance(key, str) and key.isdigit()) else None
        where = join(path, key)
        if isinstance(key, bool) or level not in SEVERITIES:
            problems.append(Problem(where, f"severities are 1 to 4 (1 is the worst), got {key!r}"))
            continue
        description = fields.text(text, where, problems, "a description of the severity")
        if description is not None:
            described[level] = description.strip()
    return dict(sorted(described.items()))
