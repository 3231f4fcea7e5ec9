"""Deciding ledger rows in a worker process: one engine per process, rows in, records out.

A batch sends chunks of rows to a process pool whose initializer, :func:`start_worker`, builds
one :class:`Screener` (and so one engine) per process; :func:`screen_chunk` decides a chunk
there and returns its output records, so only short strings cross between processes. On a Dask
cluster a worker plugin builds the Screener instead (:mod:`dualuse.cli.cluster`) and the same
:meth:`Screener.chunk` decides each partition. A row that cannot be decided becomes an error
record naming its row and field; the rest go on. With ``--record`` the Screener records each
chunk itself, or, when the batch's parent writes (``Recording.in_parent``), sends the chunk's
table rows back with its output records (:mod:`dualuse.cli.recording`).
"""

from __future__ import annotations

import gc
import signal
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dualuse.cli.fields import to_transfer
from dualuse.cli.guard import CommandFailed, describe, internal_error
from dualuse.cli.ledger import LedgerRow
from dualuse.cli.outputs import OutputKind, Record, decided, failed
from dualuse.cli.recording import Recorder, Recording, rows_of
from dualuse.cli.sources import load_engine
from dualuse.engine import Decision, DualuseError, Engine


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know; sent once, to the initializer."""

    rules: Path | None
    as_of: date | None
    explain: bool
    output: OutputKind
    record: Recording | None = None


@dataclass(frozen=True)
class Chunk:
    """The output records of a chunk of rows, in row order, with counts."""

    records: list[Record]
    rows: int
    errors: int
    stored: tuple[dict[str, Any], ...] = ()
    """The decisions' table rows, for the batch's parent to record before writing the output."""


class Screener:
    """Decides rows with one engine and writes their records."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        record = settings.record
        self.recorder = (
            None
            if record is None or record.in_parent
            else Recorder(record, engine.rules_digest, "batch")
        )
        self.recording = record
        self.decided: list[tuple[Decision, str | None]] = []

    def record(self, item: LedgerRow) -> tuple[Record, bool]:
        """The output record of one row, and whether it was decided."""
        ident = item.data.get("id") if item.data is not None else None
        ident = ident if isinstance(ident, str) else None
        if item.error is not None or item.data is None:
            return failed(item.row, ident, f"{item.label()}: {item.error}"), False
        try:
            transfer = to_transfer(item.data)
            decision = self.engine.decide(
                transfer, self.settings.as_of, explain=self.settings.explain
            )
        except DualuseError as exc:
            return failed(item.row, ident, f"{item.label()}: {describe(exc)}"), False
        except Exception as exc:  # one bad row must not stop the batch
            return failed(item.row, ident, f"{item.label()}: {internal_error(exc)}"), False
        record = decided(self.settings.output, item.row, decision)
        if self.recording is not None:  # the output's decision JSON is not made twice
            self.decided.append((decision, record.decision))
        return record, True

    def chunk(self, rows: list[LedgerRow]) -> Chunk:
        """The records of a chunk of rows, in order: the one per-chunk step of every executor."""
        records: list[Record] = []
        errors = 0
        for item in rows:
            record, ok = self.record(item)
            records.append(record)
            errors += not ok
        stored: tuple[dict[str, Any], ...] = ()
        if self.recording is not None and self.decided:
            decisions, texts = [d for d, _ in self.decided], [t for _, t in self.decided]
            explained, self.decided = self.settings.explain, []
            if self.recorder is None:  # the parent records, before it writes the output
                entries = self.recording.entries(
                    decisions, "batch", explained=explained, texts=texts
                )
                stored = rows_of(entries)
            else:
                # One transaction per chunk, before its output is written: a killed batch
                # leaves whole chunks recorded, and a re-run records only what is missing.
                self.recorder.record(decisions, explained=explained, texts=texts)
        return Chunk(records, len(rows), errors, stored)


_screener: Screener | None = None
_failure: str | None = None


def load_screener(settings: Settings) -> tuple[Screener | None, str | None]:
    """A Screener for this process, or why the rules could not be loaded."""
    try:
        screener = Screener(settings, load_engine(settings.rules))
    except DualuseError as exc:
        return None, describe(exc)
    except Exception as exc:
        return None, internal_error(exc)
    # The loaded rules live as long as the process: take them out of the collector's sight,
    # so full collections during the batch do not walk them again and again.
    gc.freeze()
    return screener, None


def start_worker(settings: Settings) -> None:
    """Process-pool initializer: load the engine once for this process."""
    global _screener, _failure
    # The parent handles Ctrl-C and cancels the batch; workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _screener, _failure = load_screener(settings)


def screen_chunk(rows: list[LedgerRow]) -> Chunk:
    """Decide a chunk in this worker.

    Raises:
        CommandFailed: the worker could not load the rules.
    """
    if _screener is None:
        raise CommandFailed(_failure or "a worker process did not start")
    return _screener.chunk(rows)
