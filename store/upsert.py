"""Inserting rows that may be there already, atomically, on SQLite, PostgreSQL and others."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase


def insert_new(
    connection: Connection,
    model: type[DeclarativeBase],
    rows: Sequence[dict[str, Any]],
    keys: list[str],
) -> int:
    """Insert the rows whose ``keys`` are not in the table yet; returns how many were new.

    On SQLite and PostgreSQL this is ``INSERT ... ON CONFLICT DO NOTHING``: two writers racing
    with the same key store it once, and neither fails. The conflict has no target, so it covers
    every unique column: a decision's record id is made from its key and is unique too, and
    PostgreSQL raises on a conflict in a unique column that is not the target when two writers
    race. ``keys`` must therefore decide every other unique column of the row. Elsewhere the
    existing keys are read first, inside the caller's transaction.
    """
    if not rows:
        return 0
    table = cast(Table, model.__table__)
    name = connection.dialect.name
    if name in ("sqlite", "postgresql"):
        dialect_insert = sqlite.insert if name == "sqlite" else postgresql.insert
        stmt = dialect_insert(table).on_conflict_do_nothing()
        return int(connection.execute(stmt, list(rows)).rowcount or 0)
    columns = [table.c[k] for k in keys]
    wanted = {tuple(r[k] for k in keys) for r in rows}
    found = {
        tuple(r)
        for r in connection.execute(select(*columns).where(tuple_(*columns).in_(list(wanted))))
    }
    fresh = [r for r in rows if tuple(r[k] for k in keys) not in found]
    if fresh:
        connection.execute(insert(table), fresh)
    return len(fresh)
