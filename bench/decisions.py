"""Single decisions in process: latency with and without proofs, and the cores compared.

Each transfer is decided with proofs (``engine.decide(t)``) and without (``explain=False``) one
right after the other, in alternating order, in every round; a transfer's time is the median of
its rounds, and p50 and p95 are taken over the transfers. The proof overhead is the total time
with proofs over the total time without, on the same transfers in the same run.

The plain-Python baseline and the clingo encoding decide the same transfers; their outcomes are
compared with the engine's.

>>> summary([0.001, 0.002, 0.003])["p50_ms"]
2.0
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from dualuse.engine import Engine

from bench.asp import Asp
from bench.baseline import Baseline
from bench.machine import percentile


def summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95, mean and max in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "mean_ms": round(statistics.fmean(ms), 3) if ms else float("nan"),
        "max_ms": round(max(ms), 3) if ms else float("nan"),
    }


def warm_up(engine: Engine, transfers: Sequence[dict[str, Any]]) -> float:
    """Decide one transfer per set of rules in force, so that each set is compiled once.

    The sets are told apart by the compiled program of the engine's law of each day
    (``Law.on(day).plain``, shared by the days with the same rules in force; this reaches into the
    engine). Returns the seconds it took.
    """
    start = time.perf_counter()
    template = transfers[0]
    law = engine._state.law
    first: dict[int, str] = {}
    for day in sorted({t["date"] for t in transfers}):
        first.setdefault(id(law.on(dt.date.fromisoformat(day)).plain), day)
    days = list(first.values())
    for day in days:
        engine.decide({**template, "date": day}, explain=True)
    return time.perf_counter() - start


def latency(
    engine: Engine,
    transfers: Sequence[dict[str, Any]],
    *,
    rounds: int,
    budget_s: float,
    progress: Callable[[str], None] = lambda _: None,
    at_least: int = 10,
) -> dict[str, Any]:
    """Time every transfer with and without proofs, in up to ``rounds`` rounds within the budget.

    The first round stops early when the budget is spent (after ``at_least`` transfers): the
    transfers it reached are the ones measured (``transfers`` in the result, of ``offered``).
    A further round is started only if it fits in what is left of the budget.
    """
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in transfers]
    resolved: list[list[float]] = [[] for _ in transfers]
    outcomes: list[str] = ["" for _ in transfers]
    measured = len(transfers)
    mismatched = 0
    start = time.perf_counter()
    cpu = time.process_time()
    done = 0
    while done < rounds:
        began = time.perf_counter()
        for i in range(measured):
            if done == 0 and i >= at_least and time.perf_counter() - start > budget_s:
                measured = i
                break
            order = (True, False) if (i + done) % 2 == 0 else (False, True)
            got: dict[bool, str] = {}
            for explain in order:
                t0 = time.perf_counter()
                decision = engine.decide(transfers[i], explain=explain)
                times[i][0 if explain else 1].append(time.perf_counter() - t0)
                got[explain] = decision.outcome
            outcomes[i] = got[False]
            mismatched += got[True] != got[False]
            # Why-not, what would change and the audit wait until read: this one reads them all.
            t0 = time.perf_counter()
            engine.decide(transfers[i], explain=True).resolve()
            resolved[i].append(time.perf_counter() - t0)
        done += 1
        took = time.perf_counter() - began
        progress(f"round {done}: {measured} transfers in {took:.1f} s")
        if time.perf_counter() - start + took > budget_s:
            break
    cpu_share = (time.process_time() - cpu) / max(1e-9, time.perf_counter() - start)
    with_proofs = [statistics.median(t[0]) for t in times[:measured]]
    without = [statistics.median(t[1]) for t in times[:measured]]
    ratios = [a / b for a, b in zip(with_proofs, without, strict=True) if b > 0]
    read_all = [statistics.median(t) for t in resolved[:measured]]
    return {
        "transfers": measured,
        "offered": len(transfers),
        "rounds": done,
        "explain": summary(with_proofs),
        "no_explain": summary(without),
        "proof_overhead": round(sum(with_proofs) / sum(without), 2) if sum(without) else None,
        "explain_resolved": summary(read_all),
        "proof_overhead_resolved": round(sum(read_all) / sum(without), 2) if sum(without) else None,
        "proof_overhead_median_per_transfer": round(statistics.median(ratios), 2)
        if ratios
        else None,
        "outcomes": outcomes[:measured],
        "explain_changed_outcome": mismatched,
        "cpu_share": round(cpu_share, 3),
    }


def provenance_overhead(
    engine: Engine, transfers: Sequence[dict[str, Any]], *, rounds: int = 5
) -> dict[str, Any]:
    """One evaluation of each transfer's facts with provenance over one without.

    This is what Soufflé's published overhead (1.27-1.31) measures: recording how each fact was
    derived, during evaluation. It reaches into the engine (``Decider.world``) because a decision
    always evaluates with provenance. The median of ``rounds`` rounds over all the transfers.
    """
    from dualuse.engine.decide.facts import input_facts
    from dualuse.engine.decide.transfer import Transfer

    state = engine._state
    cases = []
    for raw in transfers:
        transfer = Transfer.model_validate(raw)
        decider = state.decider(transfer.date or dt.date.today(), engine.version)
        cases.append((decider, input_facts(transfer, state.resolver, decider.questions)))
    totals: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(rounds):
        for provenance in (True, False):
            t0 = time.perf_counter()
            for decider, facts in cases:
                decider.world(facts, provenance=provenance)
            totals[provenance].append(time.perf_counter() - t0)
    with_ms = statistics.median(totals[True]) / max(1, len(cases)) * 1000
    without_ms = statistics.median(totals[False]) / max(1, len(cases)) * 1000
    return {
        "with_ms": round(with_ms, 3),
        "without_ms": round(without_ms, 3),
        "ratio": round(with_ms / without_ms, 2) if without_ms else None,
    }


def _per_transfer(
    decide: Callable[[dict[str, Any]], str], transfers: Sequence[dict[str, Any]], repeats: int
) -> tuple[list[float], list[str]]:
    times: list[list[float]] = [[] for _ in transfers]
    outcomes = ["" for _ in transfers]
    for _ in range(repeats):
        for i, transfer in enumerate(transfers):
            t0 = time.perf_counter()
            outcomes[i] = decide(transfer)
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times], outcomes


def cores(
    transfers: Sequence[dict[str, Any]],
    engine_outcomes: Sequence[str],
    *,
    repeats: int,
    baseline: Baseline | None = None,
    asp: Asp | None = None,
) -> dict[str, Any]:
    """The baseline and clingo over ``transfers``: timings, and agreement with the engine."""
    baseline = baseline or Baseline()
    asp = asp or Asp(baseline.tables)
    base_times, base_out = _per_transfer(baseline.decide, transfers, repeats)
    asp_times, asp_out = _per_transfer(asp.decide, transfers, repeats)
    bulk: list[float] = []
    bulk_out: list[str] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        bulk_out = asp.decide_all(transfers)
        bulk.append((time.perf_counter() - t0) / max(1, len(transfers)))
    n = max(1, len(transfers))

    def agree(other: Sequence[str]) -> float:
        return round(sum(a == b for a, b in zip(engine_outcomes, other, strict=True)) / n, 4)

    return {
        "transfers": len(transfers),
        "repeats": repeats,
        "baseline": summary(base_times),
        "clingo_per_transfer": summary(asp_times),
        "clingo_bulk_mean_ms": round(statistics.median(bulk) * 1000, 3),
        "agreement_baseline": agree(base_out),
        "agreement_clingo": agree(asp_out),
        "agreement_clingo_bulk": agree(bulk_out),
        "disagreements": [
            {"id": t.get("id"), "engine": e, "baseline": b, "clingo": c}
            for t, e, b, c in zip(transfers, engine_outcomes, base_out, asp_out, strict=True)
            if not e == b == c
        ][:10],
    }
