"""Fresh planner statistics on PostgreSQL, kept by the worker rather than left to autovacuum.

A storm takes the hot tables from a few rows to a hundred thousand in a minute. Until they are analyzed, the
planner believes they are still small: the outbox claim then read and sorted every pending row (223 ms a round at
90,000 rows) where with current statistics it walks the pending index and stops at the batch (1.6 ms), and the
engine's look-ups go the same way. Autovacuum would analyze them, but only once a minute at best, and not at all
where it is switched off. So each worker tick (at most every INTERVAL seconds, on a thread of its own) asks
PostgreSQL which of this schema's tables changed much since their last ANALYZE and analyzes those. SQLite plans
without statistics unless asked, and its plans here do not need them.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)
INTERVAL = 10.0  # seconds between looks at the counters
MIN_CHANGES = 1000  # rows changed since the last ANALYZE before a table is analyzed again ...
FRACTION = 0.2  # ... and at least this share of its rows (autovacuum's default is 0.1 of them plus 50)
STALE = text("""
    SELECT relname FROM pg_stat_user_tables
    WHERE schemaname = current_schema()
      AND n_mod_since_analyze >= GREATEST(:least, :fraction * n_live_tup)
    ORDER BY n_mod_since_analyze DESC""")


class PlannerStatistics:
    """A worker duty: ANALYZE the tables whose statistics a storm has made stale (PostgreSQL only)."""

    def __init__(self, engine: Engine, interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic):
        self.engine = engine
        self.interval = interval
        self.clock = clock
        self.enabled = engine.dialect.name == "postgresql"
        self._next = 0.0
        self._looking: threading.Thread | None = None

    def __call__(self, _now: datetime) -> None:
        """The duty: a look when due, on a thread of its own, one at a time. ANALYZE of a storm's tables takes up to
        a second; on the worker's tick it made the next reminders that much late."""
        if not self.enabled or self.clock() < self._next or (self._looking is not None and self._looking.is_alive()):
            return
        self._looking = threading.Thread(target=self._look, name="planner-statistics", daemon=True)
        self._looking.start()

    def _look(self) -> None:
        try:
            self.refresh()
        except Exception:  # the next look tries again; the planner keeps the statistics it has meanwhile
            log.exception("analyzing stale tables failed")

    def refresh(self) -> list[str]:
        """The tables analyzed now (none between looks, or on SQLite)."""
        if not self.enabled or self.clock() < self._next:
            return []
        self._next = self.clock() + self.interval
        # Autocommit: ANALYZE takes only a lock that reads and writes pass, and holds it for its own statement.
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            stale = list(connection.scalars(STALE, {"least": MIN_CHANGES, "fraction": FRACTION}))
            for table in stale:
                quoted = connection.dialect.identifier_preparer.quote(table)
                connection.exec_driver_sql(f"ANALYZE {quoted}")
        if stale:
            log.info("analyzed %s: their statistics had gone stale", ", ".join(stale))
        return stale
