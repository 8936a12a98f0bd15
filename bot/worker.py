"""The worker: a tick runs the features' duties and the due escalations; the outbox is delivered by a thread of
its own (`start_delivery`), or by the tick itself when there is none (tests, `worker --once`)."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime

from bot.core import Core, usergroup_refs
from bot.outbox.delivery import Kinds
from bot.outbox.runner import deliver_due
from bot.slack.gateway import SlackGateway
from bot.slack.usergroups import refresh_usergroups
from escalation.paging import next_step_due, run_cycle
from escalation.schedules import gap_report_due, queue_gap_report, queue_shift_notices

log = logging.getLogger(__name__)
ENGINE_BATCH = 50  # escalations per transaction: short, so webhooks are not kept waiting
DELIVERY_LIMIT = 500  # outbox rows a tick delivers at most
# Seconds a tick delivers for at most: in a storm the outbox never empties, and the engine (the next reminders)
# must not wait behind it. A tick that stops for either reason goes round again at once (for MAX_ROUNDS_SECONDS
# at most): a wake-up from inside the running job would only be skipped by the scheduler.
DELIVERY_SLICE = 0.5
MAX_ROUNDS_SECONDS = 30.0
MIN_PAUSE = 0.05
STEP_MARGIN = 0.005  # past a step's instant when its wait ends, so the round finds it due


class Worker:
    def __init__(self, core: Core, gateway: SlackGateway, kinds: Kinds,
                 duties: tuple[Callable[[datetime], None], ...] = (), lanes: Executor | None = None,
                 period: float = 0.0):
        self.core = core
        self.gateway = gateway
        self.kinds = kinds
        self.duties = duties  # features' periodic work (reminders, signal windows), each run with `now`
        self.lanes = lanes  # delivers the heads of several lanes side by side; None: one after another
        # The scheduler's tick: a step falling due sooner than the next tick is waited for inside this one, so a
        # reminder is not late by up to a tick (0: never wait, as in tests that drive the ticks themselves).
        self.period = period
        self._again = threading.Event()  # a wake came in while a tick was running: it goes round once more
        # With `start_delivery`, the outbox is delivered by a thread of its own, so neither the engine nor the
        # delivery waits for the other's turn; without it (tests, `worker --once`) a tick does both in turn.
        self._deliver = threading.Event()  # work was queued: the delivery thread goes round now
        self._stopping = threading.Event()
        self._delivery: threading.Thread | None = None

    def run_once(self, now: datetime | None = None) -> tuple[int, int]:
        """Returns (escalations advanced, outbox rows handled). Safe to run from several processes at once."""
        now = now or self.core.clock()
        moved = self.run_engine(now)
        if self._delivery is not None:  # the delivery thread takes what this queued
            self._deliver.set()
            return moved, 0
        return moved, self.deliver(now)

    def run_engine(self, now: datetime) -> int:
        """The duties, then every escalation due; returns how many moved."""
        self.read_usergroups(now)
        # Duties first: an incident a duty opens (a signal's trigger, a drill's alert) is paged in this same tick.
        for duty in self.duties:
            try:
                duty(now)
            except Exception:  # one feature's failure must not hold back the engine and the outbox below
                log.exception("worker duty %s failed; the next tick retries", getattr(duty, "__qualname__", duty))
        moved = self.advance(now)
        if self.core.config.schedules:
            self.schedule_duties(now)
        return moved

    def wanted(self) -> None:
        """Something was queued: a tick running now goes round once more when it is done."""
        self._again.set()
        self._deliver.set()

    def start_delivery(self) -> None:
        """Deliver the outbox from a thread of its own from now on, until `close`."""
        self._delivery = threading.Thread(target=self._delivering, name="outbox-delivery", daemon=True)
        self._delivery.start()

    def _delivering(self) -> None:
        while not self._stopping.is_set():
            self._deliver.wait(self.period or 1.0)  # queued work (a tick, a wake) cuts the wait short
            self._deliver.clear()
            if not self._stopping.is_set():
                self.delivery_rounds()
                self._stopping.wait(MIN_PAUSE)  # as the tick: wakes come every few milliseconds in a storm

    def delivery_rounds(self) -> None:
        """Deliver until nothing is due (a round per slice, so a running tick's wake is seen between them)."""
        started = time.monotonic()
        try:
            while not self._stopping.is_set():
                began = time.monotonic()
                handled = self.deliver(self.core.clock())
                if handled:
                    log.info("delivery: %d outbox row(s) handled", handled)
                if not (handled >= DELIVERY_LIMIT or (handled and time.monotonic() - began >= DELIVERY_SLICE)) \
                        or time.monotonic() - started >= MAX_ROUNDS_SECONDS:
                    return
        except Exception:
            log.exception("outbox delivery failed; the next round retries")

    def until_next_step(self, within: float) -> float | None:
        """Seconds until the next escalation step falls due, if that is within `within` seconds; else None."""
        if within <= 0:
            return None
        with self.core.sessions() as session:
            due = next_step_due(session)
        if due is None:
            return None
        # At least a moment: a step due already but locked by another worker must not make this loop spin.
        pause = max((due - self.core.clock()).total_seconds(), MIN_PAUSE)
        return pause if pause <= within else None

    def read_usergroups(self, now: datetime) -> None:
        """Before the engine pages anyone: the user groups the policies target, as Slack lists them now (when due)."""
        try:
            refresh_usergroups(self.core.sessions, self.gateway, usergroup_refs(self.core.config), now)
        except Exception:  # the engine pages the members read before; the next tick tries again
            log.exception("reading Slack user groups failed; the next tick retries")

    def close(self) -> None:
        self._stopping.set()
        self._deliver.set()
        if self._delivery is not None:
            self._delivery.join(timeout=MAX_ROUNDS_SECONDS + 30)
        if self.lanes is not None:
            self.lanes.shutdown(wait=True)

    def advance(self, now: datetime) -> int:
        """Every escalation due at `now`, a batch per transaction, so a storm of them is not held to one batch."""
        moved = 0
        while True:
            self.core.turns.worker()
            with self.core.sessions.begin() as session:
                batch = run_cycle(session, now, self.core.roster(session), limit=ENGINE_BATCH)
            moved += batch
            if batch < ENGINE_BATCH:
                return moved

    def deliver(self, now: datetime) -> int:
        """Deliver the outbox rows due at `now`, for one slice of time at most; returns how many were handled."""
        return deliver_due(self.core.sessions, self.gateway, self.core.config, self.kinds, now, DELIVERY_LIMIT,
                           lanes=self.lanes, metrics=self.core.metrics, clock=self.core.clock,
                           turn=self.core.turns.worker, deadline=time.monotonic() + DELIVERY_SLICE)

    def schedule_duties(self, now: datetime) -> None:
        config = self.core.config
        with self.core.sessions.begin() as session:
            queue_shift_notices(session, config.schedules, config.policies, config.directory, now)
            report = config.oncall
            day = gap_report_due(now, config.timezone, report.gap_report_day, report.gap_report_at)
            if report.admin_channel and day:
                queue_gap_report(session, config.schedules, report.admin_channel, report.gap_report_days, day, now)

    def tick(self) -> None:
        """The scheduler's job: never lets an exception kill the schedule."""
        started = time.monotonic()
        waited = False
        try:
            while True:
                began = time.monotonic()
                self._again.clear()  # this round sees what was queued so far
                moved, handled = self.run_once()
                if moved or handled:
                    log.info("tick: %d escalation(s) advanced, %d outbox row(s) handled", moved, handled)
                # Stopped at its limit or its slice: the outbox has more, so go round now, not a tick later.
                more = handled >= DELIVERY_LIMIT or (handled > 0 and time.monotonic() - began >= DELIVERY_SLICE) \
                    or self._again.is_set()
                # Waited for a step and then moved nothing (another worker took it): the next tick will do.
                if not more and not (waited and not moved) and \
                        (pause := self.until_next_step(self.period)) is not None:
                    # A wake (work queued) ends the wait early: then the round is no proof the step was taken,
                    # and the next one waits again for what is left (else the step waited for the next tick).
                    woken = self._again.wait(pause + STEP_MARGIN)
                    more, waited = True, not woken
                else:
                    waited = False
                if not more or time.monotonic() - started >= MAX_ROUNDS_SECONDS:
                    break
                # Round again for a wake: a storm's come every few milliseconds, and each round runs every duty.
                time.sleep(max(0.0, MIN_PAUSE - (time.monotonic() - began)))
        except Exception:
            log.exception("worker tick failed; the next tick retries")
        finally:
            self.core.metrics.tick_seconds.observe(time.monotonic() - started)
