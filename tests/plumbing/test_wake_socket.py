"""On SQLite a wake in one process reaches a worker in another: a datagram to an abstract socket named from the
database file."""
from __future__ import annotations

import logging
import os
import threading
import time

import pytest

from bot import wake_socket
from bot.notify import Listener, Notifier, wake_listener, wake_sender
from bot.wake_socket import WakeListener, WakeSender, address, database_file
from tests.support.database import PG_URL

pytestmark = pytest.mark.skipif(not wake_socket.SUPPORTED, reason="abstract Unix sockets are Linux only")


class Wakes:
    """Counts the wakes a listener gives and lets a test wait for the next one."""

    def __init__(self) -> None:
        self.count = 0
        self._woken = threading.Semaphore(0)

    def __call__(self) -> None:
        self.count += 1
        self._woken.release()

    def wait(self, seconds: float) -> bool:
        return self._woken.acquire(timeout=seconds)


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "crisisdesk.db"
    path.touch()
    return str(path)


def test_a_sqlite_url_names_its_real_file_and_other_databases_name_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    real = str(tmp_path.resolve() / "crisisdesk.db")
    assert database_file("sqlite:///crisisdesk.db") == real
    assert database_file(f"sqlite:///{real}") == real
    assert database_file(f"sqlite:///file:{real}?mode=rwc&uri=true") == real
    assert database_file("sqlite://") is None
    assert database_file("sqlite:///:memory:") is None
    assert database_file("postgresql+psycopg://u@h/db") is None


def test_every_spelling_of_one_file_shares_an_address_and_two_files_do_not(tmp_path):
    (tmp_path / "a.db").touch()
    os.symlink(tmp_path / "a.db", tmp_path / "link.db")
    assert address(str(tmp_path / "a.db")) == address(str(tmp_path / "link.db"))
    assert address(str(tmp_path / "a.db")) == address(str(tmp_path / "sub" / ".." / "a.db"))
    assert address(str(tmp_path / "a.db")) != address(str(tmp_path / "b.db"))
    assert address(str(tmp_path / "a.db")).startswith(b"\0crisisdesk-wake-")  # abstract: nothing on disk


def test_a_datagram_wakes_the_listener_at_once_and_a_burst_folds_into_few(database):
    wakes = Wakes()
    listener = WakeListener(database, wakes).start()
    sender = WakeSender(database)
    try:
        assert listener.listening.wait(5)
        started = time.monotonic()
        sender()
        assert wakes.wait(1)
        assert time.monotonic() - started < 0.25
        for _ in range(500):
            sender()
        assert wakes.wait(5)
        time.sleep(0.2)  # any wake still to come from the burst
        assert 2 <= wakes.count < 100
    finally:
        sender.close()
        listener.stop()
    assert not listener.listening.is_set()


def test_a_sender_with_nobody_listening_is_silent(database, caplog):
    sender = WakeSender(database)
    with caplog.at_level(logging.DEBUG, logger="bot.wake_socket"):
        for _ in range(3):
            sender()
    sender.close()
    assert caplog.records == []


def test_a_second_listener_waits_quietly_and_takes_over_when_the_first_stops(database, caplog):
    first_wakes, second_wakes = Wakes(), Wakes()
    first = WakeListener(database, first_wakes).start()
    assert first.listening.wait(5)
    with caplog.at_level(logging.INFO, logger="bot.wake_socket"):
        second = WakeListener(database, second_wakes, retry_seconds=0.05).start()
        time.sleep(0.3)  # several retries: still one line
    sender = WakeSender(database)
    try:
        assert not second.listening.is_set()
        assert [r.levelno for r in caplog.records] == [logging.INFO]
        sender()
        assert first_wakes.wait(1) and second_wakes.count == 0
        first.stop()
        assert second.listening.wait(5)
        sender()
        assert second_wakes.wait(1)
    finally:
        sender.close()
        first.stop()
        second.stop()


def test_the_url_picks_the_socket_on_a_sqlite_file_and_nothing_in_memory(database):
    wakes = Wakes()
    listen = wake_listener(f"sqlite:///{database}")
    send = wake_sender(f"sqlite:///{database}")
    assert listen is not None and isinstance(send, WakeSender)
    listener = listen(wakes)
    try:
        assert isinstance(listener, WakeListener) and listener.listening.wait(5)
        send()
        assert wakes.wait(1)
    finally:
        send.close()
        listener.stop()
    assert wake_listener("sqlite://") is None and wake_sender("sqlite://") is None


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set")
def test_the_url_still_picks_notify_and_listen_on_postgresql():
    wakes = Wakes()
    listen, send = wake_listener(PG_URL), wake_sender(PG_URL)
    assert listen is not None and isinstance(send, Notifier)
    listener = listen(wakes)
    try:
        assert isinstance(listener, Listener) and listener.listening.wait(10)
        send()
        assert wakes.wait(10)
    finally:
        send.stop()
        listener.stop()
