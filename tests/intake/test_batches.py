"""A batch of alerts is taken in set-based, and ends exactly as taking the same alerts one at a time would."""
from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker

from escalation import tables  # noqa: F401  (registers every table)
from escalation.base import Base
from escalation.incidents import AlertIn, Incident, Intake, ingest
from escalation.incidents.models import Alert
from escalation.outbox import OutboxMessage
from escalation.paging import EscalationState, Route
from escalation.timeline import TimelineEvent

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def intake(auto_resolve: bool) -> Intake:
    return Intake(routes=(Route(policy="pr"),), default_policy="pr", auto_resolve=auto_resolve,
                  channel_name=lambda number, alert, now: f"crisis-{number}", invite=({"key": "anna"},))


def fresh() -> sessionmaker[Session]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    return sessionmaker(engine, expire_on_commit=False)


def alert(group: str, fingerprint: str, status: str = "firing") -> AlertIn:
    return AlertIn(source="generic", group_key=group, fingerprint=fingerprint, title=f"{group}/{fingerprint}",
                   status=status)


def state(sessions: sessionmaker[Session]) -> dict:
    """Everything intake writes, without ids that depend on statement order across incidents."""
    with sessions() as session:
        return {
            "incidents": [(i.id, i.group_key, i.status, i.open_key, i.channel_name, i.title)
                          for i in session.scalars(select(Incident).order_by(Incident.id))],
            "alerts": sorted((a.incident_id, a.fingerprint, a.status, a.repeats, a.title)
                             for a in session.scalars(select(Alert))),
            "timeline": [(e.incident_id, e.kind, e.text, e.actor) for e in session.scalars(
                select(TimelineEvent).order_by(TimelineEvent.incident_id, TimelineEvent.id))],
            "escalations": sorted((s.incident_id, s.active) for s in session.scalars(select(EscalationState))),
            "outbox": sorted((m.incident_id or 0, m.lane, m.kind, m.dedup_key or "") for m in session.scalars(
                select(OutboxMessage))),
        }


def take(sessions: sessionmaker[Session], alerts: list[AlertIn], rules: Intake) -> list:
    with sessions.begin() as session:
        return [(r.incident_id, r.outcome) for r in ingest(session, alerts, rules, NOW)]


events = st.lists(st.tuples(st.sampled_from(["g1", "g2"]), st.sampled_from(["f1", "f2"]),
                            st.sampled_from(["firing", "firing", "resolved"])), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events, st.booleans())
def test_a_batch_ends_as_the_same_alerts_one_by_one(sequence, auto_resolve):
    rules = intake(auto_resolve)
    alerts = [alert(g, f, s) for g, f, s in sequence]
    together, apart = fresh(), fresh()
    batch = take(together, alerts, rules)
    singles = [outcome for a in alerts for outcome in take(apart, [a], rules)]
    assert batch == singles
    assert state(together) == state(apart)


def test_copies_in_one_batch_are_one_alert_counted_in_sql():
    sessions = fresh()
    outcomes = take(sessions, [alert("g", "f")] * 500, intake(True))
    assert outcomes == [(1, "opened")] + [(1, "repeated")] * 499
    outcomes = take(sessions, [alert("g", "f")] * 300, intake(True))
    assert set(outcomes) == {(1, "repeated")}
    assert state(sessions)["alerts"] == [(1, "f", "firing", 799, "g/f")]


def test_a_group_that_resolves_and_fires_again_in_one_batch_opens_a_second_incident():
    sessions = fresh()
    outcomes = take(sessions, [alert("g", "f"), alert("g", "f", "resolved"), alert("g", "f")], intake(True))
    assert outcomes == [(1, "opened"), (1, "resolved_incident"), (2, "opened")]
    incidents = state(sessions)["incidents"]
    assert [(i[0], i[2], i[3]) for i in incidents] == [(1, "resolved", None), (2, "triggered", "generic:g")]


def test_concurrent_writers_count_every_repeat(engine):
    """Web processes taking copies of one new alert at once: one incident, and the repeat count is exact."""
    from concurrent.futures import ThreadPoolExecutor

    sessions = sessionmaker(engine, expire_on_commit=False)
    rules = intake(False)

    def writer(_: int) -> None:
        for _copy in range(25):
            take(sessions, [alert("storm", "f")] * 4, rules)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(writer, range(8)))
    with sessions() as session:
        assert session.scalars(select(Alert.repeats)).all() == [8 * 25 * 4 - 1]
        assert session.scalar(select(Incident.id).where(Incident.open_key == "generic:storm")) == 1
