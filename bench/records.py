"""The records store measured: what ``--record`` costs a batch, and how fast ``rescreen`` runs.

    .venv/bin/python -m bench.records                 # 10,000 rows: about 6 minutes on 2 cores
    .venv/bin/python -m bench.records --rows 1000     # a smoke run

**Recording overhead.** The same generated ledger (30% of rows with unknowns) is decided by
``dualuse batch --workers 2`` (with proofs, JSON lines out) with and without ``--record`` into a
fresh SQLite store, in alternating order, ``--rounds`` times each; the overhead is the median
time with recording over the median time without, minus one. Target: at most 10%. The CPU time
of the batch and its workers (``RUSAGE_CHILDREN``) is measured too: on a shared machine it is
what the batch itself spent, whatever else ran.

**Re-screening.** The ledger is recorded on a copy of the rules whose control and watch lists
are cut at 2026-02-23 (``docs/rescreen/cut_lists.py``), then ``dualuse rescreen --workers 2``
re-decides every recorded transfer on today's rules, compares, explains each change and records
the new decisions. Reported: wall time, transfers per second, and how many changed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import ledger, machine

ROOT = Path(__file__).resolve().parent.parent
DUALUSE = str(Path(sys.executable).parent / "dualuse")
RESULTS = ROOT / "bench" / "results" / "records.json"


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)  # every reaped descendant
    return used.ru_utime + used.ru_stime


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    seconds, _cpu_s, code, text = _timed(args, env)
    return seconds, code, text


def _timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, str]:
    """Wall time, CPU time of the process and its workers, exit code and output."""
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run([DUALUSE, *args], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    return seconds, _cpu() - cpu, done.returncode, done.stdout + done.stderr


def _cut_rules(target: Path) -> Path:
    script = ROOT / "docs" / "rescreen" / "cut_lists.py"
    subprocess.run(
        [sys.executable, str(script), str(ROOT / "rules"), str(target)],
        check=True,
        capture_output=True,
    )
    return target


def recording_overhead(path: Path, work: Path, rounds: int, log: Any) -> dict[str, Any]:
    """Batch time with and without ``--record``, alternating."""
    plain: list[float] = []
    recorded: list[float] = []
    cpu: dict[str, list[float]] = {"plain": [], "record": []}
    for n in range(rounds):
        for mode in ("plain", "record") if n % 2 == 0 else ("record", "plain"):
            out = work / f"out-{mode}.jsonl"
            args = ["batch", str(path), "--out", str(out), "--workers", "2"]
            if mode == "record":
                db = work / f"records-{n}.db"
                args += ["--record", "--db", f"sqlite:///{db}", "--user", "bench"]
            seconds, cpu_s, code, text = _timed(args)
            if code != 0:
                raise SystemExit(f"batch failed: {text}")
            (recorded if mode == "record" else plain).append(seconds)
            cpu[mode].append(round(cpu_s, 2))
            log(
                f"  batch {mode}: {seconds:.1f} s, {cpu_s:.1f} CPU s, load {os.getloadavg()[0]:.1f}"
            )
    without, with_ = statistics.median(plain), statistics.median(recorded)
    # Each round's two runs are back to back: their ratio is less exposed to the machine's
    # load changing between rounds than the ratio of the medians.
    pairs = [r / p - 1 for p, r in zip(plain, recorded, strict=True)]
    cpu_pairs = [r / p - 1 for p, r in zip(cpu["plain"], cpu["record"], strict=True)]
    return {
        "cpu_s_without": cpu["plain"],
        "cpu_s_with": cpu["record"],
        "cpu_pair_overheads": [round(x, 4) for x in cpu_pairs],
        "cpu_overhead": round(
            statistics.median(cpu["record"]) / statistics.median(cpu["plain"]) - 1, 4
        ),
        "pair_overheads": [round(x, 4) for x in pairs],
        "median_pair_overhead": round(statistics.median(pairs), 4),
        "seconds_without": plain,
        "seconds_with": recorded,
        "median_without_s": round(without, 2),
        "median_with_s": round(with_, 2),
        "overhead": round(with_ / without - 1, 4),
        "store_mb": round((work / "records-0.db").stat().st_size / 1e6, 1),
    }


def rescreen(path: Path, work: Path, rows: int, log: Any) -> dict[str, Any]:
    """Record on the rules cut at 2026-02-23, then re-screen on today's rules."""
    db = f"sqlite:///{work / 'rescreen.db'}"
    cut = _cut_rules(work / "cut" / "rules")
    record_s, code, text = _run(
        [
            "batch",
            str(path),
            "--out",
            str(work / "old.jsonl"),
            "--workers",
            "2",
            "--rules",
            str(cut),
            "--record",
            "--db",
            db,
            "--user",
            "bench",
        ]
    )
    if code != 0:
        raise SystemExit(f"batch failed: {text}")
    log(f"  recorded on the cut rules: {record_s:.1f} s")
    report = work / "report.json"
    env = {**os.environ}
    seconds, code, text = _run(
        [
            "rescreen",
            "--workers",
            "2",
            "--db",
            db,
            "--user",
            "bench",
            "-f",
            "json",
            "--out",
            str(report),
        ],
        env,
    )
    if code not in (0, 3):
        raise SystemExit(f"rescreen failed: {text}")
    data = json.loads(report.read_text(encoding="utf-8"))
    log(f"  rescreen: {seconds:.1f} s, {len(data['changes'])} changed")
    return {
        "record_on_cut_rules_s": round(record_s, 2),
        "seconds": round(seconds, 2),
        "per_second": round(rows / seconds, 1),
        "considered": data["considered"],
        "changed": len(data["changes"]),
        "unchanged": data["unchanged"],
        "errors": len(data["errors"]),
        "exit_code": code,
    }


def in_process(rows: int, seed: int) -> dict[str, float]:
    """CPU time per row of deciding, writing the JSON line and recording, in one process.

    CPU time, not wall time: on a machine shared with other work it is what the batch itself
    spends. Recording as a batch does it: a worker makes each chunk's table rows (8 rows), the
    parent writes them in transactions of :data:`~dualuse.cli.recording.COMMIT_ROWS` at most.
    """
    from dualuse.cli.recording import COMMIT_ROWS, Recorder, Recording, rows_of
    from dualuse.cli.sources import bundled_rules
    from dualuse.engine import Engine

    engine = Engine()
    transfers = list(ledger.iter_transfers(rows, seed, unknown_share=0.3))
    for t in transfers[:20]:
        engine.decide(t)  # warm-up: every set of rules in force compiled once
    t0 = time.process_time()
    decisions = [engine.decide(t) for t in transfers]
    t1 = time.process_time()
    lines = [d.model_dump_json() for d in decisions]
    t2 = time.process_time()
    with tempfile.TemporaryDirectory() as folder:
        recording = Recording(f"sqlite:///{Path(folder) / 'records.db'}", "bench", bundled_rules())
        recorder = Recorder.before_workers(recording, "batch")
        t3 = time.process_time()
        made = [
            row
            for i in range(0, rows, 8)
            for row in rows_of(
                recording.entries(decisions[i : i + 8], "batch", texts=lines[i : i + 8])
            )
        ]
        t4 = time.process_time()
        for i in range(0, rows, COMMIT_ROWS):
            recorder.record_rows(made[i : i + COMMIT_ROWS])
        t5 = time.process_time()
        recorder.store.close()
    return {
        "decide_ms": round(1000 * (t1 - t0) / rows, 3),
        "json_line_ms": round(1000 * (t2 - t1) / rows, 3),
        "rows_ms": round(1000 * (t4 - t3) / rows, 3),
        "write_ms": round(1000 * (t5 - t4) / rows, 3),
        "record_ms": round(1000 * (t5 - t3) / rows, 3),
        "share": round((t5 - t3) / (t2 - t0), 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run both measurements and print a Markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.records")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=ledger.SEED)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--in-process", action="store_true", help="only the in-process CPU cost per row"
    )
    parser.add_argument("--no-rescreen", action="store_true", help="only the recording overhead")
    args = parser.parse_args(argv)
    if args.in_process:
        cost = in_process(400, args.seed)
        print(
            f"| recording in process, CPU per row (400 rows) | {cost['record_ms']} ms "
            f"({cost['rows_ms']} ms making the row in the worker, {cost['write_ms']} ms writing "
            f"it in the parent) against "
            f"{cost['decide_ms']} ms deciding + {cost['json_line_ms']} ms writing the JSON line: "
            f"{cost['share'] * 100:.1f}% |"
        )
        return 0

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="dualuse-bench-records-") as folder:
        work = Path(folder)
        path = work / "ledger.csv"
        ledger.write(ledger.iter_transfers(args.rows, args.seed, unknown_share=0.3), path)
        load_start = machine.load()
        log(f"recording overhead, {args.rows} rows, {args.rounds} rounds")
        overhead = recording_overhead(path, work, args.rounds, log)
        screened = None
        if not args.no_rescreen:
            log("re-screening")
            screened = rescreen(path, work, args.rows, log)
    results = {
        "machine": machine.describe(),
        "commit": machine.commit(),
        "rows": args.rows,
        "load_start": load_start,
        "load_end": machine.load(),
        "recording": overhead,
        "rescreen": screened,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    rows = f"{args.rows:,}"
    print("| measure | figure |")
    print("| --- | --- |")
    plain_s = overhead["median_without_s"]
    print(
        f"| batch of {rows} rows, 2 workers, with proofs, without `--record` | "
        f"{plain_s} s ({args.rows / plain_s:.0f} rows/s) |"
    )
    print(
        f"| the same with `--record` (SQLite, WAL) | {overhead['median_with_s']} s "
        f"({args.rows / overhead['median_with_s']:.0f} rows/s); store {overhead['store_mb']} MB |"
    )
    pairs = ", ".join(f"{x * 100:.1f}%" for x in overhead["pair_overheads"])
    print(
        f"| recording overhead (target ≤ 10%) | {overhead['overhead'] * 100:.1f}% "
        f"(medians); per back-to-back pair: {pairs} |"
    )
    cpu_pairs = ", ".join(f"{x * 100:.1f}%" for x in overhead["cpu_pair_overheads"])
    print(
        f"| recording overhead in CPU time (batch and workers) | "
        f"{overhead['cpu_overhead'] * 100:.1f}% (medians); per pair: {cpu_pairs} |"
    )
    if screened is not None:
        print(
            f"| `rescreen` of {rows} recorded decisions after the lists of 2026-02-24, 2 "
            f"workers | {screened['seconds']} s ({screened['per_second']} transfers/s); "
            f"{screened['changed']:,} changed, {screened['unchanged']:,} unchanged, "
            f"{screened['errors']} errors |"
        )
    print(f"\nload average (1 min): start {load_start[:1]}, end {results['load_end'][:1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
