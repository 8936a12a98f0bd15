"""On PostgreSQL the worker analyzes the tables a storm has changed, so the planner's statistics are not those of
an empty table (where the outbox claim read every pending row); SQLite is left alone."""
from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import cast

import pytest
from sqlalchemy import Engine, text

from bot.statistics import MIN_CHANGES, PlannerStatistics
from escalation import outbox
from escalation.sql import table_of
from tests.support.database import PG_URL

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds


def last_analyzed(engine, table: str):
    with engine.connect() as connection:
        return connection.scalar(text("SELECT last_analyze FROM pg_stat_user_tables "
                                      "WHERE schemaname = current_schema() AND relname = :t"), {"t": table})


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set")
def test_a_table_a_storm_filled_is_analyzed_once_and_not_again_until_it_changes(engine):
    clock = Clock()
    statistics = PlannerStatistics(engine, interval=10, clock=clock)
    statistics.refresh()  # whatever earlier tests in this schema left behind
    rows = [outbox.row(NOW, kind="dm_page", lane=f"dm:{n}") for n in range(MIN_CHANGES + 200)]
    with engine.begin() as connection:
        connection.execute(table_of(outbox.OutboxMessage).insert(), rows)
        connection.execute(text("SELECT pg_stat_force_next_flush()"))  # the counters, now rather than in a second
    assert statistics.refresh() == []  # looked a moment ago: not before the interval
    clock.seconds = 10
    assert "outbox" in statistics.refresh()
    assert last_analyzed(engine, "outbox") is not None
    clock.seconds = 20
    assert "outbox" not in statistics.refresh()  # nothing changed since


def test_sqlite_is_left_to_plan_without_statistics(tmp_path):
    from bot.database import make_engine
    engine = make_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    try:
        assert PlannerStatistics(engine).refresh() == []
    finally:
        engine.dispose()


class SlowLooks(PlannerStatistics):
    """Looks that wait for the test's word, counted: as an ANALYZE of a storm's tables takes its time."""

    def __init__(self, gate, clock) -> None:
        super().__init__(cast(Engine, SimpleNamespace(dialect=SimpleNamespace(name="postgresql"))), interval=10,
                         clock=clock)
        self.gate = gate
        self.looks = 0

    def refresh(self) -> list[str]:
        self.looks += 1
        self._next = self.clock() + self.interval
        self.gate.wait(60)
        return []


@pytest.mark.timeout(20)
def test_the_duty_looks_on_a_thread_of_its_own_one_look_at_a_time():
    clock, gate = Clock(), threading.Event()
    statistics = SlowLooks(gate, clock)
    statistics(NOW)  # returns while the look waits: the worker's engine is not held up by it
    while statistics.looks == 0:
        time.sleep(0.01)
    clock.seconds = 30
    statistics(NOW)  # due again, but the first look is still under way
    assert statistics.looks == 1
    gate.set()
    while any(t.name == "planner-statistics" for t in threading.enumerate()):
        time.sleep(0.01)
    statistics(NOW)
    while statistics.looks == 1:
        time.sleep(0.01)
    assert statistics.looks == 2
