"""On PostgreSQL a wake in one process reaches a worker in another: NOTIFY from the web, LISTEN in the worker."""
from __future__ import annotations

import threading

import pytest

from bot.notify import Listener, Notifier, libpq_url
from tests.support.database import PG_URL


def test_only_postgresql_urls_have_a_libpq_form():
    assert libpq_url("postgresql+psycopg://u@h:5432/db") == "postgresql://u@h:5432/db"
    assert libpq_url("postgres://u@h/db") == "postgresql://u@h/db"
    assert libpq_url("sqlite:///crisisdesk.db") is None


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set")
def test_a_notify_wakes_the_listener_and_a_burst_folds_into_few():
    url = libpq_url(PG_URL)
    assert url is not None
    woken = threading.Semaphore(0)
    count = []

    def wake() -> None:
        count.append(1)
        woken.release()

    listener = Listener(url, wake).start()
    notifier = Notifier(url).start()
    try:
        assert listener.listening.wait(10)
        notifier()
        assert woken.acquire(timeout=10)
        for _ in range(500):
            notifier()
        assert woken.acquire(timeout=10)
        assert 2 <= len(count) < 500
    finally:
        notifier.stop()
        listener.stop()
