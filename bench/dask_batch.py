"""``dualuse batch`` on a Dask LocalCluster against the local process pool, on the same ledger.

For each number of workers, each executor runs twice as a user runs it, in its own process: on
a small ledger (what starting up costs: Python, the cluster, the engine in every worker) and on
the full one. The marginal rate, ``(rows - small) / (t_full - t_small)``, is what a core adds
once started; the projection for a larger ledger on more cores is
``start-up + rows / (marginal rate per worker * cores)``. The overhead of Dask is the pool's
rate over Dask's, minus one, at the same number of workers. Memory is the peak resident set of
each worker process (sampled from ``/proc`` every 0.25 s), and of the client.

``python -m bench.dask_batch --rows 10000`` (``--no-explain``, ``--workers 1 2``, ``--out``);
``--memory-rows 10000`` follows one Dask worker's memory instead.
Runs alternate pool and Dask (pool first for one worker count, Dask first for the next), so a
change in the machine's load falls on both; the load average is recorded before and after each
run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import ledger, machine
from bench.throughput import parse_summary, tree_cpu_s

SMALL = 100
"""Rows of the start-up run."""
_CLI = "from dualuse.cli.main import main; main()"
RESULTS = Path(__file__).resolve().parent / "results" / "dask.json"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        for task in (
            os.listdir(f"/proc/{current}/task") if os.path.isdir(f"/proc/{current}") else []
        ):
            try:
                text = Path(f"/proc/{current}/task/{task}/children").read_text(encoding="ascii")
            except OSError:
                continue
            stack.extend(int(c) for c in text.split())
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run(
    path: Path, rows: int, executor: str, workers: int, explain: bool, work: Path
) -> dict[str, Any]:
    """One ``dualuse batch`` process: wall time, rows/s, peak memory per worker and client."""
    out = work / f"out-{executor}-{workers}-{rows}.jsonl"
    command = [sys.executable, "-c", _CLI, "batch", str(path), "--out", str(out)]
    command += ["--workers", str(workers)] + ([] if explain else ["--no-explain"])
    if executor == "dask":
        command += ["--cluster", "local", "--part-rows", "500"]
    load_before = os.getloadavg()[0]
    peaks: dict[int, float] = {}
    kinds: dict[int, str] = {}
    cpu = 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    while proc.poll() is None:
        for pid in _descendants(proc.pid):
            peaks[pid] = max(peaks.get(pid, 0.0), _rss_mb(pid))
            if pid not in kinds:
                line = _cmdline(pid)
                kinds[pid] = (
                    "client" if pid == proc.pid
                    else "tracker" if "resource_tracker" in line
                    else "worker"
                )  # fmt: skip
        cpu = max(cpu, tree_cpu_s(proc.pid))
        time.sleep(0.25)
    seconds = time.perf_counter() - start
    output = proc.stdout.read() if proc.stdout else ""
    summary = parse_summary(output)
    out.unlink(missing_ok=True)
    workers_mb = [peaks[p] for p, k in kinds.items() if k == "worker"]
    in_process = not workers_mb  # the pool with one worker decides in the batch process itself
    if in_process:
        workers_mb = [peaks.get(proc.pid, 0.0)]
    return {
        "executor": executor,
        "workers": workers,
        "rows": rows,
        "explain": explain,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds, 1),
        "complete": bool(summary and summary[0] == rows),
        "exit_code": proc.returncode,
        "peak_rss_worker_mb": round(max(workers_mb, default=0.0), 1),
        "worker_processes": 0 if in_process else len(workers_mb),
        "peak_rss_client_mb": round(peaks.get(proc.pid, 0.0), 1),
        "cpu_s_per_wall_s": round(cpu / seconds, 2) if seconds else None,
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def measure(rows: int, workers: Sequence[int], explain: bool, log: Any) -> dict[str, Any]:
    """Every run, then the rates, the overhead and the projections."""
    work = Path(tempfile.mkdtemp(prefix="dualuse-dask-"))
    try:
        full, small = work / f"ledger-{rows}.csv", work / f"ledger-{SMALL}.csv"
        ledger.write(ledger.iter_transfers(rows, unknown_share=0.3), full)
        ledger.write(ledger.iter_transfers(SMALL, unknown_share=0.3), small)
        runs = []
        for turn, n in enumerate(workers):
            order = ("pool", "dask") if turn % 2 == 0 else ("dask", "pool")  # ABBA over counts
            for size, path in ((SMALL, small), (rows, full)):
                for executor in order:
                    record = run(path, size, executor, n, explain, work)
                    log(
                        f"{executor} {n} workers {size:,} rows: {record['seconds']} s, "
                        f"{record['rows_per_s']} rows/s, worker peak "
                        f"{record['peak_rss_worker_mb']} MB, load "
                        f"{record['load_before']}→{record['load_after']}"
                    )
                    runs.append(record)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"runs": runs, "summary": summarise(runs, rows, workers)}


def summarise(runs: list[dict[str, Any]], rows: int, workers: Sequence[int]) -> dict[str, Any]:
    """Marginal rates, Dask's overhead at equal workers, and the 10-million-row projections."""
    out: dict[str, Any] = {}
    for n in workers:
        for executor in ("pool", "dask"):
            by = {r["rows"]: r for r in runs if r["executor"] == executor and r["workers"] == n}
            start_up, whole = by[SMALL]["seconds"], by[rows]["seconds"]
            marginal = (rows - SMALL) / (whole - start_up) if whole > start_up else None
            out[f"{executor}-{n}"] = {
                "start_up_s": start_up,
                "seconds": whole,
                "rows_per_s": by[rows]["rows_per_s"],
                "marginal_rows_per_s": round(marginal, 1) if marginal else None,
                "marginal_rows_per_s_per_worker": round(marginal / n, 1) if marginal else None,
            }
        pool, dask = out[f"pool-{n}"], out[f"dask-{n}"]
        out[f"overhead-{n}"] = {
            "wall": round(pool["rows_per_s"] / dask["rows_per_s"] - 1, 3),
            "marginal": (
                round(pool["marginal_rows_per_s"] / dask["marginal_rows_per_s"] - 1, 3)
                if pool["marginal_rows_per_s"] and dask["marginal_rows_per_s"]
                else None
            ),
        }
    best = max(workers)
    per_core = out[f"dask-{best}"]["marginal_rows_per_s_per_worker"]
    start = out[f"dask-{best}"]["start_up_s"]
    if per_core:
        out["projection_10m"] = {
            str(cores): {
                "hours": round((start + 10_000_000 / (per_core * cores)) / 3600, 2),
                "rows_per_s": round(per_core * cores),
            }
            for cores in (16, 64)
        }
    return out


def worker_memory(rows: int, explain: bool, log: Any) -> list[tuple[int, float]]:
    """One Dask worker's resident set as it decides ``rows`` rows, after every 2,000 rows.

    A LocalCluster of one worker in this process; partitions of 500 rows go one at a time
    through the task the batch runs, and the worker reports its own RSS (``/proc``).
    """
    from distributed import Client, LocalCluster
    from dualuse.cli.cluster import EnginePlugin, Partition, plugin_name, screen_partition
    from dualuse.cli.ledger import LedgerRow
    from dualuse.cli.screening import Settings

    def rss_mb() -> float:  # runs on the worker: its own VmRSS
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    settings = Settings(None, None, explain, "jsonl")
    name = plugin_name(settings)
    samples: list[tuple[int, float]] = []
    work = Path(tempfile.mkdtemp(prefix="dualuse-dask-memory-"))
    try:
        with (
            LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster,
            Client(cluster) as client,
        ):
            client.register_plugin(EnginePlugin(settings), name=name)
            batch: list[LedgerRow] = []
            transfers = ledger.iter_transfers(rows, unknown_share=0.3)
            for number, transfer in enumerate(transfers, start=1):
                batch.append(LedgerRow(number, transfer))
                if len(batch) == 500 or number == rows:
                    part = Partition(number // 500, batch, str(work), "jsonl", name)
                    client.submit(screen_partition, part, pure=False).result()
                    batch = []
                    if number % 2_000 == 0 or number == rows:
                        [mb] = client.run(rss_mb).values()
                        samples.append((number, round(mb, 1)))
                        log(f"worker memory after {number:,} rows: {mb:.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return samples


def table(result: dict[str, Any]) -> str:
    """The runs as a Markdown table."""
    lines = [
        "| executor | workers | rows | time | rows/s | peak RSS per worker | client "
        "| CPU s / wall s | load before → after |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in result["runs"]:
        lines.append(
            f"| {'process pool' if r['executor'] == 'pool' else 'Dask LocalCluster'} | "
            f"{r['workers']} | {r['rows']:,} | {r['seconds']} s | {r['rows_per_s']:,} | "
            f"{r['peak_rss_worker_mb']} MB | {r['peak_rss_client_mb']} MB | "
            f"{r['cpu_s_per_wall_s']} | {r['load_before']} → {r['load_after']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m bench.dask_batch``: measure, print the table, write ``results/dask.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--memory-rows",
        type=int,
        default=0,
        help="Only follow one Dask worker's memory over this many rows (to dask-memory.json).",
    )
    args = parser.parse_args(argv)
    if args.memory_rows:
        samples = worker_memory(args.memory_rows, not args.no_explain, print)
        memory = {"samples_rows_mb": samples, "explain": not args.no_explain}
        memory |= {"machine": machine.describe() | machine.commit(), "load": machine.load()}
        target = args.out.with_name("dask-memory.json")
        target.write_text(json.dumps(memory, indent=1) + "\n", encoding="utf-8")
        return
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    result = measure(args.rows, args.workers, not args.no_explain, log)
    result["machine"] = machine.describe() | machine.commit()
    result["started"] = started
    result["load_end"] = machine.load()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(table(result))
    print(json.dumps(result["summary"], indent=1))


if __name__ == "__main__":
    main()
