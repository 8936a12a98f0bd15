"""On SQLite the worker gives way to intake: it starts no transaction while a webhook waits or writes."""
from __future__ import annotations

import threading
import time

from bot.turns import Turns


def test_the_worker_waits_while_intake_writes_then_goes():
    turns = Turns()
    inside, leave, order = threading.Event(), threading.Event(), []

    def intake() -> None:
        with turns.intake():
            inside.set()
            leave.wait(5)
            order.append("intake done")

    writer = threading.Thread(target=intake)
    writer.start()
    assert inside.wait(5)
    worker = threading.Thread(target=lambda: (turns.worker(), order.append("worker went")))
    worker.start()
    time.sleep(0.05)
    assert order == []  # still waiting for intake
    leave.set()
    writer.join(5)
    worker.join(5)
    assert order == ["intake done", "worker went"]


def test_off_on_postgresql_and_never_forever():
    Turns(enabled=False).worker()  # returns at once
    turns = Turns()
    with turns.intake():
        started = time.monotonic()
        turns.worker()  # gives way for a bounded time only
        assert time.monotonic() - started >= 1.5
