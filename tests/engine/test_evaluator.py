"""Bottom-up evaluation: joins, recursion, negation, arithmetic and provenance."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pytest
from dualuse.engine.datalog.checks import ensure_valid
from dualuse.engine.datalog.evaluator import (
    JOINS,
    CompiledProgram,
    Evaluation,
    EvaluationError,
    Row,
    evaluate,
)
from dualuse.engine.datalog.parser import parse_text

JOIN = {"strategy": "indexed"}


@pytest.fixture(autouse=True, params=JOINS)
def join_strategy(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test here runs with the engine's hash-indexed joins and with pyDatalog's."""
    JOIN["strategy"] = request.param
    yield
    JOIN["strategy"] = "indexed"


def run(text: str, edb: Mapping[str, Iterable[Row]]) -> Evaluation:
    program = parse_text(text)
    ensure_valid(program)
    return evaluate(CompiledProgram(program), edb, joins=JOIN["strategy"])


def rows(result: Evaluation, pred: str) -> set[Row]:
    return set(result.facts.get(pred, set()))


# -- joins ----------------------------------------------------------------------------------------

FAMILY: dict[str, set[Row]] = {
    "parent": {("ann", "bob"), ("bob", "cid"), ("bob", "dee"), ("cid", "eve")},
    "female": {("ann",), ("dee",), ("eve",)},
}


def test_a_two_way_join() -> None:
    result = run("grand(X, Z) :- parent(X, Y), parent(Y, Z).", FAMILY)
    assert rows(result, "grand") == {("ann", "cid"), ("ann", "dee"), ("bob", "eve")}


def test_a_three_way_join_with_a_constant() -> None:
    result = run('granddaughter_of_ann(Z) :- parent("ann", Y), parent(Y, Z), female(Z).', FAMILY)
    assert rows(result, "granddaughter_of_ann") == {("dee",)}


def test_a_repeated_variable_in_one_atom_is_an_equality() -> None:
    result = run("loop(X) :- e(X, X).", {"e": {(1, 1), (1, 2), (3, 3)}})
    assert rows(result, "loop") == {(1,), (3,)}


def test_anonymous_variables_are_independent() -> None:
    result = run("has_child(X) :- parent(X, _), parent(_, X).", FAMILY)
    assert rows(result, "has_child") == {("bob",), ("cid",)}


def test_strings_and_integers_never_join() -> None:
    result = run("p(X, Z) :- e(X, Y), f(Y, Z).", {"e": {(1, 2), (5, "2")}, "f": {("2", 3), (2, 4)}})
    assert rows(result, "p") == {(1, 4), (5, 3)}


def test_an_empty_relation_joins_to_nothing() -> None:
    result = run("p(X) :- e(X), f(X).", {"e": {(1,)}, "f": set()})
    assert rows(result, "p") == set()


# -- recursion ------------------------------------------------------------------------------------

CYCLE: dict[str, set[Row]] = {"edge": {(1, 2), (2, 3), (3, 1), (3, 4)}}
CLOSURE = {(a, b) for a in (1, 2, 3) for b in (1, 2, 3, 4)}


def test_left_recursion_over_a_cycle_terminates_with_the_closure() -> None:
    result = run("path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).", CYCLE)
    assert rows(result, "path") == CLOSURE


def test_right_recursion_over_a_cycle_terminates_with_the_closure() -> None:
    result = run("path(X, Y) :- edge(X, Y).\npath(X, Y) :- edge(X, Z), path(Z, Y).", CYCLE)
    assert rows(result, "path") == CLOSURE


def test_mutual_recursion_over_a_cycle() -> None:
    text = "even(X) :- start(X).\nodd(Y) :- even(X), edge(X, Y).\neven(Y) :- odd(X), edge(X, Y)."
    # From 1 around the 3-cycle, every node is reached at both parities; 4 only at even distances
    # 3 (odd) and 6 (even), so both as well.
    result = run(text, {**CYCLE, "start": {(1,)}})
    assert rows(result, "even") == {(1,), (2,), (3,), (4,)}
    assert rows(result, "odd") == {(1,), (2,), (3,), (4,)}


def test_recursion_in_an_even_cycle_keeps_parities_apart() -> None:
    text = "even(X) :- start(X).\nodd(Y) :- even(X), edge(X, Y).\neven(Y) :- odd(X), edge(X, Y)."
    result = run(text, {"edge": {(1, 2), (2, 1)}, "start": {(1,)}})
    assert rows(result, "even") == {(1,)}
    assert rows(result, "odd") == {(2,)}


# -- negation -------------------------------------------------------------------------------------


def test_stratified_negation_reads_the_completed_lower_stratum() -> None:
    text = (
        "reach(X) :- start(X).\nreach(Y) :- reach(X), edge(X, Y).\n"
        "unreached(X) :- node(X), not reach(X)."
    )
    edb: dict[str, set[Row]] = {**CYCLE, "start": {(4,)}, "node": {(1,), (2,), (3,), (4,), (5,)}}
    result = run(text, edb)
    assert rows(result, "reach") == {(4,)}
    assert rows(result, "unreached") == {(1,), (2,), (3,), (5,)}
    result = run(text, {**edb, "start": {(1,)}})
    assert rows(result, "unreached") == {(5,)}


def test_negation_with_an_anonymous_variable_means_no_row_at_all() -> None:
    result = run("lonely(X) :- node(X), not edge(X, _).", {**CYCLE, "node": {(1,), (4,)}})
    assert rows(result, "lonely") == {(4,)}


def test_a_negation_with_constants_and_anonymous_places_compares_only_its_bound_places() -> None:
    text = (
        "free(X) :- slot(X), not booked(X, 1, _).\n"
        "unbooked(X) :- slot(X), not booked(_, _, _).\n"
        "late(X) :- slot(X), not booked(_, _, X)."
    )
    booked: set[Row] = {("a", 1, "x"), ("b", "1", "y"), ("c", 2, "z"), ("x", 1, "a")}
    result = run(text, {"slot": {("a",), ("b",), ("c",)}, "booked": booked})
    assert rows(result, "free") == {("b",), ("c",)}  # the string "1" is not the number 1
    assert rows(result, "unbooked") == set()
    assert rows(result, "late") == {("b",), ("c",)}


def test_negation_of_a_zero_arity_fact() -> None:
    text = "banned :- ban(_).\nallowed(X) :- item(X), not banned."
    assert rows(run(text, {"item": {("a",)}, "ban": set()}), "allowed") == {("a",)}
    assert rows(run(text, {"item": {("a",)}, "ban": {("x",)}}), "allowed") == set()


# -- arithmetic -----------------------------------------------------------------------------------


def test_arithmetic_in_heads() -> None:
    text = "r(A + B, A - B, A * B, A / B) :- pair(A, B)."
    result = run(text, {"pair": {(7, 2), (-7, 2), (7, -2), (6, 3)}})
    # Integer division truncates toward zero (the evaluator's documented rule).
    assert rows(result, "r") == {(9, 5, 14, 3), (-5, -9, -14, -3), (5, 9, -14, -3), (9, 3, 18, 2)}


def test_remainder_follows_truncated_division() -> None:
    result = run("r(A % B) :- pair(A, B).", {"pair": {(7, 2), (-7, 2), (9, 3)}})
    assert rows(result, "r") == {(1,), (-1,), (0,)}


def test_money_stays_exact_integers() -> None:
    result = run("fine(N * 10, N * 5) :- turnover(N).", {"turnover": {(123456789123,)}})
    assert rows(result, "fine") == {(1234567891230, 617283945615)}
    ((high, low),) = rows(result, "fine")
    assert type(high) is int and type(low) is int


def test_money_beyond_float_precision_stays_exact() -> None:
    n = 9_007_199_254_740_993  # 2**53 + 1: a float would round it
    result = run("r(N * 10 + 1, N / 3) :- turnover(N).", {"turnover": {(n,)}})
    assert rows(result, "r") == {(90_071_992_547_409_931, 3_002_399_751_580_331)}


def test_remainder_of_a_large_integer_is_exact() -> None:
    n = 10**18 + 3
    result = run("r(N % 7) :- turnover(N).", {"turnover": {(n,)}})
    assert rows(result, "r") == {(4,)}  # 10**18 = 7 * 142857142857142857 + 1


def test_arithmetic_in_a_comparison_and_a_binding() -> None:
    text = (
        "tier(P, N * 5) :- turnover(P, N), N >= 500000.\n"
        "low(P, F) :- turnover(P, N), N < 500000, F = 500000."
    )
    result = run(text, {"turnover": {("a", 499999), ("b", 500000), ("c", 800000)}})
    assert rows(result, "tier") == {("b", 2500000), ("c", 4000000)}
    assert rows(result, "low") == {("a", 500000)}


def test_division_by_zero_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError) as raised:
        run("r(A / B) :- pair(A, B).", {"pair": {(1, 0)}})
    assert raised.value.code == "evaluation_error"


def test_arithmetic_on_a_string_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError):
        run("r(A * 2) :- name(A).", {"name": {("x",)}})


def test_comparisons_between_types_are_only_unequal() -> None:
    text = (
        "eq(X) :- v(X), X = 1.\nne(X) :- v(X), X != 1.\n"
        'gt(X) :- v(X), X > 0.\nlt(X) :- v(X), X < "b".'
    )
    result = run(text, {"v": {(1,), ("1",), ("a",)}})
    assert rows(result, "eq") == {(1,)}
    assert rows(result, "ne") == {("1",), ("a",)}
    assert rows(result, "gt") == {(1,)}
    assert rows(result, "lt") == {("1",), ("a",)}


# -- provenance -----------------------------------------------------------------------------------

TWO_WAYS = """
a(X) :- b(X).
a(X) :- c(X).
c(X) :- d(X).
b(X) :- e(X).
d(X) :- e(X).
"""


def test_a_fact_derived_two_ways_records_both_rules_with_their_heights() -> None:
    result = run(TWO_WAYS, {"e": {(1,)}})
    ways = result.provenance[("a", (1,))]
    assert set(ways) == {0, 1}  # the clause index of each rule
    assert ways[0].height == 2  # e (input, 0) -> b (1) -> a
    assert ways[1].height == 3  # e -> d (1) -> c (2) -> a
    assert ways[0].binding == {"X": 1} and ways[1].binding == {"X": 1}
    assert result.height(("a", (1,))) == 2
    assert result.height(("e", (1,))) == 0


def test_one_rule_keeps_its_lowest_derivation() -> None:
    text = (
        "a(X) :- b(X, Y).\nb(X, Y) :- e(X, Y).\nb(X, Y) :- c(X, Y).\n"
        "c(X, Y) :- d(X, Y).\nd(X, Y) :- f(X, Y)."
    )
    # b(1, "low") has height 1; each b(1, "highN") has height 3 (f -> d -> c -> b).
    edb = {"e": {(1, "low")}, "f": {(1, f"high{i}") for i in range(12)}}
    result = run(text, edb)
    (way,) = result.provenance[("a", (1,))].values()
    assert way.height == 2
    assert way.binding == {"X": 1, "Y": "low"}


def test_recursive_derivations_keep_the_shortest_path() -> None:
    text = "path(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y)."
    result = run(text, {"edge": {(1, 2), (2, 3), (3, 4), (1, 4)}})
    ways = result.provenance[("path", (1, 4))]
    assert ways[0].height == 1  # the direct edge
    assert ways[1].height == 3  # 1 -> 2 -> 3 -> 4: path(1, 3) has height 2
    assert ways[1].binding == {"X": 1, "Z": 3, "Y": 4}
    assert result.height(("path", (1, 4))) == 1


def test_heights_count_atoms_with_anonymous_variables() -> None:
    text = "p(X) :- q(X, _).\nq(X, Y) :- r(X, Y).\nr(X, Y) :- s(X, Y)."
    result = run(text, {"s": {(1, "a")}})
    assert result.height(("q", (1, "a"))) == 2
    assert result.height(("p", (1,))) == 3


def test_without_provenance_nothing_is_recorded() -> None:
    program = parse_text(TWO_WAYS)
    result = evaluate(CompiledProgram(program), {"e": {(1,)}}, provenance=False)
    assert result.holds("a", (1,))
    assert result.provenance == {}


def test_facts_stated_in_the_program_are_facts() -> None:
    result = run('form("gift").\nexport(K) :- kind(K), form(K).', {"kind": {("gift",), ("loan",)}})
    assert rows(result, "export") == {("gift",)}
