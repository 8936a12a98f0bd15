"""Many rows in one statement, for the hot paths of intake (alerts, mentions, and the timeline and outbox rows they
bring): each value bound by its column's type exactly as SQLAlchemy would, but with the per-row work SQLAlchemy's
executemany does (building and checking a parameter dict per row, running every value through its type) cut to a
plain loop per column.

A batch of new alerts writes about eight rows per alert; through `session.execute(insert(...), rows)` most of a
batch's time went to that per-row work, not to the database. Values come back from RETURNING as the driver
gives them: ask only for columns that need no conversion (ids, strings).
"""
from __future__ import annotations

import json as jsonlib
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Column, Enum, String, Table
from sqlalchemy.orm import Session

from escalation.sql import CHUNK, chunks

MAX_PARAMS = 30_000  # under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535)
_UNSET = object()


def insert_rows(session: Session, table: Table, rows: Sequence[dict], *, conflict: Sequence[str] = (),
                returning: Sequence[str] = ()) -> list[tuple]:
    """Insert `rows` (dicts with the same keys; columns left out take their Python default) in as few statements
    as the bounds allow. `conflict`: the unique columns whose clash skips a row (ON CONFLICT DO NOTHING).
    Returns the `returning` columns of the rows inserted (order not guaranteed)."""
    if not rows:
        return []
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer
    names = list(rows[0])
    fixed, made = _defaults(table, names)
    columns = [table.c[name] for name in (*names, *fixed, *made)]
    fill, makers = list(fixed.values()), list(made.values())
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    one_row = "(" + ", ".join([mark] * len(columns)) + ")"
    head = (f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.format_column(c) for c in columns)}) "
            "VALUES ")
    tail = ""
    if conflict:
        tail += f" ON CONFLICT ({', '.join(quote.quote(name) for name in conflict)}) DO NOTHING"
    if returning:
        tail += f" RETURNING {', '.join(quote.quote(name) for name in returning)}"
    found: list[tuple] = []
    if dialect.name == "postgresql":
        # One array per column: the statement's text is the same whatever the number of rows, so psycopg parses it
        # once and prepares it on the server, where a VALUES list of thousands of placeholders was parsed anew each
        # time (slower than the executemany it replaced).
        # JSON goes as text, serialized here once per distinct object (psycopg would serialize every element).
        # The arrays go in binary (%b): psycopg's text format escapes every element with a regular expression.
        arrays = ", ".join(f"CAST(CAST(%b AS TEXT[]) AS {_cast(c, dialect)}[])" if isinstance(c.type, JSON)
                           else f"CAST(%b AS {_cast(c, dialect)}[])" for c in columns)
        statement = f"{head.removesuffix('VALUES ')}SELECT * FROM unnest({arrays}){tail}"
        for chunk in chunks(rows, CHUNK * 10):
            values = _values(chunk, names, fill, makers)
            bound(values, columns, dialect, json=dialect._json_serializer or jsonlib.dumps)
            result = connection.exec_driver_sql(statement, tuple(list(column) for column in zip(*values, strict=True)))
            if returning:
                found += [tuple(r) for r in result]
        return found
    for chunk in chunks(rows, max(1, min(CHUNK, MAX_PARAMS // len(columns)))):
        params = bound(_values(chunk, names, fill, makers), columns, dialect)
        result = connection.exec_driver_sql(head + ", ".join([one_row] * len(chunk)) + tail, tuple(params))
        if returning:
            found += [tuple(r) for r in result]
    return found


def update_rows(session: Session, table: Table, key: str, rows: Sequence[dict]) -> None:
    """Set each row's other columns on the row of `table` whose `key` column equals the row's `key` value."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer
    names = [key, *(name for name in rows[0] if name != key)]
    columns = [table.c[name] for name in names]
    target = quote.format_table(table)
    if dialect.name != "postgresql":  # SQLite's executemany runs in C (and UPDATE ... FROM needs 3.33)
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        assign = ", ".join(f"{quote.quote(name)} = {mark}" for name in names[1:])
        values = [[row[name] for name in names[1:]] + [row[key]] for row in rows]
        bound(values, [*columns[1:], columns[0]], dialect)
        connection.exec_driver_sql(f"UPDATE {target} SET {assign} WHERE {quote.quote(key)} = {mark}",
                                   [tuple(row) for row in values])
        return
    # PostgreSQL types a VALUES list on its own, so every placeholder says its column's type.
    one_row = "(" + ", ".join(f"CAST(%s AS {_cast(c, dialect)})" for c in columns) + ")"
    sets = ", ".join(f"{quote.quote(name)} = v.{quote.quote(name)}" for name in names[1:])
    alias = f"v({', '.join(quote.quote(name) for name in names)})"
    for chunk in chunks(rows, max(1, min(CHUNK, MAX_PARAMS // len(columns)))):
        params = bound([[row[name] for name in names] for row in chunk], columns, dialect)
        connection.exec_driver_sql(
            f"UPDATE {target} SET {sets} FROM (VALUES {', '.join([one_row] * len(chunk))}) AS {alias} "
            f"WHERE {target}.{quote.quote(key)} = v.{quote.quote(key)}", tuple(params))


def bound(values: list[list[Any]], columns: Sequence[Column], dialect: Any,
          json: Callable[[Any], str] | None = None) -> list[Any]:
    """The rows' values as the driver takes them, flattened row after row: each through its column type's bind
    processor (JSON through `json` when given), converted once for a run of the same object (the batch's `now`)."""
    for j, column in enumerate(columns):
        process = json if json is not None and isinstance(column.type, JSON) else \
            column.type._cached_bind_processor(dialect)
        if process is None:
            continue
        empty = {"dict": process({}), "list": process([])} if isinstance(column.type, JSON) else {}
        last: Any = _UNSET
        out: Any = None
        for row in values:
            value = row[j]
            if value is not last:
                last = value
                # most JSON values of a new incident's rows are empty: serialized once, not once per row
                out = empty[type(value).__name__] if empty and not value and type(value) in (dict, list) \
                    else process(value)
            row[j] = out
    return [value for row in values for value in row]


def _values(rows: Sequence[dict], names: list[str], fill: list[Any], makers: list[Callable]) -> list[list[Any]]:
    """Each row's values in column order: its own, the scalar defaults, then the callable defaults, called once
    per row as SQLAlchemy would (a `default=uuid4` column must not give a whole batch one value)."""
    if not makers:
        return [[row[name] for name in names] + fill for row in rows]
    return [[row[name] for name in names] + fill + [make(None) for make in makers] for row in rows]


def _defaults(table: Table, given: Sequence[str]) -> tuple[dict[str, Any], dict[str, Callable]]:
    """The Python-side defaults of the columns not given (SQLAlchemy would apply them on insert): the scalar
    values, and the callables (taking SQLAlchemy's execution context, None here)."""
    fixed: dict[str, Any] = {}
    made: dict[str, Callable] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None:
            continue
        if getattr(default, "is_callable", False):
            made[column.name] = default.arg  # type: ignore[attr-defined]
        elif getattr(default, "is_scalar", False):
            fixed[column.name] = default.arg  # type: ignore[attr-defined]
    return fixed, made


def _cast(column: Column, dialect: Any) -> str:
    """The column's type to cast a parameter to, strings without their length: PostgreSQL's explicit cast to
    VARCHAR(n) cuts an over-long string short, where storing it in the column (as a plain INSERT does) refuses it."""
    kind = column.type
    if isinstance(kind, String) and not isinstance(kind, Enum) and kind.length is not None:
        return String().compile(dialect)
    return kind.compile(dialect)
