"""`crisisdesk drill run SCENARIO`: the drill of `crisisdesk drill`, its clock fast-forwarded, playing a scenario
to its end (its act steps done by its people through the console), then printing the drill report."""
from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import uvicorn
from sqlalchemy import select

from bot.clock import utcnow
from bot.config.model import Config
from bot.drills.actors import ActFailed, perform
from bot.drills.run import Running, running
from bot.drills.scenarios import load_scenario
from bot.drills.tables import report_table
from escalation.drills import DrillRun
from escalation.drills.scenario import ActStep, Scenario, ScenarioError
from escalation.incidents import Incident
from slackstandin.standin import Standin

REPORT_CHANNEL = "drill-report"  # where the drill report is posted in the stand-in
WARM_MODULES = ("matplotlib.figure", "matplotlib.dates", "matplotlib.ticker", "matplotlib.backends.backend_agg")
POLL_SECONDS = 0.05  # wall time between looks at the acts due and the run's end
RETRY_SECONDS = 5.0  # wall time a `press` or `submit` waits for what it acts on (an answer still on its way)
CHANNEL_SECONDS = 30.0  # wall time an act due waits, the clock held, for its incident's channel to be made


class ScaledClock:
    """What the bot reads as now: `start` until `go()`, then `speed` times faster than the wall clock from there,
    so the seconds spent setting up are not minutes of the drill. `hold(at)` stops it at `at` until `release()`:
    a scripted act is done at its own instant however slow the machine, and time goes on from there."""

    def __init__(self, start: datetime, speed: float, monotonic: Callable[[], float] = time.monotonic):
        self.speed, self.monotonic = speed, monotonic
        # (drill time, wall time it was read at or None before go, the instant it stops at); one tuple, swapped
        # whole, as the worker's threads read it while the replay's thread moves it.
        self.state: tuple[datetime, float | None, datetime | None] = (start, None, None)

    def go(self) -> None:
        start, _, limit = self.state
        self.state = (start, self.monotonic(), limit)

    def hold(self, at: datetime) -> None:
        start, began, _ = self.state
        self.state = (start, began, at)

    def run_to(self, at: datetime) -> None:
        """Go on to `at` and stop there, never back. Held at an earlier instant, time goes on from that instant,
        with no jump for the wall time it was held."""
        limit = self.state[2]
        if limit is not None and at > limit and self() >= limit:
            self.release()
        self.hold(max(at, self()))

    def release(self) -> None:
        """Go on from where it stands, with no jump for the wall time it was held (not held: nothing to do)."""
        if self.state[2] is None:
            return
        now = self()
        self.state = (now, None if self.state[1] is None else self.monotonic(), None)

    def __call__(self) -> datetime:
        start, began, limit = self.state
        now = start if began is None else start + timedelta(seconds=(self.monotonic() - began) * self.speed)
        return now if limit is None else min(now, limit)


def replay(config: Config, config_path: str, ref: str, *, speed: float, port: int, log_level: str,
           console: bool = True, keep: bool = False) -> int:
    """Play the scenario to its end and print its report; with `keep`, serve the console until Ctrl-C after."""
    try:
        scenario = load_scenario(ref, config)
    except ScenarioError as error:  # as bot.cli says a Stop (not raised: under `python -m bot.cli` it is another class)
        print(f"crisisdesk: {error}", file=sys.stderr)
        return 2
    clock = ScaledClock(scenario.starts or utcnow(), speed)
    tick = max(0.2, min(1.0, 60 / speed))  # wall seconds: about a minute of drill time, at most a second
    try:
        with running(config, config_path, port=port, log_level=log_level, clock=clock, tick=tick,
                     console=console) as drill:
            logging.getLogger("apscheduler").setLevel(logging.ERROR)  # a tick still running when the next is due
            server = Background(drill)
            print(f"crisisdesk drill run: {scenario.title} ({scenario.name}), {speed:g}× real time, on a Slack "
                  "stand-in on this machine; nothing goes to Slack.", flush=True)
            if console:
                print(f"Open {drill.url}/ in a browser to watch.", flush=True)
            try:
                _warm(drill)
                clock.go()
                print(play(drill, scenario), flush=True)
                if keep:
                    print("The console stays up; Ctrl-C stops it.", flush=True)
                    server.join()
            finally:
                server.stop()
    except KeyboardInterrupt:
        pass
    print("drill stopped.", flush=True)
    return 0


def _warm(drill: Running) -> None:
    """Load now what the drill's first minutes would load, as a second of loading is minutes of a fast drill: the
    sentiment scorers, and matplotlib for the signal chart."""
    for module in WARM_MODULES:
        importlib.import_module(module)
    if drill.warming is not None:
        drill.warming.join()


def play(drill: Running, scenario: Scenario) -> str:
    """Start the drill, do its acts when due, wait for its end; the report as a table.

    The clock runs to the next scripted instant and stops there until that step is played, however slow the
    machine: the worker plays an alert or mention step at its own instant, and an act is done at its own instant
    once the run has an incident (its channel, if not made yet, is made by the worker ticking at the held instant).
    An act due before the first incident waits for it while time goes on to the steps after it, so the alert that
    opens it can come; one left when the run ends is dropped, said on stderr."""
    standin, desk = drill.standin, drill.app.desk
    everyone = [p.user_id for p in drill.console.people]
    channel = standin.add_channel(REPORT_CHANNEL, [*everyone, Standin.BOT_USER_ID])
    run = desk.drills.start(scenario, by=None, report_channel=channel)
    started = desk.drills.report(run).started_at
    acts = [(started + step.at, step.act) for step in scenario.steps if step.act is not None]
    clock = desk.core.clock
    scaled = clock if isinstance(clock, ScaledClock) else None
    tried_since: float | None = None
    held_since: float | None = None
    checked = 0.0
    stall = Stall(CHANNEL_SECONDS)
    while True:
        played, opened, where = _standing(drill, run)
        if scaled is not None:
            at = stall.instant(played, started + scenario.steps[played].at, scaled()) \
                if played < len(scenario.steps) else None
            instants = [at] if at is not None else []
            if acts and opened:
                instants.append(acts[0][0])
            if instants:
                scaled.run_to(min(instants))  # an act that waited for the incident is late: never back
            else:
                scaled.release()
        if acts:
            due, act = acts[0]
            if opened and desk.clock() >= due:
                held_since = held_since or time.monotonic()
                if where:
                    tried_since = tried_since or time.monotonic()
                    done = _act(drill, act, where, time.monotonic() - tried_since > RETRY_SECONDS)
                elif time.monotonic() - held_since > CHANNEL_SECONDS:
                    done = _dropped(act, "the incident has no channel")
                else:
                    done = False
                if done:
                    acts.pop(0)
                    tried_since = held_since = None
        if time.monotonic() - checked > 5 * POLL_SECONDS:
            checked = time.monotonic()
            report = desk.drills.report(run)
            if report.ended_at is not None:
                for _, act in acts:
                    _dropped(act, "the drill ended first" if opened else "no incident yet")
                return report_table(report, {p.user_id: p.key for p in drill.console.people})
        time.sleep(POLL_SECONDS)


class Stall:
    """How long the clock has stood at a step's instant for the worker to play it: a step that fails on every tick
    (logged there) must not stop the drill's time for ever, so after `limit` wall seconds time goes on without it."""

    def __init__(self, limit: float, monotonic: Callable[[], float] = time.monotonic):
        self.limit, self.monotonic = limit, monotonic
        self.step = -1  # the step waited for ...
        self.since: float | None = None  # ... and since when the clock has stood at its instant
        self.given_up = -1  # the last step time went on without

    def instant(self, step: int, due: datetime, now: datetime) -> datetime | None:
        """Where the clock stops for `step` (due at `due`; the drill's time is `now`), or None: not any more."""
        if step <= self.given_up:
            return None
        if step != self.step or now < due:  # a new step, or on its way to it
            self.step, self.since = step, None
            return due
        if self.since is None:
            self.since = self.monotonic()
        if self.monotonic() - self.since <= self.limit:
            return due
        self.given_up = step
        print(f"drill step {step + 1} was not played within {self.limit:g} s; time goes on without waiting for it",
              file=sys.stderr, flush=True)
        return None


def _dropped(act: ActStep, why: str) -> bool:
    print(f"an act failed: {why}: {act.person}: {act.command}", file=sys.stderr, flush=True)
    return True


def _act(drill: Running, act: ActStep, channel_id: str, give_up: bool) -> bool:
    """True when the act is done with (done, or failed for good and said so)."""
    try:
        perform(drill.console, act, channel_id)
    except ActFailed as failed:
        retry = act.command.startswith(("press", "submit")) and not give_up
        if not retry:
            print(f"an act failed: {failed}", file=sys.stderr, flush=True)
        return not retry
    return True


def _standing(drill: Running, run: int) -> tuple[int, bool, str | None]:
    """How many of the run's steps the worker has played, whether it has opened an incident, and the channel of
    its first incident to have one."""
    with drill.app.desk.sessions() as session:
        played = session.scalar(select(DrillRun.next_step).where(DrillRun.id == run)) or 0
        rows = session.execute(select(Incident.channel_id).where(Incident.drill_run_id == run)
                               .order_by(Incident.id)).all()
    return played, bool(rows), next((where for (where,) in rows if where), None)


class Background:
    """The drill's web served in a thread, so the main thread plays the scenario (and hears Ctrl-C)."""

    def __init__(self, drill: Running):
        self.server = uvicorn.Server(uvicorn.Config(drill.web, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [drill.sock]}, daemon=True,
                                       name="drill-web")
        self.thread.start()

    def join(self) -> None:
        while self.thread.is_alive():
            self.thread.join(timeout=0.5)  # a timeout, so Ctrl-C reaches the main thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

