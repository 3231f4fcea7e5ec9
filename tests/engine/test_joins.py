"""Hash-indexed joins, and incremental re-evaluation, against pyDatalog and full evaluation.

The engine joins rule bodies on its own hash indexes and re-evaluates variants of a transfer only
where they differ. Both are optimisations, so both are checked against the slow, plain way on the
evaluations real decisions make: every evaluation is repeated with pyDatalog doing the joins and
from scratch, and the facts and the recorded derivations must be the same.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from dualuse.engine import Engine
from dualuse.engine.datalog import threevalued
from dualuse.engine.datalog.evaluator import Derivation, Evaluation, evaluate
from dualuse.engine.datalog.joins import Indexes, indexed_join
from dualuse.engine.datalog.syntax import Atom, Const, Value, Var

# -- the join itself -------------------------------------------------------------------------------


def atom(pred: str, *args: str | int) -> Atom:
    """``X``-style capitalised strings are variables, ``_`` is anonymous, the rest constants."""
    terms = [
        Var(name=a) if isinstance(a, str) and (a[:1].isupper() or a == "_") else Const(value=a)
        for a in args
    ]
    return Atom(pred=pred, args=tuple(terms))


def solve(atoms: list[Atom], facts: dict[str, set[tuple[Value, ...]]]) -> list[dict[str, Value]]:
    found = indexed_join(atoms, [a.pred for a in atoms], Indexes(facts), None, {})
    return sorted(found, key=lambda b: sorted(map(repr, b.items())))


EDGES: dict[str, set[tuple[Value, ...]]] = {
    "e": {("a", "b"), ("b", "c"), ("c", "a"), ("c", "c")},
    "label": {("a", 1), ("b", 2), ("c", "2")},
}


def test_a_chain_binds_every_variable() -> None:
    assert solve([atom("e", "X", "Y"), atom("e", "Y", "Z")], EDGES) == [
        {"X": "a", "Y": "b", "Z": "c"},
        {"X": "b", "Y": "c", "Z": "a"},
        {"X": "b", "Y": "c", "Z": "c"},
        {"X": "c", "Y": "a", "Z": "b"},
        {"X": "c", "Y": "c", "Z": "a"},
        {"X": "c", "Y": "c", "Z": "c"},
    ]


def test_a_repeated_variable_within_an_atom_must_repeat_its_value() -> None:
    assert solve([atom("e", "X", "X")], EDGES) == [{"X": "c"}]


def test_constants_select_rows_and_anonymous_variables_bind_nothing() -> None:
    assert solve([atom("e", "_", "c"), atom("e", "c", "_")], EDGES) == [{}]
    assert solve([atom("e", "X", "c"), atom("label", "X", 2)], EDGES) == [{"X": "b"}]


def test_an_integer_never_joins_its_string_spelling() -> None:
    assert solve([atom("label", "X", 2)], EDGES) == [{"X": "b"}]
    assert solve([atom("label", "X", "2")], EDGES) == [{"X": "c"}]


def test_an_empty_relation_anywhere_gives_no_solution() -> None:
    assert solve([atom("e", "X", "Y"), atom("missing", "Y")], EDGES) == []


def test_the_answer_does_not_depend_on_the_order_of_the_atoms() -> None:
    atoms = [atom("e", "X", "Y"), atom("label", "Y", "N"), atom("e", "Y", "Z")]
    expected = solve(atoms, EDGES)
    assert expected  # the case has solutions to compare
    for order in itertools.permutations(atoms):
        assert solve(list(order), EDGES) == expected


def test_indexes_follow_facts_added_after_they_were_built() -> None:
    facts: dict[str, set[tuple[Value, ...]]] = {"e": {("a", "b")}}
    indexes = Indexes(facts)
    assert list(indexes.rows("e", (0,), ("a",))) == [("a", "b")]
    facts["e"].add(("a", "c"))
    indexes.added("e", ("a", "c"))
    assert sorted(indexes.rows("e", (0,), ("a",))) == [("a", "b"), ("a", "c")]


def test_a_lent_index_is_never_written_to() -> None:
    table = {"t": {("a", 1)}}
    lender = Indexes(table)
    assert list(lender.rows("t", (0,), ("a",))) == [("a", 1)]
    mine = {"t": {("a", 1)}}
    borrower = Indexes(mine, lender, {"t": "t"})
    mine["t"].add(("a", 2))
    borrower.added("t", ("a", 2))
    assert sorted(borrower.rows("t", (0,), ("a",))) == [("a", 1), ("a", 2)]
    assert list(lender.rows("t", (0,), ("a",))) == [("a", 1)]


# -- against pyDatalog and against full evaluation, on real decisions -----------------------------


def transfers(base: dict[str, Any], jmsdf: dict[str, str]) -> Iterator[dict[str, Any]]:
    """All-known and partly unknown transfers across the ban's prongs and the penalty rules."""
    parties: list[dict[str, Any]] = [
        {"name": "Toyota Motor", "country": "JP"},
        jmsdf,
        {"name": "IHI Aerospace"},
        {"name": "Busan Machinery", "country": "KR"},
    ]
    items: list[dict[str, Any]] = [
        {"description": "dysprosium oxide", "kind": "goods"},
        {"description": "industrial widget", "kind": "goods", "listed": False},
        {"description": "gallium", "kind": "goods"},
    ]
    uses: list[dict[str, Any]] = [
        {"military": False, "helps_military_strength": False},
        {"military": True, "helps_military_strength": False},
        {"military": None, "helps_military_strength": None},
    ]
    for number, (party, item, use) in enumerate(itertools.product(parties, items, uses)):
        yield {
            **base,
            "id": f"t{number}",
            "item": item,
            "consignee": party,
            "end_user": party,
            "end_use": use,
            "destination": party.get("country", "JP"),
            "route": [party.get("country", "JP")],
        }
    yield {**base, "id": "unknown-kind", "transfer": None, "end_user": jmsdf}
    yield {
        **base,
        "id": "re-export",
        "transfer": "re-export",
        "exporter": {"name": "Lion City Trading", "country": "SG"},
        "route": ["SG", "JP"],
        "consignee": jmsdf,
        "end_user": jmsdf,
        "turnover_cny": 3_000_000,
    }


def derivations(
    evaluation: Evaluation, only: frozenset[str] | None = None
) -> dict[Any, dict[int, tuple[int, dict[str, Value]]]]:
    return {
        fact: {i: (d.height, d.binding) for i, d in ways.items()}
        for fact, ways in evaluation.provenance.items()
        if ways and (only is None or fact[0] in only)
    }


def facts(evaluation: Evaluation, only: frozenset[str] | None = None) -> dict[str, set[Any]]:
    return {
        pred: set(rows)
        for pred, rows in evaluation.facts.items()
        if rows and (only is None or pred in only)
    }


@pytest.fixture(scope="module")
def ledger(samples: dict[str, dict[str, Any]], parties: dict[str, dict[str, str]]) -> list[Any]:
    return list(transfers(samples["civilian"], parties["jmsdf"]))


Check = Callable[[Evaluation, Evaluation], None]


def decide_all_checking(
    engine: Engine, ledger: list[Any], monkeypatch: pytest.MonkeyPatch, again: Any
) -> int:
    """Decide every transfer; each evaluation is repeated by ``again`` and must agree."""
    checked = 0

    def checking(*args: Any, **kwargs: Any) -> Evaluation:
        nonlocal checked
        first = evaluate(*args, **kwargs)
        second = again(*args, **kwargs)
        goals = kwargs.get("goals")
        # A partial evaluation (goals) is right for the relations its goals need, no others.
        needed = None if goals is None else args[0].upstream(goals)
        assert facts(first, needed) == facts(second, needed)
        if kwargs.get("provenance", True):
            assert derivations(first, needed) == derivations(second, needed)
        checked += 1
        return first

    monkeypatch.setattr(threevalued, "evaluate", checking)
    for transfer in ledger:
        engine.decide(transfer).model_dump_json()  # every deferred part too: what would change
    return checked


def test_indexed_joins_give_pydatalog_facts_and_derivations(
    engine: Engine, ledger: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def with_pydatalog(*args: Any, **kwargs: Any) -> Evaluation:
        return evaluate(*args, **{**kwargs, "joins": "pydatalog"})

    assert decide_all_checking(engine, ledger, monkeypatch, with_pydatalog) > 100


def test_incremental_re_evaluation_gives_what_full_evaluation_gives(
    engine: Engine, ledger: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    incremental = 0

    def from_scratch(*args: Any, **kwargs: Any) -> Evaluation:
        nonlocal incremental
        incremental += kwargs.get("base") is not None
        return evaluate(*args, **{**kwargs, "base": None})

    decide_all_checking(engine, ledger, monkeypatch, from_scratch)
    assert incremental > 100  # what-would-change and the questions re-use the first evaluation


def test_a_partial_evaluation_derives_its_goals_and_what_they_need_only() -> None:
    from dualuse.engine.datalog.evaluator import CompiledProgram
    from dualuse.engine.datalog.parser import parse_text

    program = CompiledProgram(
        parse_text(
            """
            banned(X) :- listed(X), not exempt(X).
            outcome("prohibited") :- item(X), banned(X).
            fine(X, 10) :- outcome("prohibited"), item(X).
            """
        )
    )
    edb: dict[str, set[tuple[Value, ...]]] = {"listed": {("a",)}, "item": {("a",)}}
    partial = evaluate(program, edb, goals=frozenset({"outcome"}))
    assert not partial.complete
    assert partial.facts["outcome"] == {("prohibited",)}
    assert "fine" not in partial.facts  # not needed for the outcome: never evaluated
    assert program.upstream(frozenset({"outcome"})) == {
        "outcome",
        "item",
        "banned",
        "listed",
        "exempt",
    }
    full = evaluate(program, edb)
    assert full.complete and full.facts["fine"] == {("a", 10)}


def test_an_incremental_evaluation_re_uses_what_did_not_change() -> None:
    from dualuse.engine.datalog.evaluator import CompiledProgram
    from dualuse.engine.datalog.parser import parse_text

    program = CompiledProgram(
        parse_text(
            """
            reach(X, Y) :- e(X, Y).
            reach(X, Z) :- reach(X, Y), e(Y, Z).
            flagged(X) :- mark(X).
            lonely(X) :- node(X), not reach(X, _).
            """
        )
    )
    edb: dict[str, set[tuple[Value, ...]]] = {
        "e": {("a", "b"), ("b", "c")},
        "node": {("a",), ("c",)},
        "mark": {("a",)},
    }
    base = evaluate(program, edb)
    changed = evaluate(program, {**edb, "mark": {("c",)}}, base=base)
    assert changed.facts["flagged"] == {("c",)}
    assert changed.facts["reach"] is base.facts["reach"]  # not evaluated again
    assert changed.provenance[("reach", ("a", "c"))] is base.provenance[("reach", ("a", "c"))]
    grown = evaluate(program, {**edb, "e": edb["e"] | {("c", "a")}}, base=base)
    full = evaluate(program, {**edb, "e": edb["e"] | {("c", "a")}})
    assert facts(grown) == facts(full)
    assert derivations(grown) == derivations(full)
    assert grown.facts.get("lonely", set()) == set()
    assert isinstance(next(iter(grown.provenance[("reach", ("c", "b"))].values())), Derivation)


def test_an_engine_on_pydatalog_joins_gives_the_same_decisions(
    engine: Engine, ledger: list[Any]
) -> None:
    reference = Engine(joins="pydatalog")
    for transfer in ledger[::3]:
        assert reference.decide(transfer).model_dump() == engine.decide(transfer).model_dump()


def test_an_unknown_join_strategy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown join strategy 'sql'"):
        Engine(joins="sql")


def test_an_incremental_evaluation_takes_new_input_facts_of_a_derived_relation() -> None:
    from dualuse.engine.datalog.evaluator import CompiledProgram
    from dualuse.engine.datalog.parser import parse_text

    program = CompiledProgram(parse_text("p(X) :- q(X). r(X) :- p(X)."))
    base = evaluate(program, {"q": {("a",)}, "p": {("b",)}})
    again = evaluate(program, {"q": {("a",)}, "p": {("b",), ("c",)}}, base=base)
    assert again.facts["p"] == {("a",), ("b",), ("c",)}
    assert again.facts["r"] == {("a",), ("b",), ("c",)}
