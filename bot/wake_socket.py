"""Waking a worker in another process on SQLite: a Unix datagram socket in Linux's abstract namespace, named from
the database file, so every process on one file finds the same address and nothing is left on disk."""
from __future__ import annotations

import errno
import hashlib
import logging
import os
import selectors
import socket
import sys
import threading
from collections.abc import Callable

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)
# Abstract addresses (a leading NUL byte) exist on Linux only; elsewhere a separate worker just ticks.
SUPPORTED = sys.platform.startswith("linux") and hasattr(socket, "AF_UNIX")
# Nobody listening, or the listener's queue already full (it is awake anyway): the tick still picks the work up.
_IGNORED = (ConnectionRefusedError, FileNotFoundError, BlockingIOError)


def database_file(database_url: str) -> str | None:
    """The real path of a SQLite database file; None for PostgreSQL and for in-memory SQLite."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):  # a URI filename: its path ends where its query begins
        return os.path.realpath(url.database[len("file:"):].split("?")[0])
    return os.path.realpath(url.database)


def address(path: str) -> bytes:
    """The abstract socket address shared by every process on the database file at `path`."""
    digest = hashlib.sha256(os.path.realpath(path).encode()).hexdigest()[:32]
    return b"\0crisisdesk-wake-" + digest.encode()


class WakeSender:
    """Sends one byte to the worker's address, without blocking, from the caller's thread; never raises."""

    def __init__(self, path: str):
        self.address = address(path)
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.setblocking(False)

    def __call__(self) -> None:
        try:
            self._socket.sendto(b"w", self.address)
        except _IGNORED:
            pass
        except OSError as error:
            log.warning("could not wake the worker over its socket: %s", error)

    def close(self) -> None:
        self._socket.close()


class WakeListener:
    """Binds the address in a thread of its own and calls `wake` once per burst of datagrams. While another worker
    holds the address it retries every `retry_seconds`, so it takes over the wake when that worker stops."""

    def __init__(self, path: str, wake: Callable[[], None], retry_seconds: float = 5.0):
        self.path = path
        self.address = address(path)
        self.wake = wake
        self.retry_seconds = retry_seconds
        self.listening = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wake-socket", daemon=True)

    def start(self) -> WakeListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self.listening.is_set():  # unblock our own recv at once rather than after its timeout
            sender = WakeSender(self.path)
            sender()
            sender.close()
        self._thread.join(5)

    def _run(self) -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock, selectors.DefaultSelector() as selector:
            if not self._bind(sock):
                return
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
            self.listening.set()
            try:
                while not self._stop.is_set():
                    if selector.select(timeout=1.0) and self._drain(sock) and not self._stop.is_set():
                        self.wake()
            finally:
                self.listening.clear()

    def _bind(self, sock: socket.socket) -> bool:
        told = False
        while not self._stop.is_set():
            try:
                sock.bind(self.address)
                return True
            except OSError as error:
                if not told and error.errno == errno.EADDRINUSE:  # allowed: a second worker waits for its tick
                    log.info("another worker is woken on this database; this one ticks until that one stops")
                elif not told:
                    log.warning("cannot listen for wakes (%s); the worker finds work on its tick", error)
                told = True
                self._stop.wait(self.retry_seconds)
        return False

    @staticmethod
    def _drain(sock: socket.socket) -> int:
        """Reads every datagram already queued, so a burst of wakes is one tick; returns how many there were."""
        count = 0
        while True:
            try:
                sock.recv(16)
            except (BlockingIOError, InterruptedError):
                return count
            count += 1
