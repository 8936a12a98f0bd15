"""Waking the worker at once when something was queued, instead of waiting for its next tick."""
from __future__ import annotations

import threading
from collections.abc import Callable


class Wakeup:
    """Built empty with the app; the scheduler that runs the worker subscribes to it when it starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def notify(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener()
