"""Static checks of a parsed program: arity, safety and stratification.

Each problem is a :class:`~dualuse.engine.errors.RuleCheckError` with a stable ``code``:
``arity_mismatch``, ``unbound_variable``, ``safety_violations``, ``cyclic_negation``. What a rule
base needs besides (ids, citations, dates) is checked by :mod:`dualuse.engine.law.legal`.

>>> from dualuse.engine.datalog.parser import parse_text
>>> [e.code for e in check_program(parse_text('p(X) :- q(Y).'))]
['unbound_variable']
"""

from __future__ import annotations

from collections.abc import Iterable

from dualuse.engine.datalog.graph import dependency_graph, strongly_connected
from dualuse.engine.datalog.syntax import Atom, BinOp, Clause, Comparison, Location, Program, Var
from dualuse.engine.datalog.syntax import term_vars as _term_vars
from dualuse.engine.errors import (
    ArityError,
    RuleCheckError,
    SafetyViolationError,
    StratificationError,
)


def _where(loc: Location) -> dict[str, object]:
    return {"file": loc.file, "line": loc.line, "column": loc.column}


def bound_variables(clause: Clause) -> set[str]:
    """Variables a body binds: plain variables of positive atoms, then ``X = expr`` chains."""
    bound: set[str] = set()
    for lit in clause.body:
        if isinstance(lit, Atom) and not lit.negated:
            bound |= {a.name for a in lit.args if isinstance(a, Var) and a.name != "_"}
    changed = True
    while changed:
        changed = False
        for lit in clause.body:
            if not isinstance(lit, Comparison) or lit.op != "=":
                continue
            for target, source in ((lit.left, lit.right), (lit.right, lit.left)):
                if (
                    isinstance(target, Var)
                    and target.name != "_"
                    and target.name not in bound
                    and _term_vars(source) <= bound
                ):
                    bound.add(target.name)
                    changed = True
    return bound


def _safety(clause: Clause) -> Iterable[RuleCheckError]:
    head = clause.head
    for arg in head.args:
        if _has_anonymous(arg):
            yield SafetyViolationError(
                "safety_violations",
                f"'_' cannot appear in the head of {head.pred}",
                **_where(head.loc),  # type: ignore[arg-type]
            )
            return
    bound = bound_variables(clause)
    # Variables inside arithmetic arguments of positive atoms need binding too.
    for lit in clause.body:
        if isinstance(lit, Atom) and not lit.negated:
            for arg in lit.args:
                if isinstance(arg, BinOp) and not _term_vars(arg) <= bound:
                    missing = sorted(_term_vars(arg) - bound)
                    yield SafetyViolationError(
                        "unbound_variable",
                        f"variable {missing[0]} in an expression of {lit.pred} is not bound "
                        "by a positive literal",
                        **_where(lit.loc),  # type: ignore[arg-type]
                    )
                    return
    places: list[tuple[str, set[str], Location]] = [
        (f"the head of {head.pred}", head.vars(), head.loc)
    ]
    for lit in clause.body:
        if isinstance(lit, Atom) and lit.negated:
            places.append((f"the negated literal {lit.text()}", lit.vars(), lit.loc))
        elif isinstance(lit, Comparison):
            places.append((f"the comparison {lit.text()}", lit.vars(), lit.loc))
    for what, names, loc in places:
        missing = sorted(names - bound)
        if missing:
            yield SafetyViolationError(
                "unbound_variable",
                f"variable {missing[0]} in {what} is not bound by a positive literal",
                **_where(loc),  # type: ignore[arg-type]
            )
            return


def _has_anonymous(term: object) -> bool:
    if isinstance(term, Var):
        return term.name == "_"
    if isinstance(term, BinOp):
        return _has_anonymous(term.left) or _has_anonymous(term.right)
    return False


def _arity(program: Program) -> Iterable[RuleCheckError]:
    seen: dict[str, tuple[int, Location]] = {}

    def visit(pred: str, arity: int, loc: Location) -> RuleCheckError | None:
        if pred not in seen:
            seen[pred] = (arity, loc)
            return None
        first, where = seen[pred]
        if first == arity:
            return None
        return ArityError(
            "arity_mismatch",
            f"{pred} has {arity} argument(s) here but {first} at {where.text()}",
            **_where(loc),  # type: ignore[arg-type]
        )

    for decl in program.declarations:
        if (err := visit(decl.pred, decl.arity, decl.loc)) is not None:
            yield err
    for clause in program.clauses:
        for atom in (clause.head, *(b for b in clause.body if isinstance(b, Atom))):
            if (err := visit(atom.pred, atom.arity, atom.loc)) is not None:
                yield err


def _stratification(program: Program) -> Iterable[RuleCheckError]:
    graph = dependency_graph(program)
    component_of: dict[str, int] = {}
    for i, comp in enumerate(strongly_connected(graph)):
        for pred in comp:
            component_of[pred] = i
    for clause in program.clauses:
        for lit in clause.body:
            if (
                isinstance(lit, Atom)
                and lit.negated
                and component_of.get(lit.pred) == component_of.get(clause.head.pred)
            ):
                yield StratificationError(
                    "cyclic_negation",
                    f"{clause.head.pred} depends on the negation of {lit.pred}, which depends "
                    f"on {clause.head.pred}: the program has no stratification",
                    **_where(lit.loc),  # type: ignore[arg-type]
                )


def check_program(program: Program) -> list[RuleCheckError]:
    """Return every problem found (the rule base's own checks: :mod:`dualuse.engine.law.legal`)."""
    errors: list[RuleCheckError] = []
    errors.extend(_arity(program))
    for clause in program.clauses:
        errors.extend(_safety(clause))
    errors.extend(_stratification(program))
    return errors


def ensure_valid(program: Program) -> None:
    """Raise the first problem :func:`check_program` finds."""
    errors = check_program(program)
    if errors:
        raise errors[0]
