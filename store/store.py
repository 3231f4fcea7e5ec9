"""The records store: decisions with what they were made on, and the rule bases themselves.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = Store(f"sqlite:///{folder / 'records.db'}")
>>> store.count()
0
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from dualuse.engine import Decision
from dualuse.store.entries import Entry, Record, unpack
from dualuse.store.errors import StoreError
from dualuse.store.models import DecisionRecord
from dualuse.store.options import Filters, default_url
from dualuse.store.rulebases import (
    RuleFile,
    digest_of,
    has_version,
    load_version,
    read_folder,
    save_version,
)
from dualuse.store.schema import connect, migrate
from dualuse.store.upsert import insert_new
from sqlalchemy import Connection, Select, and_, exists, func, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

_EVERY = Filters()
"""No filter: every record."""
PAGE = 500
"""Records read per query when streaming."""
_RETRIES = 5
T = TypeVar("T")


def _record(row: DecisionRecord, superseded_by: str | None = None) -> Record:
    return Record(
        id=row.id,
        recorded_at=row.recorded_at,
        user=row.user,
        source=row.source,
        transfer_id=row.transfer_id,
        transfer_date=row.transfer_date,
        as_of=row.as_of,
        outcome=row.outcome,
        engine_version=row.engine_version,
        rules_digest=row.rules_digest,
        rules_folder=row.rules_folder,
        explained=row.explained,
        parties=[p for p in row.parties.split("\n") if p],
        item=row.item,
        transfer=json.loads(row.transfer),
        supersedes=row.supersedes,
        superseded_by=superseded_by,
    )


class Store:
    """A records store at a SQLAlchemy URL, migrated to the latest schema when opened."""

    def __init__(self, url: str | None = None) -> None:
        """Open (and create or migrate) the store at ``url`` (default: :func:`default_url`).

        Raises:
            StoreError: the URL is unusable, the database cannot be reached, or its schema is
                newer than this dualuse knows.
        """
        self.url = url or default_url()
        self.engine = connect(self.url)
        self.where = self.engine.url.render_as_string(hide_password=True)
        try:
            migrate(self.engine, self.where)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot open the records store {self.where}: {reason}") from None
        self.reader = self.engine.execution_options(dualuse_read=True)
        """Connections for reading: on SQLite they never wait for a writer."""
        self._known: set[str] = set()

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    # --- rule bases ---------------------------------------------------------------------------

    def save_rules(self, folder: Path, digest: str) -> bool:
        """Store the rule base of ``folder`` under ``digest`` unless it is there; ``True`` if new.

        Raises:
            StoreError: the folder's files do not give ``digest`` (it changed since it was loaded).
        """
        if digest in self._known:
            return False
        with self.reader.connect() as connection:
            if has_version(connection, digest):
                self._known.add(digest)
                return False
        files = read_folder(folder)
        if digest_of(folder) != digest:
            raise StoreError(
                f"the rules folder {folder} changed after it was loaded; decide again to record"
            )
        new = self._write(lambda c: save_version(c, digest, files))
        self._known.add(digest)
        return new

    def rules(self, digest: str) -> list[RuleFile]:
        """The files of a stored rule base.

        Raises:
            StoreError: there is none with this digest.
        """
        with self.reader.connect() as connection:
            return load_version(connection, digest)

    # --- decisions ----------------------------------------------------------------------------

    def record(self, entries: Sequence[Entry]) -> list[str]:
        """Record decisions in one transaction; returns their record ids, in order.

        A decision recorded before (same transfer, rules digest and as-of date) is not recorded
        again: its existing id is returned. Every decision's rule base must have been stored
        with :meth:`save_rules`.
        """
        now = dt.datetime.now(dt.UTC)
        return self.record_rows([entry.row(now) for entry in entries])

    def record_rows(self, rows: Sequence[Mapping[str, Any]]) -> list[str]:
        """Record rows made by :meth:`Entry.row`, in one transaction; their record ids, in order.

        What a process that only writes does with rows other processes made: idempotent as
        :meth:`record` is, and each row's ``recorded_at`` is the time of this transaction.
        """
        now = dt.datetime.now(dt.UTC)
        unique = list({row["idem_key"]: {**row, "recorded_at": now} for row in rows}.values())
        self._write(lambda c: insert_new(c, DecisionRecord, unique, ["idem_key"]))
        return [row["id"] for row in rows]

    def _write(self, action: Callable[[Connection], T]) -> T:
        for attempt in range(_RETRIES):
            try:
                with self.engine.begin() as connection:
                    return action(connection)
            except OperationalError as exc:  # SQLite past its busy timeout; a lost connection
                if attempt == _RETRIES - 1:
                    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                    raise StoreError(f"cannot write to the records store: {reason}") from None
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    def count(self) -> int:
        """How many decisions are recorded."""
        with self.reader.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(DecisionRecord)).one()[0]
            )

    def get(self, ident: str) -> Record:
        """The record with this id (or a unique prefix of it).

        Raises:
            StoreError: no record, or more than one, has this id.
        """
        later = aliased(DecisionRecord)
        query = (
            select(DecisionRecord, later.id)
            .outerjoin(later, later.supersedes == DecisionRecord.id)
            .where(DecisionRecord.id.startswith(ident.strip().lower()))
            .limit(2)
        )
        with Session(self.reader) as session:
            found = session.execute(query).all()
            if not found:
                raise StoreError(
                    f"no recorded decision {ident!r} (`dualuse records list` lists them)"
                )
            if len(found) > 1:
                raise StoreError(
                    f"{ident!r} is the start of more than one record id; give more of it"
                )
            return _record(found[0][0], found[0][1])

    def decision(self, ident: str) -> Decision:
        """The full decision of a record."""
        record = self.get(ident)
        with self.reader.connect() as connection:
            blob = connection.execute(
                select(DecisionRecord.decision).where(DecisionRecord.id == record.id)
            ).scalar_one()
        return unpack(blob)

    def _query(self, filters: Filters) -> Select[Any]:
        d = DecisionRecord
        conditions = []
        if filters.since is not None:
            conditions.append(func.coalesce(d.transfer_date, d.as_of) >= filters.since)
        if filters.until is not None:
            conditions.append(func.coalesce(d.transfer_date, d.as_of) <= filters.until)
        if filters.outcome is not None:
            conditions.append(d.outcome == filters.outcome)
        if filters.party:
            conditions.append(d.parties.ilike(f"%{filters.party}%"))
        if filters.item:
            conditions.append(d.item.ilike(f"%{filters.item}%"))
        if filters.own_date is not None:
            own = d.transfer_date == d.as_of
            conditions.append(own if filters.own_date else or_(d.transfer_date.is_(None), ~own))
        if filters.as_of is not None:
            conditions.append(d.as_of == filters.as_of)
        if filters.current:
            later = aliased(DecisionRecord)
            conditions.append(~exists().where(later.supersedes == d.id))
            conditions.append(
                ~exists().where(and_(later.transfer_key == d.transfer_key, later.seq > d.seq))
            )
        return select(d).where(and_(*conditions)) if conditions else select(d)

    def records(self, filters: Filters = _EVERY) -> Iterator[Record]:
        """The records that pass the filters, oldest first, read a page at a time."""
        for row, _blob in self._pages(filters, with_decision=False):
            yield row

    def decisions(self, filters: Filters = _EVERY) -> Iterator[tuple[Record, Decision]]:
        """The records with their decisions, oldest first, read a page at a time."""
        for row, blob in self._pages(filters, with_decision=True):
            assert blob is not None
            yield row, unpack(blob)

    def _pages(
        self, filters: Filters, *, with_decision: bool
    ) -> Iterator[tuple[Record, bytes | None]]:
        # Keyset pagination: no transaction stays open while the caller works (or writes).
        with self.reader.connect() as connection:
            top = connection.execute(select(func.max(DecisionRecord.seq))).scalar()
        if top is None:
            return
        last = 0
        base = self._query(filters)
        while True:
            query = (
                base.where(DecisionRecord.seq > last, DecisionRecord.seq <= top)
                .order_by(DecisionRecord.seq)
                .limit(PAGE)
            )
            with Session(self.reader) as session:
                rows: list[DecisionRecord] = list(session.scalars(query))
                page = [(_record(r), r.decision if with_decision else None) for r in rows]
            if not rows:
                return
            yield from page
            last = rows[-1].seq

    def as_of_days(self, filters: Filters) -> list[dt.date]:
        """The distinct as-of dates of the records that pass the filters."""
        sub = self._query(filters).subquery()
        with self.reader.connect() as connection:
            found = connection.execute(select(sub.c.as_of).distinct().order_by(sub.c.as_of))
            return [row[0] for row in found]

    def count_matching(self, filters: Filters) -> int:
        """How many records pass the filters."""
        sub = self._query(filters).subquery()
        with self.reader.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(sub)).one()[0])
