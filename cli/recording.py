"""Recording decisions from the command line: ``--record``, ``--db`` and ``--user``.

``--db`` takes any SQLAlchemy URL (``sqlite:///records.db``, ``postgresql://user@host/db``)
and defaults to ``DUALUSE_DB``, then to a SQLite file in the user's data folder; ``--user`` is a
free label for who decided, defaulting to ``DUALUSE_USER``, then to the login name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from dualuse.cli.guard import CommandFailed
from dualuse.engine import Decision, Engine
from dualuse.store import (
    ENV_DB,
    ENV_USER,
    Entry,
    Store,
    StoreError,
    default_url,
    default_user,
    rules_digest_of,
)

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

    @classmethod
    def make(cls, db: str | None, user: str | None, rules: Path) -> Recording:
        """The settings from the options and the environment."""
        return cls(db or default_url(), user or default_user(), rules)


class Recorder:
    """Records the decisions of one engine: its rule base is stored once, when opened."""

    def __init__(self, recording: Recording, digest: str, source: str) -> None:
        """Open the store and store the rule base (named by its ``digest``) if it is new.

        Raises:
            CommandFailed: the store cannot be used.
        """
        self.store = open_store(recording.url)
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
        links = list(supersedes) or [None] * len(decisions)
        jsons = list(texts) or [None] * len(decisions)
        entries = [
            Entry(
                decision=d,
                user=self.user,
                source=self.source,
                explained=explained,
                supersedes=link,
                rules_folder=self.folder,
                json_text=text,
            )
            for d, link, text in zip(decisions, links, jsons, strict=True)
        ]
        try:
            return self.store.record(entries)
        except StoreError as exc:
            raise CommandFailed(str(exc)) from None

    @classmethod
    def before_workers(cls, recording: Recording, source: str) -> Recorder:
        """Open the store and store the rule base of the folder, without loading an engine."""
        return cls(recording, rules_digest_of(recording.rules), source)

    def note(self, ids: Sequence[str]) -> None:
        """Tell on stderr where the decisions were recorded."""
        what = f"as {ids[0]}" if len(ids) == 1 else f"{len(ids)} decisions"
        typer.echo(f"recorded {what} in {self.store.where}", err=True)


class RecordingEngine(Engine):
    """An engine that records every decision it makes (the chat with ``--record``)."""

    def __init__(self, recording: Recording, rules_dir: Path | None = None) -> None:
        """Load the rules and open the store.

        Raises:
            CommandFailed: the store cannot be used.
        """
        super().__init__(rules_dir=rules_dir)
        self.recorder = Recorder(recording, self.rules_digest, "chat")

    def decide(self, transfer: Any, as_of: date | None = None, *, explain: bool = True) -> Decision:
        """Decide as :meth:`Engine.decide` does, and record the decision."""
        decision = super().decide(transfer, as_of, explain=explain)
        self.recorder.record([decision], explained=explain)
        return decision
