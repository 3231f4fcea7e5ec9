"""Recording decisions from the command line: ``--record``, ``--db`` and ``--user``.

``--db`` takes any SQLAlchemy URL (``sqlite:///records.db``, ``postgresql://user@host/db``)
and defaults to ``DUALUSE_DB``, then to a SQLite file in the user's data folder; ``--user`` is a
free label for who decided, defaulting to ``DUALUSE_USER``, then to the login name.

A batch on this machine records from its parent process only (:class:`Committer`): the workers
make each decision's table row (the compression included) and send it back with the chunk's
output, and the parent writes the rows of many chunks in one transaction, committed before any
of those chunks' output is written. One writer never queues on SQLite's single write lock, and a
batch killed at any moment leaves whole transactions recorded and no output without its record.
On a Dask cluster each worker records its own chunks (:class:`Recorder`): the client sees only
counts, and the store there is a server database that takes concurrent writers.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TypeVar

import typer
from dualuse.cli.guard import CommandFailed
from dualuse.engine import Decision, Engine
from dualuse.store import ENV_DB, ENV_USER, Entry, StoreError, default_url, default_user

if TYPE_CHECKING:
    from dualuse.store import Store

RecordOption = Annotated[
    bool,
    typer.Option(
        "--record",
        help="Also record the decisions in the records store (see `dualuse records`).",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        envvar=ENV_DB,
        help="The records store: a SQLAlchemy URL (default: a SQLite file in your data folder).",
        show_default=False,
    ),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        metavar="NAME",
        envvar=ENV_USER,
        help="Who is deciding, as recorded (default: your login name).",
        show_default=False,
    ),
]


def open_store(db: str | None) -> Store:
    """The store at ``db`` (or the default), opened and migrated.

    Raises:
        CommandFailed: it cannot be opened; the message says why.
    """
    from dualuse.store import Store  # the database layer, loaded only when a store is opened

    try:
        return Store(db or default_url())
    except StoreError as exc:
        raise CommandFailed(str(exc)) from None


@dataclass(frozen=True)
class Recording:
    """Where and as whom to record: sent to every worker of a batch."""

    url: str
    user: str
    rules: Path
    """The folder the engine's rules were loaded from."""
    in_parent: bool = False
    """The workers only make the rows (:func:`rows_of`); the batch's parent writes them."""

    @classmethod
    def make(cls, db: str | None, user: str | None, rules: Path) -> Recording:
        """The settings from the options and the environment."""
        return cls(db or default_url(), user or default_user(), rules)

    def entries(
        self,
        decisions: Sequence[Decision],
        source: str,
        *,
        explained: bool = True,
        supersedes: Sequence[str | None] = (),
        texts: Sequence[str | None] = (),
    ) -> list[Entry]:
        """The store's entries for these decisions, made by this user from this source."""
        links = list(supersedes) or [None] * len(decisions)
        jsons = list(texts) or [None] * len(decisions)
        return [
            Entry(
                decision=d,
                user=self.user,
                source=source,
                explained=explained,
                supersedes=link,
                rules_folder=self.rules.name,
                json_text=text,
            )
            for d, link, text in zip(decisions, links, jsons, strict=True)
        ]


def rows_of(entries: Iterable[Entry]) -> tuple[dict[str, Any], ...]:
    """The table rows of entries, for a worker to send to the process that writes them."""
    now = dt.datetime.now(dt.UTC)
    return tuple(entry.row(now) for entry in entries)


class Recorder:
    """Records the decisions of one engine: its rule base is stored once, when opened."""

    def __init__(self, recording: Recording, digest: str, source: str) -> None:
        """Open the store and store the rule base (named by its ``digest``) if it is new.

        Raises:
            CommandFailed: the store cannot be used.
        """
        self.store = open_store(recording.url)
        self.recording = recording
        self.user = recording.user
        self.source = source
        self.folder = recording.rules.name
        self.digest = digest
        try:
            self.store.save_rules(recording.rules, digest)
        except StoreError as exc:
            raise CommandFailed(str(exc)) from None

    def record(
        self,
        decisions: Sequence[Decision],
        *,
        explained: bool = True,
        supersedes: Sequence[str | None] = (),
        texts: Sequence[str | None] = (),
    ) -> list[str]:
        """Record decisions in one transaction; their record ids.

        Raises:
            CommandFailed: the store cannot be written.
        """
        entries = self.recording.entries(
            decisions, self.source, explained=explained, supersedes=supersedes, texts=texts
        )
        try:
            return self.store.record(entries)
        except StoreError as exc:
            raise CommandFailed(str(exc)) from None

    def record_rows(self, rows: Sequence[Mapping[str, Any]]) -> list[str]:
        """Record rows made by :func:`rows_of` in one transaction; their record ids.

        Raises:
            CommandFailed: the store cannot be written.
        """
        try:
            return self.store.record_rows(rows)
        except StoreError as exc:
            raise CommandFailed(str(exc)) from None

    @classmethod
    def before_workers(cls, recording: Recording, source: str) -> Recorder:
        """Open the store and store the rule base of the folder, without loading an engine."""
        from dualuse.store import rules_digest_of

        return cls(recording, rules_digest_of(recording.rules), source)

    def note(self, ids: Sequence[str]) -> None:
        """Tell on stderr where the decisions were recorded."""
        what = f"as {ids[0]}" if len(ids) == 1 else f"{len(ids)} decisions"
        typer.echo(f"recorded {what} in {self.store.where}", err=True)


class Carries(Protocol):
    """A chunk of a batch's output that carries its decisions' table rows."""

    @property
    def stored(self) -> Sequence[Mapping[str, Any]]:
        """The rows to record before the chunk's output is written."""
        ...


C = TypeVar("C", bound=Carries)

COMMIT_SECONDS = 0.5
"""A batch's parent commits at least this often while chunks come (the output waits as long)."""
COMMIT_ROWS = 1_024
"""...and at most this many rows in one transaction (what it holds back meanwhile)."""


class Committer:
    """The one writer of a batch: records the rows of many chunks in one transaction."""

    def __init__(
        self, recorder: Recorder, seconds: float = COMMIT_SECONDS, rows: int = COMMIT_ROWS
    ) -> None:
        self.recorder = recorder
        self.seconds = seconds
        self.rows = rows
        self.transactions = 0

    def through(self, chunks: Iterable[C]) -> Generator[C, None, None]:
        """The chunks, in order, each given out only once its rows are committed.

        Chunks are held until ``seconds`` have passed since the first one held or ``rows`` rows
        are held; their rows are then recorded in one transaction, and only then given out to be
        written. Closing this generator closes ``chunks``.

        Raises:
            CommandFailed: the store cannot be written.
        """
        held: list[C] = []
        count = 0
        since = time.monotonic()
        try:
            for chunk in chunks:
                if not held:
                    since = time.monotonic()
                held.append(chunk)
                count += len(chunk.stored)
                if count >= self.rows or time.monotonic() - since >= self.seconds:
                    self._commit(held)
                    yield from held
                    held, count = [], 0
            self._commit(held)
            yield from held
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    def _commit(self, held: Sequence[C]) -> None:
        rows = [row for chunk in held for row in chunk.stored]
        if rows:
            self.recorder.record_rows(rows)
            self.transactions += 1


class RecordingEngine(Engine):
    """An engine that records every decision it makes (the chat with ``--record``)."""

    def __init__(self, recording: Recording, rules_dir: Path | None = None) -> None:
        """Load the rules and open the store.

        Raises:
            CommandFailed: the store cannot be used.
        """
        super().__init__(rules_dir=rules_dir)
        self.recorder = Recorder(recording, self.rules_digest, "chat")

    def decide(
        self, transfer: Any, as_of: date | str | None = None, *, explain: bool = True
    ) -> Decision:
        """Decide as :meth:`Engine.decide` does, and record the decision."""
        decision = super().decide(transfer, as_of, explain=explain)
        self.recorder.record([decision], explained=explain)
        return decision
