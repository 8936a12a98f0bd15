"""Intake's multi-row statements store exactly what SQLAlchemy's own insert and update would, on both engines."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from sqlalchemy import Column, Integer, MetaData, String, Table, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bot.database import json_text
from escalation import outbox
from escalation.incidents.models import Incident
from escalation.outbox import OutboxMessage
from escalation.rows import MAX_PARAMS, insert_rows, update_rows
from escalation.sql import table_of

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def incident(key: str, **more) -> dict:
    return {"source": "generic", "group_key": key, "open_key": f"generic:{key}", "title": f"Disk full on {key}",
            "severity": 2, "policy_name": None, "labels": {"host": key, "ünïcode": "✓"},
            "links": [{"text": "Runbook", "url": "https://example.com/rb"}], "created_at": NOW, **more}


def test_rows_read_back_as_sqlalchemy_writes_them_with_python_defaults_filled(engine):
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        made = insert_rows(session, table_of(Incident), [incident("a"), incident("b", created_at=NOW + timedelta(1))],
                           returning=["id", "open_key"])
    with sessions() as session:
        found = {i.open_key: i for i in session.scalars(select(Incident))}
    assert sorted(key for _, key in made) == ["generic:a", "generic:b"]
    assert {key: found[key].id for _, key in made} == {key: number for number, key in made}
    a = found["generic:a"]
    assert (a.labels, a.links, a.created_at) == ({"host": "a", "ünïcode": "✓"},
                                                 [{"text": "Runbook", "url": "https://example.com/rb"}], NOW)
    assert found["generic:b"].created_at == NOW + timedelta(1)
    assert (a.description, a.status) == ("", "triggered")  # the columns' Python defaults, as the ORM would set them


def test_a_clash_on_the_conflict_columns_skips_the_row_and_returns_only_the_inserted(engine):
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        insert_rows(session, table_of(Incident), [incident("a")])
    with sessions.begin() as session:
        made = insert_rows(session, table_of(Incident), [incident("a", title="again"), incident("c")],
                           conflict=["open_key"], returning=["open_key"])
    with sessions() as session:
        titles = sorted(session.scalars(select(Incident.title)))
    assert made == [("generic:c",)]
    assert titles == ["Disk full on a", "Disk full on c"]


def test_more_rows_than_one_statement_binds_keep_their_order(engine):
    sessions = sessionmaker(engine, expire_on_commit=False)
    count = MAX_PARAMS // 12 + 700  # outbox rows have 12 columns: over one statement's bound, and over one chunk
    rows = [{"kind": "post_channel", "lane": "l", "payload": {"n": n} if n % 3 else {}, "dedup_key": f"k{n}",
             "status": "pending", "priority": 2, "attempts": 0, "next_attempt_at": NOW, "created_at": NOW,
             "result": {}, "claimed_until": None} for n in range(count)]
    with sessions.begin() as session:
        insert_rows(session, table_of(OutboxMessage), rows, conflict=["dedup_key"])
    with sessions() as session:
        stored = [(m.dedup_key, m.payload, m.result) for m in session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id))]
    assert stored == [(f"k{n}", {"n": n} if n % 3 else {}, {}) for n in range(count)]


def test_update_rows_sets_each_row_by_its_key(engine):
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        made = dict(insert_rows(session, table_of(Incident), [incident("a"), incident("b"), incident("c")],
                                returning=["open_key", "id"]))
        update_rows(session, table_of(Incident), "id", [{"id": made["generic:a"], "channel_name": "inc-1-a"},
                                                        {"id": made["generic:c"], "channel_name": "inc-3-c"}])
    with sessions() as session:
        names = {i.open_key: i.channel_name for i in session.scalars(select(Incident))}
    assert names == {"generic:a": "inc-1-a", "generic:b": None, "generic:c": "inc-3-c"}


def test_a_callable_default_is_called_for_each_row(engine):
    made = Table("made_per_row", MetaData(), Column("id", Integer, primary_key=True), Column("n", Integer),
                 Column("token", String(32), default=lambda: uuid4().hex), Column("kind", String(8), default="k"),
                 prefixes=["TEMPORARY"])
    with Session(engine) as session, session.begin():
        made.create(session.connection())
        insert_rows(session, made, [{"n": n} for n in range(3)])
        stored = session.execute(select(made.c.token, made.c.kind)).all()
    assert len({token for token, _ in stored}) == 3  # as SQLAlchemy's insert would: not one value for the batch
    assert [kind for _, kind in stored] == ["k"] * 3


def outcome(engine, write, key: str) -> str:
    """What became of an outbox row's kind written by `write`: the kind stored, or "refused"."""
    try:
        with Session(engine) as session, session.begin():
            write(session)
    except DBAPIError:
        return "refused"
    with Session(engine) as session:
        return session.scalars(select(OutboxMessage.kind).where(OutboxMessage.dedup_key == key)).one()


def test_an_over_long_string_fares_as_in_sqlalchemys_own_insert_and_update(engine):
    # PostgreSQL refuses a string longer than its VARCHAR(n) column, where an explicit CAST to VARCHAR(n) would
    # cut it short silently; SQLite keeps it whole. Either way, the multi-row statements do as a plain one does.
    long = "k" * 41  # outbox.kind is VARCHAR(40)
    table = table_of(OutboxMessage)
    plain = outcome(engine, lambda s: s.execute(table.insert(), [outbox.row(NOW, kind=long, lane="l",
                                                                            dedup_key="plain")]), "plain")
    multi = outcome(engine, lambda s: insert_rows(s, table, [outbox.row(NOW, kind=long, lane="l",
                                                                         dedup_key="multi")]), "multi")
    assert multi == plain
    with Session(engine) as session, session.begin():
        insert_rows(session, table, [outbox.row(NOW, kind="short", lane="l", dedup_key=key)
                                     for key in ("a", "b")])
        a, b = (session.scalars(select(OutboxMessage.id).where(OutboxMessage.dedup_key == key)).one()
                for key in ("a", "b"))
    plain = outcome(engine, lambda s: s.execute(update(table).where(table.c.id == a).values(kind=long)), "a")
    multi = outcome(engine, lambda s: update_rows(s, table, "id", [{"id": b, "kind": long}]), "b")
    assert multi == plain
    assert plain == ("refused" if engine.dialect.name == "postgresql" else long)


def test_json_values_orjson_refuses_are_stored_all_the_same(engine):
    # orjson serializes the JSON columns; an integer over 64 bits (a webhook may carry one) falls back to json.
    big = {"count": 10**30, "small": -(2**63), "nested": [{"x": 2**64}], "text": "ünï"}
    assert engine.dialect._json_serializer is json_text
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        insert_rows(session, table_of(Incident), [incident("big", labels=big)])
        session.add(Incident(**incident("orm", labels=big)))
    with sessions() as session:
        assert [i.labels for i in session.scalars(select(Incident).order_by(Incident.id))] == [big, big]
