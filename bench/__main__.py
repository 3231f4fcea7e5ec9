"""Run the benchmarks and write ``bench/results/latest.json``.

``python -m bench`` (about 3 minutes on 2 cores), ``--quick`` (about a minute, a smoke run),
``--large`` (adds 100,000-row batches, once each: about 15 minutes), ``--full`` (100,000-row
batches, every run repeated, more rounds; long). ``--readme`` also rewrites the figures section
of ``bench/README.md``. The figures are printed as Markdown tables.

Order: single decisions (with and without proofs), the plain-Python and clingo cores over the same
transfers, batch runs, chat start-up, then profiles of whatever misses its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench import chat, decisions, ledger, machine, profiling, report
from bench.asp import Asp
from bench.baseline import Baseline
from bench.batches import BatchPlan, batches

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
README = Path(__file__).resolve().parent / "README.md"


@dataclass(frozen=True)
class Plan:
    """How much to measure in one mode."""

    mode: str
    known: int
    """All-known transfers for single decisions."""
    unknown: int
    """Transfers with unknowns for single decisions."""
    rounds: int
    """At most this many rounds over the transfers..."""
    latency_budget_s: float
    """...as long as the rounds fit in this time."""
    core_repeats: int
    """Rounds of the baseline and clingo (they are fast)."""
    batch: BatchPlan
    chat_runs: int
    chat_script: bool
    """Also run ``bench/chat_latency.py`` itself (it measures more than start-up)."""
    profile_transfers: int


PLANS = {
    "quick": Plan(
        mode="quick",
        known=20,
        unknown=10,
        rounds=1,
        latency_budget_s=20,
        core_repeats=3,
        batch=BatchPlan(sizes=(100,), caps={100: 15}, budget_s=45, repeat_below_s=0, workers=(2,)),
        chat_runs=1,
        chat_script=False,
        profile_transfers=6,
    ),
    "default": Plan(
        mode="default",
        known=200,
        unknown=100,
        rounds=3,
        latency_budget_s=270,
        core_repeats=5,
        batch=BatchPlan(
            sizes=(1_000, 10_000), caps={1_000: 30, 10_000: 45}, budget_s=300, repeat_below_s=15
        ),
        chat_runs=3,
        chat_script=True,
        profile_transfers=20,
    ),
    "full": Plan(
        mode="full",
        known=200,
        unknown=100,
        rounds=5,
        latency_budget_s=900,
        core_repeats=10,
        batch=BatchPlan(
            sizes=(1_000, 10_000, 100_000),
            caps={1_000: 300, 10_000: 1_200, 100_000: 3_600},
            budget_s=6 * 3_600,
            repeat_below_s=60,
        ),
        chat_runs=5,
        chat_script=True,
        profile_transfers=40,
    ),
}


class Log:
    """Progress on stderr, with the time since the start."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.start:6.1f} s] {text}", file=sys.stderr, flush=True)


def single_decisions(
    plan: Plan, known: list[dict[str, Any]], unknown: list[dict[str, Any]], log: Log
) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """Latency with and without proofs, then the baseline and clingo over the same transfers."""
    from dualuse.engine import Engine

    t0 = time.perf_counter()
    engine = Engine()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    engine.decide(known[0])
    first = time.perf_counter() - t0
    warm = decisions.warm_up(engine, known + unknown)
    log(
        f"engine loaded in {load:.2f} s, first decision {first * 1000:.0f} ms, warm-up {warm:.1f} s"
    )
    out: dict[str, Any] = {
        "engine_load_s": round(load, 3),
        "first_decision_ms": round(first * 1000, 1),
        "warm_up_s": round(warm, 1),
    }
    cores: dict[str, Any] = {}
    baseline = Baseline()
    asp = Asp(baseline.tables)
    deadline = time.perf_counter() + plan.latency_budget_s
    for key, transfers in (("known", known), ("unknown", unknown)):
        # the all-known set may use its share of the budget; the set with unknowns gets the rest
        left = deadline - time.perf_counter()
        budget = left * len(known) / (len(known) + len(unknown)) if key == "known" else left
        log(f"single decisions, {key}: {len(transfers)} transfers, budget {budget:.0f} s")
        result = decisions.latency(
            engine, transfers, rounds=plan.rounds, budget_s=budget, progress=log
        )
        outcomes = result.pop("outcomes")
        measured = transfers[: result["transfers"]]
        result["outcome_counts"] = dict(Counter(outcomes))
        result["evaluation_provenance"] = decisions.provenance_overhead(engine, measured)
        out[key] = result
        cores[key] = decisions.cores(
            measured, outcomes, repeats=plan.core_repeats, baseline=baseline, asp=asp
        )
        log(
            f"  with proofs p95 {result['explain']['p95_ms']:.1f} ms, without "
            f"{result['no_explain']['p95_ms']:.1f} ms, overhead {result['proof_overhead']}x; "
            f"baseline agrees {cores[key]['agreement_baseline']:.1%}, clingo "
            f"{cores[key]['agreement_clingo']:.1%}"
        )
    return out, cores, engine


def chat_section(plan: Plan, log: Log) -> dict[str, Any]:
    """Chat start-up: process start → prompt, and ``chat_latency.py``'s own lines."""
    out: dict[str, Any] = {"cold": chat.cold_start(plan.chat_runs, timeout_s=120)}
    log(f"chat: process start → prompt {out['cold'].get('cold_prompt_ms', '–')} ms")
    if plan.chat_script:
        out["script"] = chat.from_script(plan.chat_runs, timeout_s=240)
        log(f"chat_latency.py: {len(out['script'].get('lines', {}))} measures")
    return out


def profiles(
    engine: Any,
    known: list[dict[str, Any]],
    unknown: list[dict[str, Any]],
    plan: Plan,
    missed: set[str],
    log: Log,
) -> dict[str, Any]:
    """pyinstrument profiles of what misses its target."""
    n = plan.profile_transfers
    subset = known[:n] + unknown[: max(1, n // 2)]
    out: dict[str, Any] = {}
    if missed & {"decision", "overhead", "batch"}:
        log(f"profiling decisions with proofs ({len(subset)} transfers)")
        out["decision with proofs"] = profiling.profile(lambda: [engine.decide(t) for t in subset])
        log("profiling decisions without proofs")
        out["decision without proofs"] = profiling.profile(
            lambda: [engine.decide(t, explain=False) for t in subset]
        )
    if "batch" in missed:
        try:
            from dualuse.cli.ledger import LedgerRow
            from dualuse.cli.screening import Screener, Settings
        except ImportError as exc:  # the batch command changed shape
            log(f"batch profile skipped: {exc}")
        else:
            screener = Screener(Settings(None, None, True, "jsonl"), engine)
            rows = [LedgerRow(i, t) for i, t in enumerate(subset, start=2)]
            log("profiling batch rows in process (decide + JSON line)")
            out["batch rows with proofs (in process)"] = profiling.profile(
                lambda: screener.chunk(rows)
            )
    if "chat" in missed:
        log("profiling chat start-up")
        out["chat start-up"] = chat.profile_cold(timeout_s=120)
    return out


def _missed(results: dict[str, Any]) -> set[str]:
    names = {
        "decision with proof": "decision",
        "proof overhead": "overhead",
        "10,000 rows": "batch",
        "100,000 rows": "batch",
        "chat first prompt": "chat",
    }
    out = set()
    for target in report.targets(results):
        if target["met"] is False:
            out |= {v for k, v in names.items() if target["target"].startswith(k)}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; print the tables; write the JSON results."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="a smoke run of about a minute")
    size.add_argument(
        "--full", action="store_true", help="also 100,000-row batches, each repeated (hours)"
    )
    size.add_argument(
        "--large",
        action="store_true",
        help="the default run plus 100,000-row batches, once each (about 15 minutes)",
    )
    parser.add_argument("--seed", type=int, default=ledger.SEED)
    parser.add_argument("--no-batch", action="store_true", help="skip the batch runs")
    parser.add_argument("--no-chat", action="store_true", help="skip chat start-up")
    parser.add_argument(
        "--profile",
        choices=("missed", "always", "never"),
        default="missed",
        help="profile what misses its target (default), everything, or nothing",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="the JSON results file")
    parser.add_argument("--readme", action="store_true", help="rewrite bench/README.md's figures")
    args = parser.parse_args(argv)
    plan = PLANS["quick" if args.quick else "full" if args.full else "default"]
    if args.large:
        batch = replace(
            plan.batch,
            sizes=(*plan.batch.sizes, 100_000),
            caps={**plan.batch.caps, 100_000: 330},
            budget_s=plan.batch.budget_s + 1_200,
        )
        plan = replace(plan, mode="large", batch=batch)
    log = Log()
    began = time.perf_counter()
    results: dict[str, Any] = {
        "meta": {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "mode": plan.mode,
            "seed": args.seed,
            "machine": machine.describe(),
            **machine.commit(),
            "load_average": {"start": machine.load()},
        }
    }
    log(f"mode {plan.mode}, commit {results['meta']['commit']}")
    known, unknown = ledger.sample(plan.known, plan.unknown, seed=args.seed)
    results["decisions"], results["cores"], engine = single_decisions(plan, known, unknown, log)
    results["meta"]["load_average"]["after_decisions"] = machine.load()
    results["meta"]["rules_digest"] = engine.rules_digest
    if not args.no_batch:
        workdir = Path(tempfile.mkdtemp(prefix="dualuse-bench-"))
        try:
            results["batch"] = batches(plan.batch, workdir, log)
            results["meta"]["load_average"]["after_batch"] = machine.load()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if not args.no_chat:
        results["chat"] = chat_section(plan, log)
    missed = _missed(results) if args.profile == "missed" else set()
    if args.profile == "always":
        missed = {"decision", "overhead", "batch", "chat"}
    if missed:
        results["profiles"] = profiles(engine, known, unknown, plan, missed, log)
    results["meta"]["seconds"] = round(time.perf_counter() - began, 1)
    results["meta"]["load_average"]["end"] = machine.load()
    results["targets"] = report.targets(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report.markdown(results))
    if results.get("profiles"):
        print()
        print(report.profiles_markdown(results))
    if args.readme and report.update_readme(README, results):
        log(f"figures written to {README}")
    log(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
