"""The peer suite's large programs, LUBM and hmmer, evaluated by dualuse and by clingo in one run.

Each program is read from the ``datalog-conformance`` package's bundled cases; its facts and
rules are evaluated by the set-at-a-time evaluator (what the conformance adapter uses for large
programs), by the tuple-at-a-time evaluator when asked (``--tuple``; LUBM only takes about a
minute, hmmer does not finish in ten), and by clingo (the same rules written as an answer-set
program: ground and solve, one model). Every result is checked against the case's expected
relations. Wall time and CPU time are reported: Polars uses both cores, clingo one.

``python -m bench.peers [--tuple] [--out FILE]``; progress to stderr, a Markdown table to stdout.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import datalog_conformance
import yaml
from dualuse.engine.datalog.columnar import evaluate_columnar
from dualuse.engine.datalog.conformance import compile_case
from dualuse.engine.datalog.evaluator import evaluate
from dualuse.engine.datalog.syntax import Atom, Comparison, Const, Var

PROGRAMS = ("souffle_example_lubm", "souffle_example_hmmer")


def load(name: str) -> tuple[Any, dict[str, set[tuple[Any, ...]]]]:
    """A bundled program and the union of its cases' expected relations."""
    from datalog_conformance.plugin import _load_multi_case_file

    path = Path(datalog_conformance.__file__).parent / "_tests" / "recursion" / f"{name}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader
    cases = _load_multi_case_file(raw, path)
    expect: dict[str, set[tuple[Any, ...]]] = {}
    for case in cases:
        for pred, rows in case.expect.items():
            expect[pred] = {tuple(r) for r in rows}
    return cases[0].program, expect


def _asp_term(term: Any) -> str:
    if isinstance(term, Var):
        return "_" if term.name == "_" else f"V{term.name}"
    if isinstance(term, Const):
        return json.dumps(term.value) if isinstance(term.value, str) else str(term.value)
    raise ValueError("arithmetic is not translated")


def _asp_atom(atom: Atom) -> str:
    text = f"p_{atom.pred}({', '.join(_asp_term(a) for a in atom.args)})"
    return f"not {text}" if atom.negated else text


def asp_text(program: Any) -> str:
    """The program's facts and rules as clingo reads them (predicates prefixed, variables V...)."""
    compiled, edb = compile_case(program)
    lines = []
    for pred, rows in edb.items():
        for row in rows:
            args = ", ".join(json.dumps(v) if isinstance(v, str) else str(v) for v in row)
            lines.append(f"p_{pred}({args}).")
    for rule in compiled.rules:
        body = []
        for lit in rule.clause.body:
            if isinstance(lit, Atom):
                body.append(_asp_atom(lit))
            elif isinstance(lit, Comparison):
                body.append(f"{_asp_term(lit.left)} {lit.op} {_asp_term(lit.right)}")
        lines.append(f"{_asp_atom(rule.clause.head)} :- {', '.join(body)}.")
    return "\n".join(lines)


def run_clingo(program: Any, preds: Sequence[str]) -> dict[str, set[tuple[Any, ...]]]:
    """Ground and solve with clingo; the expected relations of its one model."""
    import clingo

    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], asp_text(program))
    ctl.ground([("base", [])])
    out: dict[str, set[tuple[Any, ...]]] = {p: set() for p in preds}
    wanted = {f"p_{p}": p for p in preds}

    def on_model(model: Any) -> None:
        for sym in model.symbols(atoms=True):
            pred = wanted.get(sym.name)
            if pred is not None:
                out[pred].add(
                    tuple(
                        a.string if a.type == clingo.SymbolType.String else a.number
                        for a in sym.arguments
                    )
                )

    ctl.solve(on_model=on_model)
    return out


def _timed(fn: Callable[[], dict[str, set[tuple[Any, ...]]]]) -> tuple[dict[str, Any], Any]:
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}, result


def measure(name: str, *, tuple_evaluator: bool, log: Callable[[str], None]) -> dict[str, Any]:
    """Time each evaluator on one program and check it against the expected relations."""
    program, expect = load(name)
    facts = sum(len(v) for v in program.facts.values())
    row: dict[str, Any] = {"program": name, "facts": facts, "rules": len(program.rules)}
    runs: list[tuple[str, Callable[[], dict[str, set[tuple[Any, ...]]]]]] = [
        ("columnar", lambda: evaluate_columnar(*compile_case(program))),
        ("clingo", lambda: run_clingo(program, list(expect))),
    ]
    if tuple_evaluator:
        runs.append(("tuple", lambda: evaluate(*compile_case(program), provenance=False).facts))
    for label, fn in runs:
        log(f"{name}: {label} ...")
        timing, result = _timed(fn)
        timing["correct"] = all(result.get(p, set()) == rows for p, rows in expect.items())
        row[label] = timing
        log(f"{name}: {label} {timing}")
    return row


def table(rows: Sequence[dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| program | facts | rules | dualuse columnar wall (CPU) | clingo wall (CPU) "
        "| dualuse tuple-at-a-time wall | columnar / clingo (wall) | all correct |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        col, asp, tup = r["columnar"], r["clingo"], r.get("tuple")
        tuple_wall = f"{tup['wall_s']} s" if tup else "not run"
        correct = all(r[k]["correct"] for k in ("columnar", "clingo", "tuple") if k in r)
        lines.append(
            f"| `{r['program']}` | {r['facts']:,} | {r['rules']} "
            f"| {col['wall_s']} s ({col['cpu_s']} s) | {asp['wall_s']} s ({asp['cpu_s']} s) "
            f"| {tuple_wall} "
            f"| {col['wall_s'] / asp['wall_s']:.2f}× | {'yes' if correct else 'NO'} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: measure both programs and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.peers", description=__doc__)
    parser.add_argument("--tuple", action="store_true", help="also run the tuple evaluator")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    parser.add_argument("--only", choices=PROGRAMS, default=None)
    args = parser.parse_args(argv)
    rows = [
        measure(
            name,
            tuple_evaluator=args.tuple and name.endswith("lubm"),
            log=lambda m: print(m, file=sys.stderr),
        )
        for name in PROGRAMS
        if args.only in (None, name)
    ]
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()
