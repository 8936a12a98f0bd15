"""Engines, sessions and migrations for SQLite (the embedded default) and PostgreSQL."""
from __future__ import annotations

import json
from pathlib import Path

import orjson
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(url: str, **kwargs) -> Engine:
    """An engine tuned for the backend: SQLite gets WAL, foreign keys and writer-first transactions."""
    kwargs.setdefault("json_serializer", json_text)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


# What json.dumps refuses (a datetime, a dataclass) goes to it and is refused as before, not stored silently.
PASSTHROUGH = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def json_text(value: object) -> str:
    """What JSON columns store: orjson's text, several times faster than the standard library's on a storm's alert
    bodies; the standard library's for what orjson refuses (an integer over 64 bits, which a webhook may carry)."""
    try:
        return orjson.dumps(value, option=PASSTHROUGH).decode()
    except TypeError:
        return json.dumps(value)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Take transaction control from pysqlite so SAVEPOINT works and BEGIN IMMEDIATE can be issued.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # The web server and the worker share the file: taking the write lock up front avoids the
        # deferred-transaction upgrade deadlock that SQLite answers with "database is locked".
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, engine: Engine | None = None) -> None:
    """Apply every migration (the bot does this on start; `crisisdesk db upgrade` does it alone)."""
    config = alembic_config(url)
    if engine is not None:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    else:
        command.upgrade(config, "head")
