"""Connecting to a records store and bringing its schema up to date.

A SQLite store is opened in WAL mode (readers never wait for the writer) with a generous busy
timeout, and every transaction starts with ``BEGIN IMMEDIATE``: concurrent writers queue for the
lock instead of failing when a read turns into a write. A PostgreSQL URL is driven by psycopg 3.

The schema is made and changed by the Alembic migrations shipped in
:mod:`dualuse.store.migrations`, run on first use under a lock, so two processes opening a new
store at once do not both create it. A store whose schema is newer than this dualuse knows is
refused: migrating it down would lose what the newer version stored.

>>> normalise_url("postgresql://me@localhost/records")
'postgresql+psycopg://me@localhost/records'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from dualuse.store import migrations
from dualuse.store.errors import StoreError
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

if TYPE_CHECKING:  # Alembic is imported when a store is opened, not with the command line
    from alembic.config import Config

SQLITE_BUSY_MS = 120_000
"""How long a SQLite writer waits for the lock before giving up."""
_PG_LOCK = 7_355_017
"""The advisory lock key that serialises migrations on PostgreSQL."""


def normalise_url(url: str) -> str:
    """The SQLAlchemy URL to use: plain ``postgresql://`` URLs are driven by psycopg 3."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, not by pysqlite
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A write takes the lock at once; a read (``dualuse_read``) reads its WAL snapshot.
        read = connection.get_execution_options().get("dualuse_read", False)
        connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")


def connect(url: str) -> Engine:
    """A SQLAlchemy engine for ``url``.

    Raises:
        StoreError: the URL is malformed or names a database dualuse cannot drive.
    """
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"--db {url!r}: not a database URL (e.g. sqlite:///records.db)") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                folder = Path(database).expanduser().parent
                if not folder.is_dir():
                    raise StoreError(f"--db {url}: no folder {folder}")
            # Connections are kept: closing the last one checkpoints the WAL, and a batch
            # commits every few rows.
            engine = create_engine(parsed, pool_size=2, max_overflow=8)
            _sqlite_setup(engine)
            return engine
        return create_engine(parsed, pool_pre_ping=True, pool_size=2, max_overflow=2)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"--db {parsed.render_as_string()}: unsupported database ({exc})"
        ) from None


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    return config


def head_revision() -> str:
    """The latest schema revision this dualuse knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The schema revision of the store (``None``: a new, empty store)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, where: str) -> None:
    """Create or upgrade the store's schema to the latest revision.

    Raises:
        StoreError: the store's schema is newer than this dualuse knows.
    """
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = _config()
    script = ScriptDirectory.from_config(config)
    with engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE, one migrator at a time
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        found = current_revision(connection)
        head = script.get_current_head()
        if found == head:
            return
        if found is not None:
            try:
                script.get_revision(found)
            except CommandError:
                raise StoreError(
                    f"the records store {where} was written by a newer version of dualuse "
                    f"(schema revision {found}; this version knows up to {head}): upgrade "
                    "dualuse to use it, or give another store with --db"
                ) from None
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
