"""A batch of alerts is taken in set-based, and ends exactly as taking the same alerts one at a time would."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker

from escalation import tables  # noqa: F401  (registers every table)
from escalation.base import Base
from escalation.incidents import AlertIn, Incident, Intake, ingest
from escalation.incidents.models import Alert, AlertJoin
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


def alert(group: str, fingerprint: str, status: str = "firing", severity: int = 3) -> AlertIn:
    return AlertIn(source="generic", group_key=group, fingerprint=fingerprint, title=f"{group}/{fingerprint}",
                   status=status, severity=severity)


def state(sessions: sessionmaker[Session]) -> dict:
    """Everything intake writes, without ids that depend on statement order across incidents."""
    with sessions() as session:
        return {
            "incidents": [(i.id, i.group_key, i.status, i.open_key, i.channel_name, i.title, i.severity)
                          for i in session.scalars(select(Incident).order_by(Incident.id))],
            # the joins to announce, each with the severity it raised its incident from (severity follows alerts)
            "joins": sorted((j.incident_id, j.title, j.severity, j.again, j.raised_from or 0)
                            for j in session.scalars(select(AlertJoin))),
            "alerts": sorted((a.incident_id, a.fingerprint, a.status, a.repeats, a.title)
                             for a in session.scalars(select(Alert))),
            "timeline": [(e.incident_id, e.kind, e.text, e.actor) for e in session.scalars(
                select(TimelineEvent).order_by(TimelineEvent.incident_id, TimelineEvent.id))],
            "escalations": sorted((s.incident_id, s.active) for s in session.scalars(select(EscalationState))),
            "outbox": sorted((m.incident_id or 0, m.lane, m.kind, m.dedup_key or "") for m in session.scalars(
                select(OutboxMessage))),
        }


def take(sessions: sessionmaker[Session], alerts: list[AlertIn], rules: Intake, now: datetime = NOW) -> list:
    with sessions.begin() as session:
        return [(r.incident_id, r.outcome) for r in ingest(session, alerts, rules, now)]


events = st.lists(st.tuples(st.sampled_from(["g1", "g2"]), st.sampled_from(["f1", "f2", "f3"]),
                            st.sampled_from(["firing", "firing", "resolved"]), st.sampled_from([1, 2, 3, 4])),
                  min_size=1, max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events, events, st.booleans())
def test_a_batch_ends_as_the_same_alerts_one_by_one(first, then, auto_resolve):
    """Two batches a minute apart: the second's alerts join incidents the first opened (and raise them)."""
    rules = intake(auto_resolve)
    together, apart = fresh(), fresh()
    for sequence, now in ((first, NOW), (then, NOW + timedelta(minutes=1))):
        alerts = [alert(g, f, s, severity) for g, f, s, severity in sequence]
        batch = take(together, alerts, rules, now)
        singles = [outcome for a in alerts for outcome in take(apart, [a], rules, now)]
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


def test_an_incident_takes_the_worst_severity_of_the_alerts_that_join_it_unless_a_person_set_it():
    sessions, later = fresh(), NOW + timedelta(minutes=1)
    take(sessions, [alert("g", "f1", severity=3), alert("g", "f0", severity=4)], intake(False))
    take(sessions, [alert("h", "f1", severity=4)], intake(False))
    with sessions.begin() as session:
        session.get(Incident, 2).severity_set_by = "U0ANNA"
    take(sessions, [alert("g", "f2", severity=4), alert("g", "f3", severity=2), alert("g", "f4", severity=1),
                    alert("h", "f2", severity=1)], intake(False), later)
    found = state(sessions)
    assert [(i[0], i[6]) for i in found["incidents"]] == [(1, 1), (2, 4)]
    # f0 came with the alert that opened the incident: part of the opening, not a join to announce
    assert found["joins"] == [(1, "g/f2", 4, False, 0), (1, "g/f3", 2, False, 3), (1, "g/f4", 1, False, 2),
                              (2, "h/f2", 1, False, 0)]
    assert [t for t in found["timeline"] if t[1] == "alert_severity"] == [
        (1, "alert_severity", "Severity SEV3 → SEV2, following the alert", "generic"),
        (1, "alert_severity", "Severity SEV2 → SEV1, following the alert", "generic")]
