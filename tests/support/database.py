"""A fresh, migrated database per test: a SQLite file, or a private schema on PostgreSQL (TEST_DATABASE_URL)."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from bot.database import upgrade
from escalation import tables  # noqa: F401  (every table, for TRUNCATE)
from escalation.base import Base

PG_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def pg_url(schema: str) -> str:
    url = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1) if PG_URL.startswith("postgresql://") else PG_URL
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


class SqliteTemplate:
    """Migrate once per session, then copy the file for each test (faster than migrating each time)."""

    def __init__(self, folder: Path):
        self.path = folder / "template.db"
        upgrade(f"sqlite:///{self.path}")

    def fresh(self, folder: Path) -> str:
        target = folder / "crisisdesk.db"
        shutil.copy(self.path, target)
        return f"sqlite:///{target}"

    def close(self) -> None:
        pass


class PostgresSchema:
    """One schema per test session, migrated once, emptied between tests and dropped at the end."""

    def __init__(self):
        self.schema = f"crisisdesk_test_{uuid.uuid4().hex[:12]}"
        self.admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                                   isolation_level="AUTOCOMMIT")
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        self.url = pg_url(self.schema)
        upgrade(self.url)

    def fresh(self, folder: Path) -> str:
        names = ", ".join(f'"{self.schema}"."{t.name}"' for t in Base.metadata.sorted_tables)
        with self.admin.connect() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return self.url

    def close(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        self.admin.dispose()

