"""What a drill run does next, as a pure function of its scenario, how far it got and the time: play a step, end,
or wait."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation.drills.scenario import Scenario, Step

RESOLVED, TIMED_OUT, STOPPED = "resolved", "timed_out", "stopped"  # DrillRun.ended_because


@dataclass(frozen=True)
class Play:
    index: int  # the step's place in the scenario: DrillRun.next_step before it is played
    step: Step


@dataclass(frozen=True)
class End:
    because: str  # resolved | timed_out


@dataclass(frozen=True)
class Wait:
    until: datetime  # the next step's time, or the drill's end


@dataclass(frozen=True)
class Progress:
    """How far a run got: the steps played (in order), the incidents it opened and how many are still open."""

    started_at: datetime
    played: int
    opened: int
    still_open: int


def next_move(scenario: Scenario, run: Progress, now: datetime) -> Play | End | Wait:
    """What is due at `now`. Time running out wins over a step due at the same instant; a drill whose steps are
    all played ends once every incident it opened is resolved (it opened at least one)."""
    ends_at = run.started_at + scenario.ends_after
    if now >= ends_at:
        return End(TIMED_OUT)
    if run.played < len(scenario.steps):
        step = scenario.steps[run.played]
        due = run.started_at + step.at
        return Play(run.played, step) if now >= due else Wait(min(due, ends_at))
    if run.opened and not run.still_open:
        return End(RESOLVED)
    return Wait(ends_at)
