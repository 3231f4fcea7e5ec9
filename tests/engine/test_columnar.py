"""The set-at-a-time evaluator derives exactly what the tuple-at-a-time one does.

Every core case of the peer suite small enough to evaluate both ways in a test (the files under
100 KB; LUBM and hmmer run through ``test_conformance.py``) is evaluated by both evaluators, and
every relation must come out the same; programs the columnar evaluator does not run must say so
with :class:`Unsupported`, never give another answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import datalog_conformance
import pytest
from datalog_conformance.plugin import discover_yaml_tests
from dualuse.engine.datalog.columnar import Unsupported, evaluate_columnar
from dualuse.engine.datalog.conformance import compile_case
from dualuse.engine.datalog.evaluator import evaluate
from dualuse.engine.datalog.parser import parse_text
from dualuse.engine.datalog.planning import CompiledProgram
from dualuse.engine.errors import DualuseError

SUITE = Path(datalog_conformance.__file__).parent / "_tests"


def _small_cases(tmp: Path) -> list[Any]:
    for path in SUITE.rglob("*.yaml"):
        if "defeasible" not in path.parts and path.stat().st_size < 100_000:
            (tmp / f"{path.parent.name}_{path.name}").symlink_to(path)
    return [case for _, case in discover_yaml_tests(tmp) if case.program is not None]


def test_columnar_agrees_with_the_evaluator_on_every_small_core_case(tmp_path: Path) -> None:
    cases = _small_cases(tmp_path)
    compared = unsupported = 0
    seen: set[str] = set()
    for case in cases:
        key = repr((sorted(case.program.facts.items()), case.program.rules))
        if key in seen:
            continue
        seen.add(key)
        try:
            compiled, edb = compile_case(case.program)
        except DualuseError:
            continue  # an error case: neither evaluator runs it
        want = evaluate(compiled, edb, provenance=False).facts
        try:
            got = evaluate_columnar(compiled, edb)
        except Unsupported:
            unsupported += 1
            continue
        for pred in set(want) | set(got):
            assert got.get(pred, set()) == want.get(pred, set()), (case.name, pred)
        compared += 1
    assert compared >= 20, (compared, unsupported)


def _run(text: str, edb: dict[str, set[tuple[Any, ...]]]) -> dict[str, set[tuple[Any, ...]]]:
    return evaluate_columnar(CompiledProgram(parse_text(text)), edb)


def test_negation_comparison_constants_and_repeated_variables() -> None:
    text = """
        reach(X, Y) :- edge(X, Y).
        reach(X, Z) :- reach(X, Y), edge(Y, Z).
        loop(X) :- reach(X, X).
        open(X) :- node(X), not loop(X).
        other(X, Y) :- reach(X, Y), X != Y.
        fromA(Y) :- reach("a", Y).
    """
    edb: dict[str, set[tuple[Any, ...]]] = {
        "edge": {("a", "b"), ("b", "a"), ("b", "c")},
        "node": {("a",), ("c",), ("d",)},
    }
    got = _run(text, edb)
    assert got["loop"] == {("a",), ("b",)}
    assert got["open"] == {("c",), ("d",)}
    assert got["other"] == {("a", "b"), ("b", "a"), ("a", "c"), ("b", "c")}
    assert got["fromA"] == {("a",), ("b",), ("c",)}


def test_integers_keep_their_order() -> None:
    got = _run("big(X) :- n(X), X > 2.", {"n": {(1,), (3,), (5,)}})
    assert got["big"] == {(3,), (5,)}


@pytest.mark.parametrize(
    ("text", "edb"),
    [
        ("p(X) :- n(X), q(Y), Y = X + 1.", {"n": {(1,)}, "q": {(2,)}}),
        ("p(X) :- n(X).", {"n": {(1,), ("a",)}}),
        ("p(X) :- n(X), flag.", {"n": {(1,)}, "flag": {()}}),
    ],
    ids=["arithmetic", "mixed types", "no arguments"],
)
def test_what_it_does_not_run_it_says(text: str, edb: dict[str, set[tuple[Any, ...]]]) -> None:
    with pytest.raises(Unsupported):
        _run(text, edb)
