"""Set-based statements that read the same on SQLite and PostgreSQL: inserts that a unique index guards."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from escalation.base import Base

T = TypeVar("T")
CHUNK = 500  # bound parameters per IN list or VALUES batch, well inside both engines' limits


def insert(session: Session, table: Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (both engines spell it the same)."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def table_of(model: type[Base]) -> Table:
    """The Table a declarative class maps (SQLAlchemy types `__table__` as any FromClause)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a single table")
    return table


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
