"""The batch measurements: every size with and without proofs and with each number of workers.

Runs go from the smallest size up. A run is stopped at its size's time cap (and projected, see
:mod:`bench.throughput`); a size whose time, projected from the smaller size's run, would exceed
its cap is not run but reported as projected; past the budget, no run is started. A complete run
shorter than ``repeat_below_s`` is repeated, up to three runs, and the median kept.

>>> bounded([{"rows": 10, "explain": True, "workers": 1, "peak_rss_tree_mb": 100.0},
...          {"rows": 100, "explain": True, "workers": 1, "peak_rss_tree_mb": 110.0}])
True
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import ledger
from bench.throughput import BatchRun, run_batch

UNKNOWN_SHARE = 0.3
"""Share of batch ledger rows with unknown fields."""


@dataclass(frozen=True)
class BatchPlan:
    """Which batch runs to make, and how long each may take."""

    sizes: tuple[int, ...]
    caps: dict[int, float]
    """Time cap of one run, by size."""
    budget_s: float
    """No run is started past this; the rest are projected."""
    repeat_below_s: float
    """A complete run shorter than this is repeated (median of 3)."""
    workers: tuple[int, ...] = (1, 2)


def _median_run(runs: list[BatchRun]) -> dict[str, Any]:
    ordered = sorted(runs, key=lambda r: r.seconds if r.seconds is not None else float("inf"))
    chosen = ordered[len(ordered) // 2].as_dict()
    chosen["runs"] = len(runs)
    chosen["peak_rss_largest_mb"] = max(r.peak_rss_largest_mb for r in runs)
    chosen["peak_rss_tree_mb"] = max(r.peak_rss_tree_mb for r in runs)
    if len(runs) > 1:
        chosen["all_seconds"] = [r.seconds for r in runs]
    return chosen


def batches(plan: BatchPlan, workdir: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """``dualuse batch`` at each size, with and without proofs, with each number of workers."""
    started = time.perf_counter()
    ledgers: dict[int, Path] = {}
    for size in plan.sizes:
        path = workdir / f"ledger-{size}.csv"
        ledger.write(ledger.iter_transfers(size, unknown_share=UNKNOWN_SHARE), path)
        ledgers[size] = path
    log(f"ledgers written: {', '.join(f'{s:,}' for s in plan.sizes)} rows")
    runs: list[dict[str, Any]] = []
    rates: dict[tuple[bool, int], tuple[float, float, int]] = {}
    for size in plan.sizes:
        for explain in (True, False):
            for workers in plan.workers:
                cap = plan.caps[size]
                known_rate = rates.get((explain, workers))
                over_budget = time.perf_counter() - started > plan.budget_s
                if known_rate is not None:
                    start_up, rate, from_rows = known_rate
                    projected = start_up + size / rate if rate > 0 else float("inf")
                    if projected > cap or over_budget:
                        why = "over the time cap" if projected > cap else "batch budget spent"
                        runs.append(
                            {
                                "rows": size,
                                "explain": explain,
                                "workers": workers,
                                "seconds": round(projected, 1),
                                "complete": False,
                                "done_rows": 0,
                                "measured_seconds": 0.0,
                                "rows_per_s": round(rate, 2),
                                "first_output_s": None,
                                "peak_rss_largest_mb": None,
                                "peak_rss_tree_mb": None,
                                "errors": None,
                                "exit_code": None,
                                "runs": 0,
                                "note": f"not run ({why}): projected from the "
                                f"{from_rows:,}-row run",
                            }
                        )
                        log(
                            f"batch {size:,} rows proofs={explain} workers={workers}: projected "
                            f"{projected:.0f} s ({why})"
                        )
                        continue
                done: list[BatchRun] = []
                while True:
                    run = run_batch(
                        ledgers[size],
                        size,
                        explain=explain,
                        workers=workers,
                        cap_s=cap,
                        workdir=workdir,
                    )
                    done.append(run)
                    if not run.complete or run.measured_seconds >= plan.repeat_below_s:
                        break
                    if len(done) == 3:
                        break
                record = _median_run(done)
                if not record["complete"]:
                    record["note"] = (
                        f"stopped at the {cap:.0f} s cap after {record['done_rows']:,} rows; "
                        "time projected"
                    )
                elif record.get("errors"):
                    record["note"] = f"{record['errors']} rows with errors"
                runs.append(record)
                start_up = record["first_output_s"] or 0.0
                steady = record["rows_per_s"]
                if record["complete"] and record["seconds"] > start_up:
                    steady = size / (record["seconds"] - start_up)
                if not record["complete"] and record["seconds"] is not None:
                    start_up = record["seconds"] - size / steady if steady else 0.0
                rates[(explain, workers)] = (start_up, steady, size)
                log(
                    f"batch {size:,} rows proofs={explain} workers={workers}: "
                    f"{record['seconds']} s{'' if record['complete'] else ' (projected)'}, "
                    f"{record['rows_per_s']} rows/s, peak RSS {record['peak_rss_tree_mb']} MB "
                    f"(all processes), runs {record['runs']}"
                )
    return {
        "unknown_share": UNKNOWN_SHARE,
        "runs": runs,
        "memory_bounded": bounded(runs),
        "memory_method": "peak_rss_largest_mb: ru_maxrss from wait4 on the batch process "
        "(largest single process among it and its reaped workers); peak_rss_tree_mb: sum of "
        "VmRSS over the process tree, sampled from /proc every 0.25 s",
    }


def bounded(runs: list[dict[str, Any]]) -> bool | None:
    """Whether peak memory stays flat as rows grow: within 25% of the smallest measured run."""
    verdicts = []
    for explain in (True, False):
        for workers in sorted({r["workers"] for r in runs}):
            sizes = sorted(
                (r["rows"], r["peak_rss_tree_mb"])
                for r in runs
                if r["explain"] == explain
                and r["workers"] == workers
                and r.get("peak_rss_tree_mb")
                and r.get("runs", 1) > 0
            )
            if len(sizes) >= 2:
                verdicts.append(sizes[-1][1] <= sizes[0][1] * 1.25)
    return all(verdicts) if verdicts else None
