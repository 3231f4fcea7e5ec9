"""``dualuse batch``: decide a ledger of transfers, one output record per row, in input order.

One command, two executors. By default rows are read and sent to worker processes on this
machine in chunks, at most a few chunks per worker at a time, and records are written as soon as
every earlier chunk is done: memory stays bounded whatever the ledger's size. Processes, not
threads: the engine is pure Python, so threads would share one core. With ``--cluster`` the same
per-chunk step runs on a Dask cluster, a partition per task (:mod:`dualuse.cli.cluster`, imported
only then).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from dataclasses import replace
from itertools import islice
from multiprocessing import get_context
from typing import Annotated

import typer
from dualuse.cli.decide import AsOf, RulesOption
from dualuse.cli.guard import EXIT_PROBLEMS, BadInput, guarded
from dualuse.cli.ledger import LedgerRow, open_ledger
from dualuse.cli.locations import is_url
from dualuse.cli.recording import (
    Committer,
    DbOption,
    Recorder,
    Recording,
    RecordOption,
    UserOption,
)
from dualuse.cli.screening import Chunk, Screener, Settings, screen_chunk, start_worker
from dualuse.cli.sinks import Target, open_sink
from dualuse.cli.sources import load_engine, parse_day, rules_folder
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

CHUNK_ROWS = 8
"""Rows per task: large enough to hide the cost of a task, small enough to balance the load."""
IN_FLIGHT = 3
"""Chunks per worker submitted ahead, so no worker waits while the oldest chunk finishes."""
PART_ROWS = 1_000
"""Rows per output part (and per task on a cluster): a few seconds of a core's work."""


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunks(rows: Iterator[LedgerRow], size: int = CHUNK_ROWS) -> Iterator[list[LedgerRow]]:
    """Consecutive chunks of at most ``size`` rows."""
    while chunk := list(islice(rows, size)):
        yield chunk


def screen(
    rows: Iterator[LedgerRow], settings: Settings, workers: int
) -> Generator[Chunk, None, None]:
    """Decide every row; the chunks come back in input order."""
    if workers == 1:
        screener = Screener(settings, load_engine(settings.rules))
        for chunk in chunks(rows):
            yield screener.chunk(chunk)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),  # no fork of a process that may run threads
        initializer=start_worker,
        initargs=(settings,),
    )
    pending: deque[Future[Chunk]] = deque()
    try:
        for chunk in chunks(rows):
            pending.append(pool.submit(screen_chunk, chunk))
            while len(pending) >= workers * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_parent(settings: Settings) -> Settings:
    """On this machine the batch's parent records: the workers only make the rows."""
    if settings.record is None:
        return settings
    return replace(settings, record=replace(settings.record, in_parent=True))


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
    )


def _same_place(ledger: str, out: str) -> bool:
    if is_url(ledger) or is_url(out):
        return ledger.rstrip("/") == out.rstrip("/")
    return os.path.exists(out) and os.path.realpath(out) == os.path.realpath(ledger)


@guarded
def batch(
    ledger: Annotated[
        str,
        typer.Argument(
            metavar="LEDGER",
            help="Transfers as .csv, .jsonl (.ndjson) or .parquet, one per row; or a folder of "
            "such parts; a local path or a URL (s3://... with s3fs installed).",
            show_default=False,
        ),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            help="Where to write: .jsonl (a decision per line), .csv (a summary) or .parquet "
            "(both); a name ending in / (decisions.parquet/) is a folder of parts.",
            show_default=False,
        ),
    ],
    explain: Annotated[
        bool,
        typer.Option(
            "--explain/--no-explain",
            help="--no-explain skips proofs, why-not and what-would-change: faster screening.",
        ),
    ] = True,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Worker processes (default: the number of cores); with --cluster local, the "
            "Dask workers.",
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="ADDRESS",
            help="Decide on a Dask cluster: a scheduler address (tcp://scheduler:8786), or "
            "'local' for a LocalCluster of this machine's cores. A re-run finishes a job that "
            "stopped, skipping the parts already written.",
            show_default=False,
        ),
    ] = None,
    part_rows: Annotated[
        int,
        typer.Option("--part-rows", min=1, help="Rows per output part, and per task on a cluster."),
    ] = PART_ROWS,
    as_of: AsOf = None,
    rules: RulesOption = None,
    record: RecordOption = False,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Decide a ledger of transfers; one output row per input row, in the same order.

    CSV columns are the transfer's fields with dots (item.description, end_user.name,
    end_use.military, service_providers.0.name); an empty cell means unknown; route and licences
    are ';'-separated ('none': no licence held). Parquet columns are the same, or the transfer's
    nested fields. A row that cannot be decided becomes an error row naming its row number (its
    line in the file) and field; the rest go on. Every output row carries its row number. Exits
    1 when any row is an error row.
    """
    target = Target.of(out)
    if _same_place(ledger, target.location):
        raise BadInput(f"--out {out}: would overwrite the ledger")
    settings = Settings(
        rules=rules_folder(rules) if rules is not None else None,
        as_of=parse_day(as_of, "--as-of"),
        explain=explain,
        output=target.kind,
        record=Recording.make(db, user, rules_folder(rules)) if record else None,
    )
    recorder = None
    if settings.record is not None:  # store the rule base once, before the workers start
        recorder = Recorder.before_workers(settings.record, "batch")
    console = Console(file=sys.stdout)
    total = errors = 0
    with closing(open_ledger(ledger)) as source:
        if cluster is not None:
            try:
                from dualuse.cli import cluster as dask_cluster  # Dask only on this path
            except ImportError:
                raise BadInput("--cluster needs Dask: pip install 'dualuse[cluster]'") from None

            done = dask_cluster.run(
                source,
                target,
                settings,
                cluster,
                workers or default_workers(),
                part_rows,
                console,
                ledger,
            )
            total, errors = done.rows, done.errors
            if done.skipped:
                typer.echo(f"{done.skipped} of {done.parts} parts were already written; kept")
        else:
            sink = open_sink(target, part_rows)
            results = screen(source.rows(), _in_parent(settings), workers or default_workers())
            if recorder is not None:  # one writer, many chunks a transaction, before the output
                results = Committer(recorder).through(results)
            with closing(results):
                if console.is_terminal:
                    with _progress(console) as progress:
                        task = progress.add_task(
                            f"Deciding {source.name}", total=source.count() or None
                        )
                        for chunk in results:
                            sink.write(chunk.records)
                            total, errors = total + chunk.rows, errors + chunk.errors
                            progress.advance(task, chunk.rows)
                else:
                    for chunk in results:
                        sink.write(chunk.records)
                        total, errors = total + chunk.rows, errors + chunk.errors
            sink.close()
    typer.echo(f"{total} rows: {total - errors} decided, {errors} with errors; written to {out}")
    if errors:
        raise typer.Exit(EXIT_PROBLEMS)
