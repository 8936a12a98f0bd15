"""APScheduler ticks the worker's engine (the outbox has a thread of its own, `Worker.start_delivery`); every bit of
state they advance lives in the database."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from bot.worker import Worker

if TYPE_CHECKING:
    from bot.notify import Listen

JOB = "tick"


def _add_tick(scheduler: BaseScheduler, worker: Worker, seconds: float) -> None:
    scheduler.add_job(worker.tick, "interval", seconds=seconds, id=JOB, max_instances=1, coalesce=True,
                      next_run_time=datetime.now(UTC), misfire_grace_time=None)


def start_background(worker: Worker, seconds: float, listen: Listen | None = None) -> BackgroundScheduler:
    """For `crisisdesk serve`: ticks in a thread beside the web server; wake() runs a tick at once. With `listen`
    (`bot.notify.wake_listener`) another process's web server wakes it too."""
    scheduler = BackgroundScheduler(timezone=UTC)
    _add_tick(scheduler, worker, seconds)
    worker.start_delivery()
    scheduler.start()
    worker.core.wakeup.subscribe(lambda: wake(scheduler, worker))
    if listen:
        listen(lambda: wake(scheduler, worker))
    return scheduler


def wake(scheduler: BaseScheduler, worker: Worker) -> None:
    """A tick now. The scheduler skips a run asked for while one is running, so the running tick is also told to go
    round again (`Worker.wanted`): work queued just after its engine looked is not left to the next tick."""
    worker.wanted()
    try:
        scheduler.modify_job(JOB, next_run_time=datetime.now(UTC))
    except Exception:  # the scheduler is shutting down; the next start picks the work up from the tables
        pass


def run_blocking(worker: Worker, seconds: float, listen: Listen | None = None) -> None:
    """For `crisisdesk worker`: ticks in the foreground until stopped; with `listen` (`bot.notify.wake_listener`)
    the web processes' wakes (NOTIFY on PostgreSQL, a datagram on SQLite) reach it at once, so the Procfile layout
    pages as fast as one process."""
    scheduler = BlockingScheduler(timezone=UTC)
    _add_tick(scheduler, worker, seconds)
    worker.start_delivery()
    if listen:
        listen(lambda: wake(scheduler, worker))
    scheduler.start()
