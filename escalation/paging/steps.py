"""The next escalation step, as a pure function of the state, the policy and the time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation.paging.policy import Policy


@dataclass(frozen=True)
class Position:
    loop: int
    level: int


@dataclass(frozen=True)
class StateView:
    """The fields of an escalation state the rules look at."""

    active: bool
    loop: int
    level: int
    level_paged: bool
    escalate_at: datetime | None
    next_reminder_at: datetime | None
    reminders_sent: int


@dataclass(frozen=True)
class PageLevel:
    at: Position


@dataclass(frozen=True)
class Remind:
    at: Position
    seq: int


@dataclass(frozen=True)
class Exhausted:
    """Every level of every repeat has been paged and nobody acknowledged."""


@dataclass(frozen=True)
class Wait:
    until: datetime | None


Step = PageLevel | Remind | Exhausted | Wait


def following(policy: Policy, at: Position) -> Position | None:
    """The level after `at`, wrapping into the next repeat; None once the policy has run out."""
    if at.level + 1 < len(policy.levels):
        return Position(at.loop, at.level + 1)
    if at.loop < policy.repeat:
        return Position(at.loop + 1, 0)
    return None


def next_step(state: StateView, policy: Policy, now: datetime) -> Step:
    """What is due at `now`. Moving to the next level wins over a reminder falling due at the same time."""
    here = Position(state.loop, state.level)
    if not state.active:
        return Wait(None)
    if not state.level_paged:
        return PageLevel(here)
    if state.escalate_at is not None and now >= state.escalate_at:
        nxt = following(policy, here)
        return PageLevel(nxt) if nxt is not None else Exhausted()
    if state.next_reminder_at is not None and now >= state.next_reminder_at:
        return Remind(here, state.reminders_sent + 1)
    due = [t for t in (state.escalate_at, state.next_reminder_at) if t is not None]
    return Wait(min(due) if due else None)
