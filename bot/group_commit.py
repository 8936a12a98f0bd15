"""Group commit: one writer thread stores what many concurrent requests handed in, in one transaction.

A request submits its items and waits on a future; the writer takes every submission that is waiting, writes
them all at once, commits, and only then answers each future with that submission's share of the results. So an
item is durable before its request is answered, and a storm of requests costs one transaction per batch instead of
one per request. A batch that fails is written again one submission at a time, so one bad request fails alone.
"""
from __future__ import annotations

import logging
import queue
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
# The writer shares the GIL with the web server's event loop. Each statement lets the GIL go (SQLite and the network
# release it), and taking it back waits until the loop's thread gives it up: at Python's default switch interval,
# 5 ms per statement while requests keep the loop busy, so a batch of ~10 statements took ~25 ms of waiting for
# ~4 ms of work. At 1 ms the writer gets back in time, and webhook throughput under load rose by ~60 %
# (benchmarks/bench_intake.py, one alert per request, SQLite). It is process-wide, so the web server's wiring
# (`crisisdesk serve`) sets it, not this class.
SWITCH_INTERVAL = 0.001
Item = TypeVar("Item")
Result = TypeVar("Result")


def lower_switch_interval() -> None:
    """For a process whose event loop shares the GIL with group-commit writers: lowered, never raised."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


@dataclass
class _Submission(Generic[Item, Result]):
    items: Sequence[Item]
    future: Future[list[Result]] = field(default_factory=Future)


class GroupCommit(Generic[Item, Result]):
    def __init__(self, write: Callable[[list[Item]], list[Result]], *, name: str, max_items: int = 10_000):
        """`write` stores the items in one transaction and returns one result per item, in order."""
        self._write = write
        self._name = name
        self._max_items = max_items
        self._queue: queue.SimpleQueue[_Submission[Item, Result] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, items: Sequence[Item]) -> Future[list[Result]]:
        """Queue the items; the future holds their results once they are committed."""
        submission: _Submission[Item, Result] = _Submission(items)
        if not items:
            submission.future.set_result([])
            return submission.future
        with self._lock:
            if self._closed:
                raise RuntimeError(f"{self._name}: closed")
            if self._thread is None:  # started on first use, so building the app starts nothing
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._queue.put(submission)
        return submission.future

    def write(self, items: Sequence[Item], timeout: float | None = None) -> list[Result]:
        """Submit and wait: for callers that are threads already (CLI, tests, Socket Mode)."""
        return self.submit(items).result(timeout)

    def close(self, timeout: float = 10) -> None:
        """Write what is queued, then stop the writer."""
        with self._lock:
            self._closed = True
            thread = self._thread
            if thread is not None:
                self._queue.put(None)
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            try:
                if not self._turn():
                    return
            except Exception:  # never let the writer die: every later request would wait for ever
                log.exception("%s: the writer failed; it goes on", self._name)

    def _turn(self) -> bool:
        """Write one batch; False when asked to stop."""
        first = self._queue.get()
        if first is None:
            return False
        batch, stop = [first], False
        count = len(first.items)
        while count < self._max_items:  # take whatever else is already waiting, without waiting for more
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                break
            if more is None:
                stop = True
                break
            batch.append(more)
            count += len(more.items)
        # A waiter that gave up (a cancelled request) cancels its future from its own thread. Marking the taken
        # futures running settles the race: one cancelled already is left out of the write, and none can be
        # cancelled any more, so answering them below cannot fail half-way through a batch.
        taken = [submission for submission in batch if submission.future.set_running_or_notify_cancel()]
        if taken:
            self._commit(taken)
        return not stop

    def _commit(self, batch: list[_Submission[Item, Result]]) -> None:
        try:
            results = self._write([item for submission in batch for item in submission.items])
        except Exception as error:
            if len(batch) == 1:
                log.exception("%s: a write failed", self._name)
                batch[0].future.set_exception(error)
                return
            for submission in batch:  # find the one that fails, without failing the others
                self._commit([submission])
            return
        start = 0
        for submission in batch:
            end = start + len(submission.items)
            submission.future.set_result(results[start:end])  # running since taken: not cancelled meanwhile
            start = end

