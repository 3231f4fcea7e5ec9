"""``dualuse batch --cluster``: the same screening on a Dask distributed cluster.

The client reads the ledger and cuts it into partitions of ``--part-rows`` rows, at most two per
worker in flight (so it never holds the whole ledger); each partition is a task. A worker plugin,
:class:`EnginePlugin`, loads the engine once per Dask worker; the task decides its partition
with :meth:`~dualuse.cli.screening.Screener.chunk`, the step the local process pool runs, and
writes the records as its own output part (:mod:`dualuse.cli.parts`); only the counts come
back. A lost worker's task is run again by the scheduler; a job that stopped is finished by
running the same command again, which skips the parts already complete. An output named as one
file is written from the parts at the end, in order.

Dask is imported here only, and this module only with ``--cluster``: without it a batch
starts as fast as it always did.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, cast

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from dualuse.cli.batch import CHUNK_ROWS
from dualuse.cli.guard import BadInput, CommandFailed
from dualuse.cli.ledger import LedgerRow, Source
from dualuse.cli.outputs import OutputKind, Record
from dualuse.cli.parts import claim, done_parts, merge, part_counts, write_part
from dualuse.cli.screening import Screener, Settings, load_screener
from dualuse.cli.sinks import Target
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

IN_FLIGHT = 2
"""Partitions per worker submitted ahead: one running, one waiting."""
RETRIES = 2
"""Times the client sends a partition again when the cluster lost it, beyond Dask's own."""


@dataclass(frozen=True)
class Partition:
    """Rows ``index * part_rows`` on of the ledger, and where their part goes."""

    index: int
    rows: list[LedgerRow]
    folder: str
    kind: OutputKind
    plugin: str


@dataclass(frozen=True)
class PartDone:
    """What a task sends back: how many rows its part holds, and how many are errors."""

    index: int
    rows: int
    errors: int


class EnginePlugin(WorkerPlugin):
    """Loads the engine once on each Dask worker, as the pool's initializer does in a process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.screener: Screener | None = None
        self.failure: str | None = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        """Build the worker's Screener; a worker with threads decides one partition at a time."""
        # Dask's statistical profiler keeps an hour of stack samples, and the engine's recursive
        # proofs make them large: with it on, a worker grew 3-4 MB every 1,000 rows; without,
        # it stays flat. Turn it off on this worker (the dashboard shows no profile for it).
        for name in ("profile", "profile-cycle"):
            callback = worker.periodic_callbacks.pop(name, None)
            if callback is not None:
                callback.stop()
        self.screener, self.failure = load_screener(self.settings)
        self.lock = threading.Lock()


def plugin_name(settings: Settings) -> str:
    """A name per rules and settings, so jobs with other settings on one cluster do not mix."""
    text = json.dumps(asdict(settings), default=str, sort_keys=True)
    return "dualuse-engine-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def screen_partition(part: Partition) -> PartDone:
    """Decide a partition on this worker, a chunk at a time, and write its part as it goes.

    Raises:
        CommandFailed: the worker could not load the rules.
    """
    plugin = cast(EnginePlugin, get_worker().plugins[part.plugin])
    screener, lock = plugin.screener, plugin.lock
    if screener is None or lock is None:
        raise CommandFailed(plugin.failure or "a Dask worker did not load the engine")
    done = PartDone(part.index, 0, 0)

    def decided() -> Iterator[list[Record]]:
        nonlocal done
        for start in range(0, len(part.rows), CHUNK_ROWS):
            with lock:
                chunk = screener.chunk(part.rows[start : start + CHUNK_ROWS])
            done = PartDone(part.index, done.rows + chunk.rows, done.errors + chunk.errors)
            yield chunk.records

    write_part(part.folder, part.index, part.kind, decided())
    return done


def connect(address: str, workers: int) -> tuple[Client, LocalCluster | None]:
    """A client of the scheduler at ``address``, or of a new LocalCluster for ``local``.

    Raises:
        BadInput: the scheduler cannot be reached.
    """
    if address == "local":
        dask.config.set({"distributed.worker.profile.enabled": False})  # see EnginePlugin.setup
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # the engine is pure Python: a process per core
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise BadInput(f"--cluster {address}: cannot reach the Dask scheduler ({exc})") from None


def _partitions(rows: Iterator[LedgerRow], size: int) -> Iterator[list[LedgerRow]]:
    batch: list[LedgerRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Tally:
    """Rows and errors so far, and the parts an earlier run had written."""

    rows: int = 0
    errors: int = 0
    parts: int = 0
    skipped: int = 0


def staging(target: Target) -> str:
    """Where the parts of a one-file output are written before they are put together."""
    return target.location if target.folder else f"{target.location}.parts"


def run(
    source: Source,
    target: Target,
    settings: Settings,
    address: str,
    workers: int,
    part_rows: int,
    console: Console,
    ledger: str,
) -> Tally:
    """Screen ``source`` on the cluster into ``target``; the rows and errors written.

    Raises:
        CommandFailed: a partition failed (the parts done are kept: run the command again).
    """
    folder = staging(target)
    job = {"ledger": ledger, "part_rows": part_rows, "format": target.kind}
    job |= {k: str(v) if v is not None else None for k, v in asdict(settings).items()}
    claim(folder, job)
    done = done_parts(folder, target.kind)
    client, cluster = connect(address, workers)
    tally = Tally()
    try:
        name = plugin_name(settings)
        client.register_plugin(EnginePlugin(settings), name=name)
        with _Progress(console, client, source, ledger) as progress:
            jobs = _Jobs(client, tally, progress)
            for index, rows in enumerate(_partitions(source.rows(), part_rows)):
                tally.parts += 1
                if index in done:
                    count, errors = part_counts(done[index], target.kind)
                    tally.rows, tally.errors = tally.rows + count, tally.errors + errors
                    tally.skipped += 1
                    progress.advance(count)
                    continue
                jobs.submit(Partition(index, rows, folder, target.kind, name))
                while jobs.pending.count() >= max(1, progress.workers) * IN_FLIGHT:
                    jobs.collect(next(jobs.pending))
            for future in jobs.pending:
                jobs.collect(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if not target.folder:
        merge(folder, target.location, target.kind, tally.parts)
    return tally


class _Jobs:
    """The partitions in flight; a lost result is read from its part, or the partition re-run."""

    def __init__(self, client: Client, tally: Tally, progress: _Progress) -> None:
        self.client = client
        self.tally = tally
        self.progress = progress
        self.pending = as_completed()
        self.parts: dict[Any, tuple[Partition, int]] = {}  # by task key

    def submit(self, part: Partition, tries: int = 0) -> None:
        """Send a partition to the cluster."""
        future = self.client.submit(screen_partition, part, pure=False)
        self.parts[future.key] = (part, tries)
        self.pending.add(future)

    def collect(self, future: Any) -> None:
        """Count a finished partition.

        Raises:
            CommandFailed: the partition failed (the parts done are kept: run the command again).
        """
        part, tries = self.parts.pop(future.key)
        try:
            result: PartDone = future.result()
        except CommandFailed:
            raise
        except Exception as exc:
            # The worker holding the result may be gone: a written part is the result.
            written = done_parts(part.folder, part.kind).get(part.index)
            if written is not None:
                rows, errors = part_counts(written, part.kind)
                result = PartDone(part.index, rows, errors)
            elif tries < RETRIES:
                self.submit(part, tries + 1)
                return
            else:
                raise CommandFailed(
                    f"a partition failed on the cluster ({type(exc).__name__}: {exc}); the "
                    "parts already written are kept: run the same command again to finish"
                ) from None
        self.tally.rows += result.rows
        self.tally.errors += result.errors
        self.progress.advance(result.rows)


class _Progress:
    """Rows done, rows per second and the workers the scheduler has, on a terminal."""

    def __init__(self, console: Console, client: Client, source: Source, ledger: str) -> None:
        self.client = client
        self.started = time.perf_counter()
        self.done = 0
        self.workers = self._workers()
        self.bar: Progress | None = None
        if console.is_terminal:
            self.bar = Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} rows/s on {task.fields[workers]} workers"),
                TimeElapsedColumn(),
                console=console,
            )
            self.task = self.bar.add_task(
                f"Deciding {source.name}",
                total=source.count() or None,
                rate="–",
                workers=self.workers,
            )

    def _workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {}))

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, rows: int) -> None:
        """Count rows done; ask the scheduler how many workers it has now."""
        self.done += rows
        self.workers = self._workers()
        if self.bar is not None:
            rate = self.done / max(time.perf_counter() - self.started, 1e-9)
            self.bar.update(self.task, advance=rows, rate=f"{rate:,.0f}", workers=self.workers)
