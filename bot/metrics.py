"""What `/metrics` shows, in Prometheus' text format: intake, the outbox, Slack calls, pages and the worker.

Counters and histograms are kept in memory per process (each process is scraped on its own); gauges about the
backlog are read from the database at scrape time, so every process tells the same truth about it."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from escalation.incidents import RESOLVED, Incident
from escalation.outbox import PENDING, OutboxMessage

FAST = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
SLOW = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300)


class Metrics:
    def __init__(self, sessions: sessionmaker[Session] | None = None,
                 clock: Callable[[], datetime] | None = None):
        self.registry = CollectorRegistry()
        self.alerts = Counter("crisisdesk_alerts_received", "Alerts taken in, by what became of them",
                              ["outcome"], registry=self.registry)
        self.mentions = Counter("crisisdesk_mentions_received", "Social mentions taken in, by what became of them",
                                ["outcome"], registry=self.registry)
        self.intake_seconds = Histogram("crisisdesk_intake_seconds",
                                        "From a webhook request's arrival to its alerts being committed",
                                        buckets=FAST, registry=self.registry)
        self.slack_calls = Counter("crisisdesk_slack_calls", "Slack Web API calls, by method and result",
                                   ["method", "result"], registry=self.registry)
        self.page_lateness = Histogram("crisisdesk_page_lateness_seconds",
                                       "A page DM's delivery time minus the time it was due", buckets=SLOW,
                                       registry=self.registry)
        self.tick_seconds = Histogram("crisisdesk_worker_tick_seconds", "How long one worker tick took",
                                      buckets=SLOW, registry=self.registry)
        if sessions is not None and clock is not None:
            self.registry.register(Backlog(sessions, clock))

    def slack_call(self, method: str, result: str) -> None:
        self.slack_calls.labels(method=method, result=result).inc()

    def text(self) -> bytes:
        return generate_latest(self.registry)


class Backlog(Collector):
    """Open incidents (drills left out), and the outbox's depth and oldest pending row per kind, read when
    scraped. A drill's outbox rows are real work for Slack, so they count in the backlog."""

    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], datetime]):
        self.sessions = sessions
        self.clock = clock

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = self.clock()
        with self.sessions() as session:
            # A drill's incidents are exercises: kept out of what the real service is measured by.
            open_incidents = session.scalar(select(func.count()).where(
                Incident.status != RESOLVED, Incident.drill_run_id.is_(None))) or 0
            rows = session.execute(select(OutboxMessage.kind, func.count(), func.min(OutboxMessage.created_at))
                                   .where(OutboxMessage.status == PENDING).group_by(OutboxMessage.kind)).all()
        yield GaugeMetricFamily("crisisdesk_incidents_open", "Incidents not yet resolved, drills not counted",
                                value=open_incidents)
        depth = GaugeMetricFamily("crisisdesk_outbox_depth", "Pending outbox rows, by kind", labels=["kind"])
        oldest = GaugeMetricFamily("crisisdesk_outbox_oldest_seconds", "Age of the oldest pending row, by kind",
                                   labels=["kind"])
        for kind, count, first in rows:
            depth.add_metric([kind], count)
            oldest.add_metric([kind], max((now - first).total_seconds(), 0.0))
        yield depth
        yield oldest

    def describe(self) -> Iterator[GaugeMetricFamily]:
        return iter(())  # read at scrape time only: nothing to collect on registration
