"""Webhooks first: on SQLite one writer at a time, so the worker's housekeeping waits while intake is waiting.

SQLite has no queue for its write lock: a writer that finds it taken sleeps and tries again, and a worker that
runs transaction after transaction (escalations, claims, deliveries) can keep a waiting webhook out for seconds.
Intake says when it wants the lock; the worker looks before each transaction and lets it go first."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

LONGEST_WAIT = 2.0  # seconds the worker gives way at most, so a flood of webhooks cannot stop paging


class Turns:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._waiting = 0
        self._changed = threading.Condition()

    @contextmanager
    def intake(self) -> Iterator[None]:
        """Around intake's transaction: the worker starts no new one until it is done."""
        if not self.enabled:
            yield
            return
        with self._changed:
            self._waiting += 1
        try:
            yield
        finally:
            with self._changed:
                self._waiting -= 1
                self._changed.notify_all()

    def worker(self) -> None:
        """Before each of the worker's transactions: wait while intake is waiting or writing."""
        if not self.enabled:
            return
        with self._changed:
            self._changed.wait_for(lambda: self._waiting == 0, timeout=LONGEST_WAIT)
