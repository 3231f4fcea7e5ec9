"""Values, terms and atoms under a binding: the arithmetic and comparison of the rule language.

Values are strings or integers. Arithmetic is on integers only (``rules/README.md``): ``+``,
``-``, ``*``, ``/`` (truncating toward zero) and ``%`` (the sign of the dividend, as in Soufflé);
anything else is an :class:`EvaluationError`. Values of different types are only ever unequal.

>>> from dualuse.engine.datalog.syntax import BinOp, Const, Var
>>> eval_term(BinOp(op="/", left=Const(value=-7), right=Var(name="X")), {"X": 2})
-3
>>> compare("<", "a", 1)
False
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping

from dualuse.engine.datalog.syntax import Atom, Const, Term, Value, Var
from dualuse.engine.errors import DualuseError

Row = tuple[Value, ...]
"""The arguments of one fact."""
Fact = tuple[str, Row]
"""A predicate and its arguments."""
Binding = dict[str, Value]
"""Variable name -> value."""


class EvaluationError(DualuseError):
    """Arithmetic or comparison on values of the wrong type, or division by zero."""

    code = "evaluation_error"


def _divide(left: int, right: int) -> int:
    quotient = abs(left) // abs(right)
    return quotient if (left >= 0) == (right >= 0) else -quotient


def _remainder(left: int, right: int) -> int:
    remainder = abs(left) % abs(right)  # C semantics, as in Soufflé: the sign of the dividend
    return remainder if left >= 0 else -remainder


_ARITHMETIC: dict[str, Callable[[int, int], int]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _divide,
    "%": _remainder,
}


def eval_term(term: Term, binding: Mapping[str, Value]) -> Value:
    """Evaluate a term under a binding with integer arithmetic (division truncates to zero).

    Raises:
        EvaluationError: arithmetic on a string, or division by zero.
        KeyError: a variable of the term is not bound.
    """
    if isinstance(term, Const):
        return term.value
    if isinstance(term, Var):
        return binding[term.name]
    left, right = eval_term(term.left, binding), eval_term(term.right, binding)
    if not (isinstance(left, int) and isinstance(right, int)):
        raise EvaluationError(f"arithmetic {term.op} needs integers, got {left!r} and {right!r}")
    if right == 0 and term.op in ("/", "%"):
        raise EvaluationError(f"division by zero in {term.text()}")
    return _ARITHMETIC[term.op](left, right)


def compare(op: str, left: Value, right: Value) -> bool:
    """Compare two values; values of different types are only ever unequal."""
    if op == "=":
        return left == right and type(left) is type(right)
    if op == "!=":
        return not (left == right and type(left) is type(right))
    if isinstance(left, int) and isinstance(right, int):
        pair: tuple[int, int] | tuple[str, str] = (left, right)
    elif isinstance(left, str) and isinstance(right, str):
        pair = (left, right)
    else:
        return False
    if op == "<":
        return pair[0] < pair[1]  # type: ignore[operator]
    if op == "<=":
        return pair[0] <= pair[1]  # type: ignore[operator]
    if op == ">":
        return pair[0] > pair[1]  # type: ignore[operator]
    return pair[0] >= pair[1]  # type: ignore[operator]


def candidates(atom: Atom, rows: Iterable[Row], binding: Mapping[str, Value]) -> Iterable[Row]:
    """The rows that can match ``atom`` under ``binding`` (one lookup when it is ground)."""
    if all(not isinstance(a, Var) or a.name != "_" for a in atom.args):
        try:
            row = tuple(eval_term(a, binding) for a in atom.args)
        except KeyError:
            return rows
        return (row,) if row in rows else ()
    return rows


def matches(
    atom: Atom, row: Row, binding: Mapping[str, Value], local: dict[str, Value] | None = None
) -> bool:
    """True when ``row`` matches ``atom`` under ``binding``; new variables go into ``local``."""
    if len(row) != len(atom.args):
        return False
    if local is None:
        local = {}
    for arg, value in zip(atom.args, row, strict=True):
        if isinstance(arg, Var):
            if arg.name == "_":
                continue
            known = local.get(arg.name, binding.get(arg.name))
            if known is None:
                local[arg.name] = value
            elif not compare("=", known, value):
                return False
        elif not compare("=", eval_term(arg, binding), value):
            return False
    return True
