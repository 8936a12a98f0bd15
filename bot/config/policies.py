"""The escalation sections of the config: policies (levels of targets) and the routes that pick one."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.config import fields
from bot.config.paging import parse_fallback
from bot.config.problems import Problem
from bot.config.yamlpos import index, join
from escalation.paging import Level, Policy, Route, Targets

GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
HANDLE = re.compile(r"^@[a-z0-9][a-z0-9._-]*$")

@dataclass(frozen=True)
class Known:
    """The names a level may target; None means that section is itself broken, so don't check against it."""

    users: set[str] | None
    teams: set[str] | None
    schedules: set[str] | None


def parse_policies(raw: object, path: str, problems: list[Problem], known: Known) -> dict[str, Policy]:
    section = fields.mapping(raw, path, problems, what="a mapping of policy names to {description, repeat, levels}")
    policies: dict[str, Policy] = {}
    for name, entry in (section or {}).items():
        if isinstance(name, str):
            policy = _policy(name, entry, join(path, name), problems, known)
            if policy is not None:
                policies[name] = policy
    return policies


def _policy(name: str, raw: object, path: str, problems: list[Problem], known: Known) -> Policy | None:
    entry = fields.mapping(raw, path, problems, ("description", "repeat", "levels", "fallback"), ("levels",),
                           "{description, repeat, levels, fallback}")
    if entry is None:
        return None
    description = None
    if entry.get("description") is not None:
        description = fields.text(entry["description"], join(path, "description"), problems, "a description")
    repeat = fields.count(entry["repeat"], join(path, "repeat"), problems) if "repeat" in entry else 0
    levels: list[Level] = []
    if "levels" in entry:
        levels_path = join(path, "levels")
        raw_levels = entry["levels"]
        if not isinstance(raw_levels, list) or not raw_levels:
            problems.append(Problem(levels_path, f"expected a list of at least one level, "
                                                 f"got {fields.describe(raw_levels)}"))
            raw_levels = []
        for position, raw_level in enumerate(raw_levels):
            level = _level(raw_level, index(levels_path, position), problems, known)
            if level is not None:
                levels.append(level)
    fallback = None
    if entry.get("fallback") is not None:
        fallback = parse_fallback(entry["fallback"], join(path, "fallback"), problems, known.users, known.teams)
    return Policy(name=name, levels=tuple(levels), repeat=repeat or 0, description=description, fallback=fallback)


def _level(raw: object, path: str, problems: list[Problem], known: Known) -> Level | None:
    entry = fields.mapping(raw, path, problems, ("targets", "wait", "remind_every"), ("targets", "wait"),
                           "{targets, wait, remind_every}")
    if entry is None:
        return None
    targets = _targets(entry["targets"], join(path, "targets"), problems, known) if "targets" in entry else None
    wait = fields.duration(entry["wait"], join(path, "wait"), problems) if "wait" in entry else None
    remind_every = None
    if entry.get("remind_every") is not None:
        remind_every = fields.duration(entry["remind_every"], join(path, "remind_every"), problems)
    if targets is None or wait is None:
        return None
    return Level(targets=targets, wait=wait, remind_every=remind_every)


def _targets(raw: object, path: str, problems: list[Problem], known: Known) -> Targets | None:
    entry = fields.mapping(raw, path, problems, ("users", "teams", "schedules", "usergroups"),
                           what="{users, teams, schedules, usergroups}")
    if entry is None:
        return None
    lists: dict[str, tuple[str, ...]] = {}
    for key, kind, names in (("users", "user", known.users), ("teams", "team", known.teams),
                             ("schedules", "schedule", known.schedules)):
        if key in entry:
            lists[key] = fields.names(entry[key], join(path, key), problems, f"{kind} names", names, kind)
    if "usergroups" in entry:
        lists["usergroups"] = _usergroups(entry["usergroups"], join(path, "usergroups"), problems)
    if not any(entry.get(key) for key in lists):
        problems.append(Problem(path, "a level needs at least one target: users, teams, schedules or usergroups"))
    return Targets(**lists)


def _usergroups(raw: object, path: str, problems: list[Problem]) -> tuple[str, ...]:
    """Slack user groups by id (S0123PRTEAM) or by @handle, which the worker looks up once."""
    if not isinstance(raw, list):
        problems.append(Problem(path, f"expected a list of Slack user groups like [S0123PRTEAM, \"@pr-team\"], "
                                      f"got {fields.describe(raw)}"))
        return ()
    found = []
    for position, item in enumerate(raw):
        if isinstance(item, str) and (GROUP_ID.match(item) or HANDLE.match(item)):
            found.append(item)
        else:
            problems.append(Problem(index(path, position), "expected a user group id like S0123PRTEAM (People > "
                                    "User groups > ⋮ > Copy group ID) or a handle in quotes like \"@pr-team\", "
                                    f"got {fields.describe(item)}"))
    return tuple(found)


def parse_routes(raw: object, path: str, problems: list[Problem], policies: set[str] | None) -> tuple[Route, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(path, f"expected a list of routes like "
                                      f"{{source: alertmanager, policy: infra}}, got {fields.describe(raw)}"))
        return ()
    routes = []
    for position, raw_route in enumerate(raw):
        route_path = index(path, position)
        entry = fields.mapping(raw_route, route_path, problems, ("source", "match", "policy"), ("policy",),
                               "{source, match, policy}")
        if entry is None:
            continue
        policy = None
        if "policy" in entry:
            policy = fields.reference(entry["policy"], join(route_path, "policy"), problems, policies, "policy")
        source = None
        if entry.get("source") is not None:
            source = fields.text(entry["source"], join(route_path, "source"), problems, "a source name")
        match = _labels(entry["match"], join(route_path, "match"), problems) if "match" in entry else {}
        if policy is not None:
            routes.append(Route(policy=policy, source=source, match=match))
    return tuple(routes)


def _labels(raw: object, path: str, problems: list[Problem]) -> dict[str, str]:
    entry = fields.mapping(raw, path, problems, what="a mapping of alert labels to values, like {team: social}")
    labels = {}
    for key, value in (entry or {}).items():
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            quote = "; put it in quotes" if isinstance(value, (bool, float)) else ""
            problems.append(Problem(join(path, key), f"expected a label value (text), "
                                                     f"got {fields.describe(value)}{quote}"))
        elif isinstance(key, str):
            labels[key] = str(value)  # labels arrive as text; `priority: 1` means "1"
    return labels
