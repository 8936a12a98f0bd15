"""Waking a worker in another process: on PostgreSQL the web process NOTIFYs and the worker LISTENs, so the
Procfile layout (web + worker) pages as fast as one process. On SQLite (Linux) a datagram socket does the same
(`bot/wake_socket.py`); `wake_sender` and `wake_listener` pick the one the database URL calls for."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from bot import wake_socket

log = logging.getLogger(__name__)
CHANNEL = "crisisdesk_wake"
Wake = Callable[[], None]
Listen = Callable[[Wake], object]  # starts calling its argument whenever another process asks for a wake


def wake_sender(database_url: str) -> Wake | None:
    """What a web process without a worker subscribes to its wakeup; None where no other process can be woken."""
    postgres = libpq_url(database_url)
    if postgres:
        return Notifier(postgres).start()
    path = wake_socket.database_file(database_url)
    return wake_socket.WakeSender(path) if path and wake_socket.SUPPORTED else None


def wake_listener(database_url: str) -> Listen | None:
    """What a process running the worker starts so that other processes' wakes reach it; None where none can."""
    postgres = libpq_url(database_url)
    if postgres:
        return lambda wake: Listener(postgres, wake).start()
    path = wake_socket.database_file(database_url)
    if path and wake_socket.SUPPORTED:
        return lambda wake: wake_socket.WakeListener(path, wake).start()
    return None


def libpq_url(database_url: str) -> str | None:
    """The libpq form of a PostgreSQL URL (no SQLAlchemy driver suffix); None for any other database."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if database_url.startswith(prefix):
            return "postgresql://" + database_url[len(prefix):]
    return None


class Notifier:
    """Sends NOTIFY from a thread of its own; wakes asked for while one is being sent are folded into the next."""

    def __init__(self, url: str):
        self.url = url
        self._wanted = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-notify", daemon=True)

    def start(self) -> Notifier:
        self._thread.start()
        return self

    def __call__(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stop.set()
        self._wanted.set()
        self._thread.join(5)

    def _run(self) -> None:
        connection: psycopg.Connection | None = None
        while not self._stop.is_set():
            self._wanted.wait()
            self._wanted.clear()
            if self._stop.is_set():
                break
            try:
                if connection is None or connection.closed:
                    connection = psycopg.connect(self.url, autocommit=True)
                connection.execute(f"NOTIFY {CHANNEL}")
            except psycopg.Error as error:  # the worker's next tick still picks the work up
                log.warning("could not NOTIFY the worker: %s", error)
                connection = None
                self._stop.wait(1)
        if connection is not None:
            connection.close()


class Listener:
    """LISTENs in a thread of its own and calls `wake` for every notification; reconnects after a failure."""

    def __init__(self, url: str, wake: Callable[[], None]):
        self.url = url
        self.wake = wake
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)
        self.listening = threading.Event()

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    while not self._stop.is_set():
                        for _ in connection.notifies(timeout=1.0):
                            self.wake()
            except psycopg.Error as error:
                self.listening.clear()
                log.warning("lost the LISTEN connection (%s); reconnecting", error)
                self._stop.wait(1)
