"""The `room:` section: crisis types, severity descriptions, playbooks, the stakeholders and staff channels, the
social-media policy."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.config import fields
from bot.config.playbooks import parse_playbooks
from bot.config.problems import Problem
from bot.config.yamlpos import index, join
from escalation.room import Step

KEYS = ("types", "severities", "stakeholders_channel", "staff_channel", "playbooks", "policy_url")
SEVERITIES = (1, 2, 3, 4)
CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")
HTTP_URL = re.compile(r"^https?://[^\s/?#|<>]+[^\s|<>]*$", re.IGNORECASE)
# The crisis types of the product brief: what a room can classify an incident as when the config names none.
DEFAULT_TYPES = ("technical-failure", "account-hack", "controversial-post", "employee-behaviour", "product-failure",
                 "customer-dissatisfaction", "competitor-action", "rumour")


@dataclass(frozen=True)
class RoomSettings:
    types: tuple[str, ...] = DEFAULT_TYPES  # what `/crisis type` accepts
    severities: dict[int, str] = field(default_factory=dict)  # SEV level -> what it means, shown to responders
    stakeholders_channel: str | None = None  # where `/crisis update` is posted besides the incident channel
    staff_channel: str | None = None  # where `/crisis broadcast` posts approved wording for every employee
    playbooks: dict[str, tuple[Step, ...]] = field(default_factory=dict)  # crisis type -> its checklist
    policy_url: str | None = None  # the team's social-media policy, linked in the summary and in help


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
    for name in ("stakeholders_channel", "staff_channel"):
        if section.get(name) is not None:
            where = join(path, name)
            channel = fields.text(section[name], where, problems, "a Slack channel id")
            if channel is not None and not CHANNEL.match(channel):
                problems.append(Problem(where, "expected a channel id like C0123STAKE "
                                        f"(channel details > About > Channel ID), got {channel!r}"))
            elif channel is not None:
                values[name] = channel
    if section.get("playbooks") is not None:
        values["playbooks"] = parse_playbooks(section["playbooks"], join(path, "playbooks"), problems,
                                              values.get("types", DEFAULT_TYPES))
    if section.get("policy_url") is not None:
        where = join(path, "policy_url")
        url = fields.text(section["policy_url"], where, problems, "a link like https://intranet.example/social-policy")
        if url is not None and not HTTP_URL.match(url.strip()):
            problems.append(Problem(where, f"expected an http(s) link like https://intranet.example/social-policy, "
                                    f"got {url!r}"))
        elif url is not None:
            values["policy_url"] = url.strip()
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
        level = key if isinstance(key, int) else fields.small_number(key) if isinstance(key, str) else None
        where = join(path, key)
        if isinstance(key, bool) or level not in SEVERITIES:
            problems.append(Problem(where, f"severities are 1 to 4 (1 is the worst), got {key!r}"))
            continue
        description = fields.text(text, where, problems, "a description of the severity")
        if description is not None:
            described[level] = description.strip()
    return dict(sorted(described.items()))
