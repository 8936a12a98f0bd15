"""The pure escalation rules: what is due at a fixed instant, and which level follows which."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from escalation.paging.policy import Level, Policy, Targets
from escalation.paging.steps import Exhausted, PageLevel, Position, Remind, StateView, Wait, following, next_step

T0 = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # a Saturday, 03:00 in Warsaw


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def policy(repeat: int = 0, levels: int = 3) -> Policy:
    """Like brand-crisis: level 1 waits 15m and reminds every 5m, the others wait 30m without reminders."""
    shape = [Level(Targets(users=("anna",)), timedelta(minutes=15), timedelta(minutes=5)),
             Level(Targets(users=("piotr",)), timedelta(minutes=30)),
             Level(Targets(teams=("pr",)), timedelta(minutes=30))]
    return Policy("brand-crisis", tuple(shape[:levels]), repeat=repeat)


def state(*, active=True, loop=0, level=0, paged=True, escalate=None, remind=None, sent=0) -> StateView:
    return StateView(active=active, loop=loop, level=level, level_paged=paged,
                     escalate_at=None if escalate is None else at(escalate),
                     next_reminder_at=None if remind is None else at(remind), reminders_sent=sent)


@pytest.mark.parametrize("view, now, expected", [
    # a fresh escalation pages its first level at once
    (state(paged=False), 0, PageLevel(Position(0, 0))),
    # a stopped escalation (acknowledged, resolved, run out) waits for nothing, even long after
    (state(active=False, escalate=15, remind=5), 600, Wait(None)),
    (state(active=False, paged=False), 0, Wait(None)),
    # paged at 0: the first thing due is the reminder at 5m
    (state(escalate=15, remind=5), 0, Wait(at(5))),
    (state(escalate=15, remind=5), 4.99, Wait(at(5))),
    (state(escalate=15, remind=5), 5, Remind(Position(0, 0), 1)),
    (state(escalate=15, remind=10, sent=1), 10, Remind(Position(0, 0), 2)),
    # a late worker still sends one reminder, numbered after those already sent
    (state(escalate=15, remind=10, sent=1), 14, Remind(Position(0, 0), 2)),
    # at 15m the third reminder and the next level fall due together: the next level wins
    (state(escalate=15, remind=15, sent=2), 15, PageLevel(Position(0, 1))),
    (state(escalate=15, remind=15, sent=2), 14.99, Wait(at(15))),
    # a level without reminders waits for its escalation only
    (state(level=1, escalate=45), 30, Wait(at(45))),
    (state(level=1, escalate=45), 45, PageLevel(Position(0, 2))),
    # the last level of the last repeat runs out; with a repeat left it starts over at level 1
    (state(level=2, escalate=75), 75, Exhausted()),
    (state(level=2, escalate=75), 74, Wait(at(75))),
    # an empty level is skipped at once: its escalation is due the instant it was "paged"
    (state(level=1, escalate=15), 15, PageLevel(Position(0, 2))),
    # nothing scheduled at all (should not happen, but must not spin)
    (state(), 0, Wait(None)),
])
def test_next_step(view, now, expected):
    assert next_step(view, policy(), at(now)) == expected


@pytest.mark.parametrize("view, repeat, now, expected", [
    (state(level=2, escalate=75), 1, 75, PageLevel(Position(1, 0))),
    (state(loop=1, level=0, escalate=90, remind=80), 1, 80, Remind(Position(1, 0), 1)),
    (state(loop=1, level=2, escalate=150), 1, 150, Exhausted()),
    (state(loop=1, level=2, escalate=150), 2, 150, PageLevel(Position(2, 0))),
    (state(loop=1, paged=False), 1, 75, PageLevel(Position(1, 0))),
])
def test_next_step_with_repeats(view, repeat, now, expected):
    assert next_step(view, policy(repeat=repeat), at(now)) == expected


@pytest.mark.parametrize("levels, repeat, here, expected", [
    (3, 0, Position(0, 0), Position(0, 1)),
    (3, 0, Position(0, 1), Position(0, 2)),
    (3, 0, Position(0, 2), None),
    (3, 1, Position(0, 2), Position(1, 0)),
    (3, 1, Position(1, 1), Position(1, 2)),
    (3, 1, Position(1, 2), None),
    (1, 0, Position(0, 0), None),
    (1, 2, Position(0, 0), Position(1, 0)),
    (1, 2, Position(1, 0), Position(2, 0)),
    (1, 2, Position(2, 0), None),
])
def test_following(levels, repeat, here, expected):
    assert following(policy(repeat=repeat, levels=levels), here) == expected


def test_walking_the_policy_visits_every_level_of_every_repeat_once():
    p, here, visited = policy(repeat=2), Position(0, 0), []
    while here is not None:
        visited.append((here.loop, here.level))
        here = following(p, here)
    assert visited == [(loop, level) for loop in range(3) for level in range(3)]
