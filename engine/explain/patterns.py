"""Rows against patterns: matching, unifying and instantiating atoms for proofs and why-nots.

>>> fits(("a", 1), ("a", None))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dualuse.engine.datalog.syntax import Atom, Comparison, Const, Value, Var
from dualuse.engine.datalog.terms import Binding, compare, eval_term
from dualuse.engine.explain.sentences import Pattern

__all__ = ["Pattern", "anonymous", "fits", "head_fits", "next_literal", "pattern_of", "unify"]


def anonymous(term: object) -> bool:
    """True for ``_``."""
    return isinstance(term, Var) and term.name == "_"


def fits(row: Iterable[Value], pattern: Pattern) -> bool:
    """True when ``row`` agrees with ``pattern`` wherever it is not ``_``."""
    values = tuple(row)
    return len(values) == len(pattern) and all(
        p is None or compare("=", p, v) for p, v in zip(pattern, values, strict=True)
    )


def head_fits(head: Atom, row: Pattern) -> bool:
    """True when a rule head can conclude a fact of this pattern."""
    if head.arity != len(row):
        return False
    for arg, value in zip(head.args, row, strict=True):
        if isinstance(arg, Const) and value is not None and not compare("=", arg.value, value):
            return False
    return True


def pattern_of(atom: Atom, binding: Mapping[str, Value]) -> Pattern:
    """The atom's arguments under a binding, ``None`` where it has ``_`` or an unbound variable."""
    out: list[Value | None] = []
    for arg in atom.args:
        try:
            out.append(None if anonymous(arg) else eval_term(arg, binding))
        except KeyError:
            out.append(None)
    return tuple(out)


def unify(atom: Atom, row: tuple[Value, ...], binding: Binding) -> Binding | None:
    """``binding`` extended so that ``atom`` matches ``row``, or ``None`` when it cannot."""
    if len(row) != atom.arity:
        return None
    new = dict(binding)
    for arg, value in zip(atom.args, row, strict=True):
        if isinstance(arg, Var):
            if arg.name == "_":
                continue
            if arg.name in new:
                if not compare("=", new[arg.name], value):
                    return None
            else:
                new[arg.name] = value
        else:
            try:
                if not compare("=", eval_term(arg, new), value):
                    return None
            except KeyError:
                return None
    return new


def next_literal(pending: list[Atom | Comparison], binding: Binding) -> Atom | Comparison:
    """The first literal in written order that can be checked with what is bound."""
    bound = set(binding)
    for lit in pending:
        if isinstance(lit, Atom) and not lit.negated:
            return lit
        if lit.vars() <= bound:
            return lit
        if isinstance(lit, Comparison) and lit.op == "=" and isinstance(lit.left, Var):
            return lit
    return pending[0]
