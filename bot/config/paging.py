"""The `paging:` section: when a silent acknowledged incident is paged again, and the last resort when a policy
runs out (also per policy, as `fallback:` on the policy)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.config import fields
from bot.config.problems import Problem
from bot.config.reminders import OFF, _per_severity
from bot.config.yamlpos import join
from escalation.paging import Fallback

KEYS = ("reescalate_after", "fallback")
FALLBACK_KEYS = ("users", "teams", "managers", "admin_channel")
# An acknowledged incident nobody updates is paged again: the worse it is, the sooner.
DEFAULT_REESCALATE = {1: timedelta(minutes=30), 2: timedelta(hours=1), 3: timedelta(hours=4), 4: None}


@dataclass(frozen=True)
class PagingSettings:
    reescalate_after: dict[int, timedelta | None] = field(default_factory=lambda: dict(DEFAULT_REESCALATE))
    fallback: Fallback = field(default_factory=Fallback)  # the admin channel and the schedules' managers


def parse_paging(raw: object, path: str, problems: list[Problem], users: set[str] | None = None,
                 teams: set[str] | None = None) -> PagingSettings:
    entry = fields.mapping(raw, path, problems, KEYS, what="a mapping like {reescalate_after: {1: 30m, 2: 1h}}")
    entry = entry or {}
    raw_after = entry.get("reescalate_after")
    if raw_after is False or (isinstance(raw_after, str) and raw_after.strip().lower() == OFF):
        after: dict[int, timedelta | None] = dict.fromkeys(DEFAULT_REESCALATE)  # `off` for every severity
    else:
        after = _per_severity(raw_after, join(path, "reescalate_after"), problems, DEFAULT_REESCALATE)
    fallback = Fallback()
    if entry.get("fallback") is not None:
        fallback = parse_fallback(entry["fallback"], join(path, "fallback"), problems, users, teams)
    return PagingSettings(reescalate_after=after, fallback=fallback)


def parse_fallback(raw: object, path: str, problems: list[Problem], users: set[str] | None,
                   teams: set[str] | None) -> Fallback:
    """`{users: [marek], teams: [pr], managers: true, admin_channel: true}`; the two switches default to on."""
    entry = fields.mapping(raw, path, problems, FALLBACK_KEYS,
                           what="a mapping like {users: [marek], teams: [pr], managers: true, admin_channel: true}")
    if entry is None:
        return Fallback()
    values: dict = {}
    for key, kind, known in (("users", "user", users), ("teams", "team", teams)):
        if key in entry:
            values[key] = fields.names(entry[key], join(path, key), problems, f"{kind} names", known, kind)
    for key in ("managers", "admin_channel"):
        if key in entry:
            flag = fields.flag(entry[key], join(path, key), problems)
            if flag is not None:
                values[key] = flag
    return Fallback(**values)
