"""The migrations build exactly the tables the models describe, and go down again."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select

from bot.database import alembic_config, upgrade
from escalation import tables  # noqa: F401
from escalation.base import Base
from tests.support.database import PG_URL


def test_migrated_sqlite_database_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
        assert set(inspect(engine).get_table_names()) >= {t.name for t in Base.metadata.sorted_tables}
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set")
def test_migrated_postgres_schema_matches_the_models(database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_schemas": False})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_every_migration_goes_down_and_up_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    upgrade(url)
    config = alembic_config(url)
    command.downgrade(config, "base")
    engine = create_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(url)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    finally:
        engine.dispose()


def test_text_stored_as_slack_sent_it_is_decoded_once_by_the_upgrade(tmp_path):
    """Rows written before 0011 (Slack's escaping kept, the core's mentions in the text) read as the code now
    writes them: shown escaped once, not `R&amp;amp;D`."""
    from datetime import UTC, datetime

    from alembic.script import ScriptDirectory
    from sqlalchemy.orm import Session

    from escalation import outbox, timeline
    from escalation.incidents import Incident
    from escalation.timeline import TimelineEvent

    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url)
    config = alembic_config(url)
    command.downgrade(config, ScriptDirectory.from_config(config).get_revision("0011").down_revision)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    old, link = "R&amp;D <@U0EWA|ewa> asked &lt;why&gt; <!channel>", "https://x.slack.com/archives/C1/p1"
    engine = create_engine(url)
    try:
        with Session(engine) as session, session.begin():
            # Core, not the ORM: the model has columns of later revisions; only these exist at 0010.
            session.execute(Incident.__table__.insert().values(id=1, source="mentions", group_key="g", title="t",
                                                               severity=2, created_at=now, resolution=old))
            for kind, text, data in [("log", old, {}), ("status_update", f"Status update: {old}", {}),
                                     ("resolved", f"Resolved: {old}", {}),
                                     ("pinned", f"<{link}|Pinned message>: {old}", {"permalink": link}),
                                     ("status_reminder", "Status-update reminder sent to <@U0ANNA>",
                                      {"seq": 1, "commander": "U0ANNA"}),
                                     ("paged", "Paged on demand: Ewa Lis, <@U0OLA>",
                                      {"targets": ["Ewa Lis", "<@U0OLA>"], "by": "U0ANNA"}),
                                     ("note", "@pr: paged <@U0OLA>", {"group": "S0PR", "people": ["U0OLA"]}),
                                     ("note", "Level 1: <@U0X> typed by someone", {}),
                                     ("alert", f"Alert added: {old}", {})]:
                timeline.record(session, 1, now, kind, text, data=data)
            outbox.enqueue(session, now, kind="post_stakeholders", lane="s", incident_id=1,
                           payload={"channel": "C2", "actor": "U0ANNA", "text": old})
            outbox.enqueue(session, now, kind="post_status", lane="i", incident_id=1,
                           payload={"change": "resolved", "actor": "U0ANNA", "summary": old})
        upgrade(url)
        plain = "R&D <@U0EWA> asked <why> @channel"
        with Session(engine) as session:
            stored = session.scalars(select(TimelineEvent).order_by(TimelineEvent.id))
            assert [(e.kind, e.text, e.data) for e in stored] == [
                ("log", plain, {}), ("status_update", f"Status update: {plain}", {}),
                ("resolved", f"Resolved: {plain}", {}),
                ("pinned", f"<{link}|Pinned message>: {plain}", {"permalink": link}),
                ("status_reminder", "Status-update reminder sent to U0ANNA",
                 {"seq": 1, "commander": "U0ANNA", "mentions": ["U0ANNA"]}),
                ("paged", "Paged on demand: Ewa Lis, U0OLA",
                 {"targets": ["Ewa Lis", "U0OLA"], "by": "U0ANNA", "mentions": ["U0OLA"]}),
                ("note", "@pr: paged U0OLA", {"group": "S0PR", "people": ["U0OLA"], "mentions": ["U0OLA"]}),
                ("note", "Level 1: <@U0X> typed by someone", {}),  # not the core's mention: left as it was
                ("alert", f"Alert added: {old}", {})]  # outside text was always stored as it came
            assert session.get(Incident, 1).resolution == plain
            waiting = session.scalars(select(outbox.OutboxMessage).order_by(outbox.OutboxMessage.id))
            assert [r.payload for r in waiting] == [
                {"channel": "C2", "actor": "U0ANNA", "text": plain},
                {"change": "resolved", "actor": "U0ANNA", "summary": plain}]
    finally:
        engine.dispose()
