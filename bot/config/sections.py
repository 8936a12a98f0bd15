"""The people and presentation sections of the config: timezone, channel, users, teams."""
from __future__ import annotations

import re
import string
import zoneinfo

from bot.config import fields
from bot.config.model import ChannelSettings
from bot.config.problems import Problem
from bot.config.yamlpos import join
from escalation.people import Person, Team

NAME_PLACEHOLDERS = ("number", "date", "title", "source", "severity")
TOPIC_PLACEHOLDERS = ("number", "title", "source", "severity", "status")
SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def parse_timezone(raw: object, path: str, problems: list[Problem]) -> str:
    """An IANA time zone name such as `Europe/Warsaw`."""
    name = fields.text(raw, path, problems, "a time zone name like Europe/Warsaw")
    if name is None:
        return "UTC"
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: `Europe` is a folder of zones
        hint = fields.suggest(name, zoneinfo.available_timezones())
        problems.append(Problem(path, f"unknown time zone {name!r}{hint}"))
        return "UTC"
    return name


def parse_channel(raw: object, path: str, problems: list[Problem], users: set[str] | None) -> ChannelSettings:
    known = ("name_pattern", "topic_pattern", "private", "invite")
    section = fields.mapping(raw, path, problems, known)
    if not section:
        return ChannelSettings()
    values: dict = {}
    for key, placeholders in (("name_pattern", NAME_PLACEHOLDERS), ("topic_pattern", TOPIC_PLACEHOLDERS)):
        if key in section:
            values[key] = _pattern(section[key], join(path, key), problems, placeholders)
    if "private" in section:
        values["private"] = fields.flag(section["private"], join(path, "private"), problems)
    if "invite" in section:
        values["invite"] = fields.names(section["invite"], join(path, "invite"), problems, "user keys", users, "user")
    return ChannelSettings(**{key: value for key, value in values.items() if value is not None})


def _pattern(raw: object, path: str, problems: list[Problem], placeholders: tuple[str, ...]) -> str | None:
    pattern = fields.text(raw, path, problems, "a pattern like " + "{" + placeholders[0] + "}")
    if pattern is None:
        return None
    allowed = ", ".join("{" + name + "}" for name in placeholders)
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:  # a lone `{` or `}`
        problems.append(Problem(path, f"{error}; placeholders are {allowed} (write {{{{ for a literal brace)"))
        return None
    ok = True
    for _, name, _, _ in parsed:
        if name is not None and name not in placeholders:
            braced = "{" + name + "}"
            hint = fields.suggest(braced, ["{" + known + "}" for known in placeholders]) or f"; use {allowed}"
            problems.append(Problem(path, f"unknown placeholder {braced}{hint}"))
            ok = False
    return pattern if ok else None


def parse_users(raw: object, path: str, problems: list[Problem]) -> dict[str, Person]:
    section = fields.mapping(raw, path, problems, what="a mapping of user keys to {slack_id, email, name}")
    people: dict[str, Person] = {}
    for key, entry in (section or {}).items():
        if not isinstance(key, str):
            continue  # reported by fields.mapping
        user_path = join(path, key)
        _check_key(key, user_path, problems, "user")
        person = _person(key, entry, user_path, problems)
        if person is not None:
            people[key] = person
    return people


def _person(key: str, raw: object, path: str, problems: list[Problem]) -> Person | None:
    entry = fields.mapping(raw, path, problems, ("slack_id", "email", "name"), what="{slack_id, email, name}")
    if entry is None:
        return None
    if entry.get("slack_id") is None and entry.get("email") is None:
        problems.append(Problem(path, "needs a slack_id (like U01ABCDEF) or an email, or both"))
    slack_id = email = name = None
    if entry.get("slack_id") is not None:
        slack_id = fields.text(entry["slack_id"], join(path, "slack_id"), problems, "a Slack user id like U01ABCDEF")
        if slack_id is not None and not SLACK_ID.match(slack_id):
            problems.append(Problem(join(path, "slack_id"), f"{slack_id!r} is not a Slack user id; "
                                    "copy it from the profile (⋮ > Copy member ID), like U01ABCDEF"))
    if entry.get("email") is not None:
        email = fields.text(entry["email"], join(path, "email"), problems, "an email address")
        if email is not None and not EMAIL.match(email):
            problems.append(Problem(join(path, "email"), f"{email!r} does not look like an email address"))
    if "name" in entry:
        name = fields.text(entry["name"], join(path, "name"), problems, "a display name")
    return Person(key=key, slack_id=slack_id, email=email, name=name)


def parse_teams(raw: object, path: str, problems: list[Problem], users: set[str] | None) -> dict[str, Team]:
    section = fields.mapping(raw, path, problems, what="a mapping of team keys to {name, members}")
    teams: dict[str, Team] = {}
    for key, entry in (section or {}).items():
        if not isinstance(key, str):
            continue
        team_path = join(path, key)
        _check_key(key, team_path, problems, "team")
        entry = fields.mapping(entry, team_path, problems, ("name", "members"), ("members",), "{name, members}")
        if entry is None or "members" not in entry:
            continue
        members_path = join(team_path, "members")
        members = fields.names(entry["members"], members_path, problems, "user keys", users, "user")
        if isinstance(entry["members"], list) and not entry["members"]:
            problems.append(Problem(members_path, "a team needs at least one member"))
        name = fields.text(entry["name"], join(team_path, "name"), problems, "a team name") if "name" in entry else None
        teams[key] = Team(key=key, members=members, name=name)
    return teams


def _check_key(key: str, path: str, problems: list[Problem], kind: str) -> None:
    if not fields.KEY.match(key):
        problems.append(Problem(path, f"{kind} key {key!r} is not valid; {fields.KEY_RULE}"))
