"""Batch throughput and memory: ``dualuse batch`` run as a separate process, as a user runs it.

Each run is ``dualuse batch LEDGER.csv --out OUT.jsonl [--no-explain] --workers N`` in its own
process group. Its time is the wall time from starting the process to its exit (Python start-up,
engine loading in every worker, deciding, writing JSON lines). Memory is measured two ways:

- ``peak_rss_largest_mb``: ``ru_maxrss`` from ``wait4`` on the batch process, which covers it and
  the worker processes it reaped: the peak of the *largest single* process;
- ``peak_rss_tree_mb``: the peak of the *sum* of the resident sets of the batch process and all
  its descendants, sampled from ``/proc`` every 0.25 s.

A run that would outlast its time cap is stopped at the cap; its rate is then the rows written
after the first output over the time since, and its total is *projected* from that rate.

>>> parse_summary("1000 rows: 998 decided, 2 with errors; written to out.jsonl")
(1000, 2)
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

_SUMMARY = re.compile(r"(\d+) rows: (\d+) decided, (\d+) with errors")
_CLI = "from dualuse.cli.main import main; main()"
"""What the ``dualuse`` console script runs."""


def parse_summary(text: str) -> tuple[int, int] | None:
    """Rows and error rows from the batch's closing line."""
    found = _SUMMARY.search(text)
    return (int(found.group(1)), int(found.group(3))) if found else None


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text(encoding="ascii")
        except OSError:
            continue
        out.extend(int(c) for c in text.split())
    return out


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        if current not in found:
            found.append(current)
            stack.extend(_children(current))
    return found


def tree_rss_kib(pid: int) -> int:
    """The summed resident set of a process and all its descendants, in KiB."""
    return sum(_rss_kib(p) for p in _tree(pid))


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def tree_cpu_s(pid: int) -> float:
    """CPU seconds used so far by a process and its descendants (and their reaped children)."""
    total = 0
    for current in _tree(pid):
        try:
            text = Path(f"/proc/{current}/stat").read_text(encoding="ascii")
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / _TICK


def count_lines(path: Path) -> int:
    """Newlines in a file, read in blocks."""
    count = 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                count += block.count(b"\n")
    except OSError:
        return 0
    return count


@dataclass
class BatchRun:
    """One run of ``dualuse batch``."""

    rows: int
    explain: bool
    workers: int
    seconds: float | None
    """Wall time of the process, or the projection when it was stopped at the cap (``None``: no
    row was written before the cap, so nothing can be projected)."""
    done_rows: int
    complete: bool
    """False when the run was stopped at its cap and ``seconds`` is projected."""
    measured_seconds: float
    """Wall time actually measured."""
    first_output_s: float | None
    rows_per_s: float
    """Rows per second over the whole run (complete) or after the first output (stopped)."""
    peak_rss_largest_mb: float
    peak_rss_tree_mb: float
    errors: int | None
    exit_code: int | None
    cpu_s: float | None = None
    """CPU seconds of the batch process and its workers (``wait4`` for a complete run, the last
    ``/proc`` sample for a stopped one); ``cpu_s / measured_seconds`` near the number of workers
    means they had the cores to themselves."""

    def as_dict(self) -> dict[str, Any]:
        """The run as JSON data."""
        return asdict(self)


def run_batch(
    ledger: Path, rows: int, *, explain: bool, workers: int, cap_s: float, workdir: Path
) -> BatchRun:
    """Run ``dualuse batch`` on ``ledger`` (which holds ``rows`` rows), stopping it at ``cap_s``."""
    out = workdir / f"out-{rows}-{'proofs' if explain else 'plain'}-{workers}.jsonl"
    log = workdir / "batch.log"
    command = [sys.executable, "-c", _CLI, "batch", str(ledger), "--out", str(out)]
    command += ["--workers", str(workers)] + ([] if explain else ["--no-explain"])
    peak_tree = 0
    first_at: float | None = None
    first_rows = 0
    stopped = False
    end_rows, end_at, cpu_at_end = 0, 0.0, 0.0
    with log.open("w", encoding="utf-8") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            now = time.perf_counter()
            if pid:
                break
            peak_tree = max(peak_tree, tree_rss_kib(proc.pid))
            if not stopped:
                cpu_at_end = tree_cpu_s(proc.pid)
            if first_at is None and out.exists() and out.stat().st_size > 0:
                first_at, first_rows = now - start, count_lines(out)
            if now - start > cap_s and not stopped:
                stopped = True
                end_rows = count_lines(out)
                end_at = now - start
                os.killpg(proc.pid, signal.SIGTERM)  # our own child's process group
            time.sleep(0.05 if now - start < 5 else 0.25)
        elapsed = now - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    summary = parse_summary(log.read_text(encoding="utf-8", errors="replace"))
    if stopped:
        if first_at is not None and end_rows > first_rows and end_at > first_at:
            start_up = first_at
            rate = (end_rows - first_rows) / (end_at - first_at)
        else:  # too few chunks for a steady rate: count the start-up in, which flatters nothing
            start_up, first_rows = 0.0, 0
            rate = end_rows / end_at if end_at > 0 else 0.0
        projected = round(start_up + (rows - first_rows) / rate, 1) if rate > 0 else None
        result = BatchRun(
            rows,
            explain,
            workers,
            projected,
            end_rows,
            False,
            round(end_at, 1),
            round(first_at, 2) if first_at is not None else None,
            round(rate, 2),
            round(usage.ru_maxrss / 1024, 1),
            round(peak_tree / 1024, 1),
            None,
            proc.returncode,
            round(cpu_at_end, 1),
        )
    else:
        done = summary[0] if summary else count_lines(out)
        result = BatchRun(
            rows,
            explain,
            workers,
            round(elapsed, 2),
            done,
            done == rows,
            round(elapsed, 2),
            round(first_at, 2) if first_at is not None else None,
            round(done / elapsed, 2) if elapsed > 0 else 0.0,
            round(usage.ru_maxrss / 1024, 1),
            round(peak_tree / 1024, 1),
            summary[1] if summary else None,
            proc.returncode,
            round(usage.ru_utime + usage.ru_stime, 1),
        )
    out.unlink(missing_ok=True)
    return result
