"""One table of term cases that the evaluator and the independent proof checker must both pass.

The checker keeps its own arithmetic so that a proof is re-checked by code that did not build it;
this table keeps the two readings of the rule language the same. The expected values are the
language's own (``rules/README.md``): strings and integers, arithmetic ``+ - * /`` on integers
only (``/`` truncating toward zero, ``%`` with the sign of the dividend, as in Soufflé), and values
of different types never equal. ``+`` on two strings is an error in both: the language has no
string concatenation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from dualuse.engine.datalog import terms
from dualuse.engine.datalog.parser import parse_clause
from dualuse.engine.datalog.syntax import Comparison, Term, Value
from dualuse.engine.explain import checkterms

ERROR = "error"
"""Expected instead of a value: the term is not defined for these values."""

ARITHMETIC: list[tuple[str, Value, Value, Value | str]] = [
    ("A + B", 2, 3, 5),
    ("A - B", 2, 3, -1),
    ("A * B", -4, 3, -12),
    ("A + 2 * B", 1, 3, 7),
    ("(A + 2) * B", 1, 3, 9),
    ("A - B - 1", 10, 3, 6),
    ("-A + B", 5, 1, -4),
    ("A / B", 7, 2, 3),
    ("A / B", -7, 2, -3),
    ("A / B", 7, -2, -3),
    ("A / B", -7, -2, 3),
    ("A % B", 7, 2, 1),
    ("A % B", -7, 2, -1),
    ("A % B", 7, -2, 1),
    ("A % B", -7, -2, -1),
    ("A * B / 10", 800_000, 5, 400_000),
    ("A / B", 1, 0, ERROR),
    ("A % B", 1, 0, ERROR),
    ("A + B", "dual", "use", ERROR),
    ("A + B", "a", 1, ERROR),
    ("A * B", "x", 2, ERROR),
    ("A - B", 1, "1", ERROR),
]

COMPARISONS: list[tuple[str, Value, Value, bool]] = [
    ("A = B", 1, 1, True),
    ("A = B", 1, "1", False),
    ("A != B", 1, "1", True),
    ("A != B", "JP", "CN", True),
    ("A < B", 499_999, 500_000, True),
    ("A >= B", 500_000, 500_000, True),
    ("A > B", "b", "a", True),
    ("A <= B", "b", "a", False),
    ("A < B", 1, "b", False),
    ("A >= B", "b", 1, False),
    ("A + 1 = B", 1, 2, True),
]


def _comparison(text: str) -> Comparison:
    clause = parse_clause(f"r(A, B) :- e(A, B), {text}.")
    found = clause.body[-1]
    assert isinstance(found, Comparison)
    return found


def _term(text: str) -> Term:
    return _comparison(f"V = {text}").right


Evaluate = Callable[[Term, Mapping[str, Value]], Value]
Compare = Callable[[str, Value, Value], bool]

EVALUATORS: dict[str, tuple[Evaluate, type[Exception], Compare]] = {
    "evaluator": (terms.eval_term, terms.EvaluationError, terms.compare),
    "checker": (checkterms.evaluate, checkterms.Undefined, checkterms.compare),
}


@pytest.mark.parametrize("reader", list(EVALUATORS))
@pytest.mark.parametrize(("text", "a", "b", "expected"), ARITHMETIC)
def test_arithmetic(reader: str, text: str, a: Value, b: Value, expected: Value | str) -> None:
    evaluate, error, _ = EVALUATORS[reader]
    term = _term(text)
    if expected == ERROR:
        with pytest.raises(error):
            evaluate(term, {"A": a, "B": b})
    else:
        value = evaluate(term, {"A": a, "B": b})
        assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("reader", list(EVALUATORS))
@pytest.mark.parametrize(("text", "a", "b", "expected"), COMPARISONS)
def test_comparisons(reader: str, text: str, a: Value, b: Value, expected: bool) -> None:
    evaluate, _, compare = EVALUATORS[reader]
    lit = _comparison(text)
    binding = {"A": a, "B": b}
    assert compare(lit.op, evaluate(lit.left, binding), evaluate(lit.right, binding)) is expected


def test_a_string_sum_is_refused_with_the_operator_named() -> None:
    with pytest.raises(terms.EvaluationError, match=r"arithmetic \+ needs integers"):
        terms.eval_term(_term("A + B"), {"A": "a", "B": "b"})
    with pytest.raises(checkterms.Undefined, match="needs integers"):
        checkterms.evaluate(_term("A + B"), {"A": "a", "B": "b"})


def test_an_unbound_variable_is_an_error_of_its_own_in_both() -> None:
    with pytest.raises(KeyError):
        terms.eval_term(_term("A + C"), {"A": 1})
    with pytest.raises(checkterms.Unbound):
        checkterms.evaluate(_term("A + C"), {"A": 1})
