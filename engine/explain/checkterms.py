"""The proof checker's own values and terms: rendering, equality, comparison and arithmetic.

The checker shares no code with the evaluator, so it keeps its own reading of the rule language
(``rules/README.md``): values are strings or integers, a string never equals an integer, and
arithmetic is on integers only (``+``, ``-``, ``*``, ``/`` truncating toward zero, ``%`` with the
sign of the dividend). A shared table of cases (``tests/engine/term_cases.py``) holds it and the
evaluator to the same answers.

>>> from dualuse.engine.datalog.syntax import BinOp, Const
>>> evaluate(BinOp(op="%", left=Const(value=-7), right=Const(value=2)), {})
-1
>>> atom_text("p", ("a", None))
'p("a", _)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from dualuse.engine.datalog.syntax import Atom, Const, Term, Value, Var

HI = "__hi"
"""The suffix of the possibly-true copy of a predicate in a three-valued evaluation."""

Row = tuple[Value, ...]
Pattern = tuple[Value | None, ...]
"""A row in which ``None`` stands for ``_`` (any value)."""

_Ordered = TypeVar("_Ordered", int, str)


class Unbound(Exception):
    """A variable has no value in the bindings."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not bound")
        self.name = name


class Undefined(Exception):
    """Arithmetic on values it is not defined for (a string, or a division by zero)."""


def render(value: Value) -> str:
    """A value as written in a rule file (strings quoted and escaped)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def atom_text(pred: str, row: Sequence[Value | None]) -> str:
    """``pred(args)``, with ``_`` for an argument that may be anything."""
    if not row:
        return pred
    return f"{pred}({', '.join('_' if v is None else render(v) for v in row)})"


def same(left: Value, right: Value) -> bool:
    """Equality of constants: a string is never equal to an integer."""
    return type(left) is type(right) and left == right


def compare(op: str, left: Value, right: Value) -> bool:
    """The rule language's comparison: values of different types are only ever unequal."""
    if op == "=":
        return same(left, right)
    if op == "!=":
        return not same(left, right)
    if isinstance(left, int) and isinstance(right, int):
        return _order(op, left, right)
    if isinstance(left, str) and isinstance(right, str):
        return _order(op, left, right)
    return False


def _order(op: str, left: _Ordered, right: _Ordered) -> bool:
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


def evaluate(term: Term, binding: Mapping[str, Value]) -> Value:
    """A term's value under a binding; integer arithmetic, division truncating toward zero.

    Raises:
        Unbound: a variable of the term has no value.
        Undefined: arithmetic on a string, or a division by zero.
    """
    if isinstance(term, Const):
        return term.value
    if isinstance(term, Var):
        if term.name not in binding:
            raise Unbound(term.name)
        return binding[term.name]
    left, right = evaluate(term.left, binding), evaluate(term.right, binding)
    if not isinstance(left, int) or not isinstance(right, int):
        raise Undefined(f"{term.text()} needs integers, got {render(left)} and {render(right)}")
    if term.op == "+":
        return left + right
    if term.op == "-":
        return left - right
    if term.op == "*":
        return left * right
    if right == 0:
        raise Undefined(f"{term.text()} divides by zero")
    quotient = abs(left) // abs(right)
    if (left < 0) != (right < 0):
        quotient = -quotient
    return quotient if term.op == "/" else left - right * quotient


def instantiate(atom: Atom, binding: Mapping[str, Value]) -> Pattern:
    """The atom's arguments under a binding, ``None`` where it has ``_``."""
    return tuple(
        None if isinstance(a, Var) and a.name == "_" else evaluate(a, binding) for a in atom.args
    )


def fits(row: Sequence[Value | None], pattern: Pattern) -> bool:
    """True when ``row`` has the pattern's length and agrees with it wherever it is not ``_``."""
    return len(row) == len(pattern) and all(
        p is None or (v is not None and same(p, v)) for v, p in zip(row, pattern, strict=True)
    )


def same_pattern(left: Pattern, right: Pattern) -> bool:
    """True when two patterns have the same values and the same ``_`` places."""
    return len(left) == len(right) and all(
        (a is None and b is None) or (a is not None and b is not None and same(a, b))
        for a, b in zip(left, right, strict=True)
    )


def base_pred(pred: str) -> str:
    """The rule base's predicate of a possibly-true copy (``p__hi`` -> ``p``)."""
    return pred.removesuffix(HI)
