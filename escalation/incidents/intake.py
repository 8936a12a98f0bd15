"""Taking a batch of alerts in, set-based: a fixed number of statements per batch, whatever its size.

Alerts are looked up and stored by their indexed keys in bulk: open incidents by `open_key`, alerts by
(incident, fingerprint) with inserts the unique indexes guard, repeat counts added in SQL. A batch is cut into
runs in which each group's alerts are all firing or all resolved, so the result is what taking the alerts one
by one in order would give.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.incidents.alerts import AlertIn, Intake, Received
from escalation.incidents.models import RESOLVED, Incident
from escalation.incidents.opening import open_incidents
from escalation.incidents.service import open_key
from escalation.incidents.storing import resolve_alerts, store_firing
from escalation.sql import chunks

Indexed = tuple[int, AlertIn]  # the alert's place in the batch, the alert


def ingest(session: Session, alerts: list[AlertIn], intake: Intake, now: datetime) -> list[Received]:
    """Store every alert; the caller commits before answering the webhook. One result per alert, in order."""
    results: list[Received | None] = [None] * len(alerts)
    for run in runs(alerts):
        Run(session, intake, now, run, results).take()
    return [r if r is not None else Received(None, "ignored") for r in results]


def runs(alerts: list[AlertIn]) -> Iterator[list[Indexed]]:
    """Cut where a group turns from firing to resolved or back: inside a run, groups are independent."""
    run: list[Indexed] = []
    firing: dict[str, bool] = {}
    for index, alert in enumerate(alerts):
        key, fires = open_key(alert.source, alert.group_key), alert.status != RESOLVED
        if firing.get(key, fires) != fires:
            yield run
            run, firing = [], {}
        firing[key] = fires
        run.append((index, alert))
    if run:
        yield run


@dataclass
class Run:
    session: Session
    intake: Intake
    now: datetime
    alerts: list[Indexed]
    results: list[Received | None]
    open: dict[str, Incident] = field(default_factory=dict)

    def take(self) -> None:
        keys = list(dict.fromkeys(open_key(a.source, a.group_key) for _, a in self.alerts))
        for chunk in chunks(keys):
            self.open.update((i.open_key, i) for i in self.session.scalars(
                select(Incident).where(Incident.open_key.in_(chunk))) if i.open_key)
        firing = [(i, a) for i, a in self.alerts if a.status != RESOLVED]
        resolved = [(i, a) for i, a in self.alerts if a.status == RESOLVED]
        opened, raced = open_incidents(self.session, self.intake, self.now, self._first_of_new_groups(firing))
        self.open.update(opened)
        self.open.update(raced)
        if firing:
            store_firing(self.session, self.now, self._with_incident(firing), set(opened), self.results)
        if resolved:
            resolve_alerts(self.session, self.intake, self.now, self._with_incident(resolved), self.results)

    def _first_of_new_groups(self, firing: list[Indexed]) -> list[AlertIn]:
        first: dict[str, AlertIn] = {}
        for _, alert in firing:
            key = open_key(alert.source, alert.group_key)
            if key not in self.open:
                first.setdefault(key, alert)
        return list(first.values())

    def _with_incident(self, alerts: list[Indexed]) -> list[tuple[int, AlertIn, Incident]]:
        """Alerts whose group has an open incident; the others (a resolved alert with none) are ignored."""
        found = []
        for index, alert in alerts:
            incident = self.open.get(open_key(alert.source, alert.group_key))
            if incident is None:
                self.results[index] = Received(None, "ignored")
            else:
                found.append((index, alert, incident))
        return found

