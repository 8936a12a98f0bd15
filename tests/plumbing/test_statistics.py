"""On PostgreSQL the worker analyzes the tables a storm has changed, so the planner's statistics are not those of
an empty table (where the outbox claim read every pending row); SQLite is left alone."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

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
