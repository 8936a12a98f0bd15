"""When the next status-update reminder and the first-public-reply warning fall due: pure, given `now`."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Rules:
    status_every: Mapping[int, timedelta | None]  # severity -> interval; None or absent: no reminders
    reply_within: Mapping[int, timedelta | None]  # severity -> first-public-reply target; None: no target
    warn_at: int = 75  # percent of the target gone before the warning


@dataclass(frozen=True)
class Facts:
    """The incident as the rules see it, with what this feature has already done."""

    severity: int
    opened_at: datetime
    is_open: bool
    last_update_at: datetime | None = None
    first_public_reply_at: datetime | None = None
    last_reminder_at: datetime | None = None
    snoozed_at: datetime | None = None
    snoozed_until: datetime | None = None
    warning_sent_at: datetime | None = None


def quiet_since(facts: Facts) -> datetime:
    """The last time the room heard about status: the last update, or else the opening."""
    return max(facts.opened_at, facts.last_update_at or facts.opened_at)


def next_status_reminder(facts: Facts, rules: Rules) -> datetime | None:
    """When the commander is next reminded to post a status update; None when never (resolved, or off)."""
    every = rules.status_every.get(facts.severity)
    if not facts.is_open or not every:
        return None
    counted_from = max(quiet_since(facts), facts.last_reminder_at or facts.opened_at)
    # A snooze replaces the regular time ("remind me again in 30 min") until an update or a reminder follows it.
    if facts.snoozed_until is not None and facts.snoozed_at is not None and facts.snoozed_at >= counted_from:
        return facts.snoozed_until
    return counted_from + every


def reply_target(facts: Facts, rules: Rules) -> datetime | None:
    """When the first public reply is due at the latest, for the incident's current severity."""
    within = rules.reply_within.get(facts.severity)
    return facts.opened_at + within if within else None


def reply_warning_at(facts: Facts, rules: Rules) -> datetime | None:
    """When to warn that no public reply was made; None when there is nothing left to warn about."""
    target = reply_target(facts, rules)
    if target is None or not facts.is_open or facts.first_public_reply_at or facts.warning_sent_at:
        return None
    return facts.opened_at + (target - facts.opened_at) * rules.warn_at / 100


@dataclass(frozen=True)
class Due:
    """What to send at `now`, and the times to look again afterwards."""

    status_reminder: bool
    reply_warning: bool


def due_at(facts: Facts, rules: Rules, now: datetime) -> Due:
    reminder, warning = next_status_reminder(facts, rules), reply_warning_at(facts, rules)
    return Due(status_reminder=reminder is not None and reminder <= now,
               reply_warning=warning is not None and warning <= now)
