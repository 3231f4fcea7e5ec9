"""Engines and compiled programs keep their own state, across instances and across threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from dualuse.engine import Decision, Engine, RuleNode
from dualuse.engine.datalog.evaluator import CompiledProgram, Row, evaluate
from dualuse.engine.datalog.parser import parse_text

THREADED = [
    "jmsdf",
    "civilian",
    "gift",
    "bonded",
    "control_listed",
    "re_export",
    "military_use",
    "catch_all",
]
"""Eight different sample transfers, one per thread."""

Summary = tuple[str, list[str], list[str]]


def summary(decision: Decision) -> Summary:
    """Outcome, the grounds' rule ids and the liable parties' bases."""
    ids = [g.rule_id for g in decision.grounds if isinstance(g, RuleNode)]
    return decision.outcome, ids, sorted(f"{lia.party}:{lia.basis}" for lia in decision.liable)


def test_one_engine_shared_by_eight_threads_answers_as_it_does_alone(
    engine: Engine, samples: dict[str, dict[str, Any]]
) -> None:
    transfers = [samples[name] for name in THREADED]
    alone = [summary(engine.decide(t)) for t in transfers]
    # The transfers are different, so a mix-up between threads cannot go unnoticed.
    assert len({(o, tuple(ids)) for o, ids, _ in alone}) >= 6
    assert {o for o, _, _ in alone} == {
        "prohibited",
        "license_required",
        "not_controlled",
        "out_of_scope",
    }
    start = threading.Barrier(len(transfers))

    def decide(transfer: dict[str, Any]) -> Summary:
        start.wait(timeout=60)
        return summary(engine.decide(transfer))

    with ThreadPoolExecutor(max_workers=len(transfers)) as pool:
        together = list(pool.map(decide, transfers))
    assert together == alone


TINY_RULES = """
// One rule: every transfer is prohibited. Only for telling two engines apart.

@asks("What kind of transfer is it?")
@says("the transfer is of the kind {K}")
.input transfer_kind(K)

@cites(instrument="Test Instrument", article="1")
@in_force(from="2020-12-01")
.article "test.art1"

@id("tiny.everything_prohibited")
@article("test.art1")
@says("a transfer of the kind {K} is prohibited here")
outcome("prohibited") :- transfer_kind(K).
"""


def test_two_engines_in_one_process_keep_their_own_rules(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "tiny.dl").write_text(TINY_RULES, encoding="utf-8")
    tiny = Engine(tmp_path)
    bonded = {
        "date": "2026-03-02",
        "transfer": "bonded-zone",
        "destination": "CN",
        "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"},
    }
    assert tiny.rules_digest != engine.rules_digest
    results: dict[str, list[Summary]] = {"bundled": [], "tiny": []}
    start = threading.Barrier(2)

    def run(name: str, which: Engine) -> None:
        start.wait(timeout=60)
        for _ in range(2):
            results[name].append(summary(which.decide(bonded)))

    threads = [
        threading.Thread(target=run, args=("bundled", engine)),
        threading.Thread(target=run, args=("tiny", tiny)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results["bundled"] == [("out_of_scope", ["outcome.out_of_scope.bonded_zone"], [])] * 2
    assert results["tiny"] == [("prohibited", ["tiny.everything_prohibited"], [])] * 2


def test_two_compiled_programs_in_concurrent_threads_keep_their_own_facts() -> None:
    # Same predicate names, different rules and inputs: any shared state would leak answers.
    first = CompiledProgram(parse_text("p(X) :- e(X, Y), f(Y).\nq(X) :- p(X), not g(X)."))
    second = CompiledProgram(parse_text("p(X) :- e(Y, X), f(Y).\nq(X) :- p(X)."))
    cases: list[tuple[CompiledProgram, dict[str, set[Row]], set[Row]]] = [
        (first, {"e": {(1, 2), (3, 4)}, "f": {(2,), (4,)}, "g": {(3,)}}, {(1,)}),
        (second, {"e": {(1, 2), (3, 4)}, "f": {(1,)}}, {(2,)}),
        (first, {"e": {("a", "b")}, "f": {("b",)}}, {("a",)}),
        (second, {"e": {("a", "b"), ("c", "d")}, "f": {("a",), ("c",)}}, {("b",), ("d",)}),
    ]
    start = threading.Barrier(len(cases))

    def run(index: int) -> list[set[Row]]:
        program, edb, _ = cases[index]
        start.wait(timeout=60)
        return [set(evaluate(program, edb).facts.get("q", set())) for _ in range(25)]

    with ThreadPoolExecutor(max_workers=len(cases)) as pool:
        answers = list(pool.map(run, range(len(cases))))
    for (_, _, expected), got in zip(cases, answers, strict=True):
        assert got == [expected] * 25
