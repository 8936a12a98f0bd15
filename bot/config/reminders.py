"""The `reminders:` section: status-update reminders and first-public-reply targets per severity."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from bot.config import fields
from bot.config.problems import Problem
from bot.config.yamlpos import index, join

KEYS = ("status_update_every", "snooze", "first_public_reply_within", "warn_at", "acknowledge_within")
SEVERITIES = (1, 2, 3, 4)
OFF = "off"
MAX_SNOOZE_BUTTONS = 5
# What a comms team expects: the worse the crisis, the more often stakeholders hear something, and the sooner
# the brand says something in public (most customers expect a reply within a day; in a crisis, within the hour).
DEFAULT_STATUS_EVERY = {1: timedelta(minutes=30), 2: timedelta(hours=1), 3: timedelta(hours=4), 4: None}
DEFAULT_SNOOZE = (timedelta(minutes=30), timedelta(hours=1))
DEFAULT_REPLY_WITHIN = {1: timedelta(hours=1), 2: timedelta(hours=4), 3: timedelta(hours=12), 4: timedelta(hours=24)}
DEFAULT_WARN_AT = 75
# The review's target for acknowledging a page (nobody is reminded of it: paging itself does that).
DEFAULT_ACK_WITHIN = {1: timedelta(minutes=15), 2: timedelta(minutes=30), 3: timedelta(hours=1), 4: timedelta(hours=4)}
PERCENT = re.compile(r"^\s*(\d{1,2})\s*%\s*$")


@dataclass(frozen=True)
class ReminderSettings:
    """Empty maps (no `reminders:` section) mean nobody is reminded and no target is watched."""

    status_update_every: dict[int, timedelta | None] = field(default_factory=dict)  # None: off
    snooze: tuple[timedelta, ...] = ()
    first_public_reply_within: dict[int, timedelta | None] = field(default_factory=dict)  # None: no target
    warn_at: int = DEFAULT_WARN_AT  # percent of the target gone before the warning
    acknowledge_within: dict[int, timedelta | None] = field(default_factory=dict)  # the review's target; None: none

    @property
    def active(self) -> bool:
        return any(self.status_update_every.values()) or any(self.first_public_reply_within.values())


def parse_reminders(raw: object, path: str, problems: list[Problem], users: set[str] | None = None,
                    teams: set[str] | None = None) -> ReminderSettings:
    """Validate the section; every problem goes on `problems` with its key path. Missing keys take the defaults."""
    entry = fields.mapping(raw, path, problems, KEYS, what="a mapping like {status_update_every: {1: 30m, 2: 1h}}")
    entry = entry or {}
    every = _per_severity(entry.get("status_update_every"), join(path, "status_update_every"), problems,
                          DEFAULT_STATUS_EVERY)
    within = _per_severity(entry.get("first_public_reply_within"), join(path, "first_public_reply_within"),
                           problems, DEFAULT_REPLY_WITHIN)
    snooze = _snooze(entry["snooze"], join(path, "snooze"), problems) if "snooze" in entry else DEFAULT_SNOOZE
    warn_at = _percent(entry["warn_at"], join(path, "warn_at"), problems) if "warn_at" in entry else DEFAULT_WARN_AT
    ack = _per_severity(entry.get("acknowledge_within"), join(path, "acknowledge_within"), problems,
                        DEFAULT_ACK_WITHIN)
    return ReminderSettings(status_update_every=every, snooze=snooze, first_public_reply_within=within,
                            warn_at=warn_at, acknowledge_within=ack)


def _per_severity(raw: object, path: str, problems: list[Problem],
                  defaults: Mapping[int, timedelta | None]) -> dict[int, timedelta | None]:
    """`{1: 30m, 2: 1h, 4: off}`; a severity left out keeps its default."""
    values = dict(defaults)
    if raw is None:
        return values
    if not isinstance(raw, dict):
        problems.append(Problem(path, f"expected a mapping of severities to durations like {{1: 30m, 2: 1h, 4: off}}, "
                                      f"got {fields.describe(raw)}"))
        return values
    for key, value in raw.items():
        severity = _severity(key)
        if severity is None:
            problems.append(Problem(join(path, key), f"unknown severity {key!r}; use 1, 2, 3 or 4 (1 is the worst)"))
            continue
        if value is False or (isinstance(value, str) and value.strip().lower() == OFF):
            values[severity] = None  # YAML 1.1 reads a bare `off` as false
            continue
        duration = fields.duration(value, join(path, key), problems)
        if duration is not None:
            values[severity] = duration
    return values


def _severity(key: object) -> int | None:
    if isinstance(key, bool):
        return None
    text = str(key).strip().lower().removeprefix("sev")
    return severity if (severity := fields.small_number(text)) in SEVERITIES else None


def _snooze(raw: object, path: str, problems: list[Problem]) -> tuple[timedelta, ...]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_SNOOZE_BUTTONS:
        problems.append(Problem(path, f"expected a list of 1 to {MAX_SNOOZE_BUTTONS} durations like [30m, 1h], "
                                      f"got {fields.describe(raw)}"))
        return DEFAULT_SNOOZE
    parsed = [fields.duration(value, index(path, position), problems) for position, value in enumerate(raw)]
    found = [d for d in parsed if d is not None]
    if len(set(found)) < len(found):
        problems.append(Problem(path, "each snooze button needs its own duration; remove the repeated one"))
    return tuple(sorted(set(found))) or DEFAULT_SNOOZE


def _percent(raw: object, path: str, problems: list[Problem]) -> int:
    """`75%` (or 75): the share of the target that may pass before the warning, 1 to 99."""
    match = PERCENT.match(raw) if isinstance(raw, str) else None
    value = int(match[1]) if match else raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    if value is None or not 1 <= value <= 99:
        problems.append(Problem(path, f"expected a share of the target like 75%, from 1% to 99%, "
                                      f"got {fields.describe(raw)}"))
        return DEFAULT_WARN_AT
    return value
