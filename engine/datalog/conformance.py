"""Adapter for the ``datalog-conformance`` peer suite (Soufflé, Nemo and Crepe cases).

The suite hands over a program as facts plus clause strings; the adapter parses the clauses with
the rule-language grammar, runs the same static checks as for rule files, and evaluates with the
engine's evaluator (large programs set-at-a-time, :data:`LARGE`).

>>> from datalog_conformance import Program
>>> Evaluator().evaluate(Program(facts={"e": [("a", "b")]}, rules=["p(X) :- e(X, _)"]))["p"]
{('a',)}
"""

from __future__ import annotations

import hashlib
from typing import Any

from dualuse.engine.datalog.checks import ensure_valid
from dualuse.engine.datalog.evaluator import CompiledProgram, Row, evaluate
from dualuse.engine.datalog.parser import parse_clause
from dualuse.engine.datalog.syntax import Atom, Clause, Const, Program
from dualuse.engine.errors import ArityError

_RESULTS: dict[str, dict[str, set[Row]]] = {}
"""Results per program content, shared by every adapter instance in the process.

The suite makes a new adapter for each case, and several cases (the 20 LUBM queries among them)
share one large program and assert different relations of it. Evaluation is a pure function of
the program, so each distinct program is evaluated once per process.
"""


LARGE = 10_000
"""Programs with at least this many facts are evaluated set-at-a-time on data frames
(:mod:`dualuse.engine.datalog.columnar`) when they can be; smaller ones by the engine's own
evaluator, whose start-up is cheaper."""


class Evaluator:
    """``evaluate(program)`` returns a mapping predicate -> set of tuples, or raises."""

    def __init__(self) -> None:
        self._results = _RESULTS

    def evaluate(self, program: Any) -> dict[str, set[Row]]:
        """Check and evaluate a suite ``Program`` (``facts`` mapping, ``rules`` strings)."""
        key = hashlib.sha256(repr((sorted(program.facts.items()), program.rules)).encode())
        found = self._results.get(key.hexdigest())
        if found is None:
            found = self._results[key.hexdigest()] = self._evaluate(program)
        return {pred: set(rows) for pred, rows in found.items()}

    def _evaluate(self, program: Any) -> dict[str, set[Row]]:
        compiled, edb = compile_case(program)
        if sum(len(rows) for rows in edb.values()) >= LARGE:
            from dualuse.engine.datalog.columnar import Unsupported, evaluate_columnar

            try:
                return evaluate_columnar(compiled, edb)
            except Unsupported:
                pass  # evaluated tuple-at-a-time below
        return evaluate(compiled, edb, provenance=False).facts


def compile_case(program: Any) -> tuple[CompiledProgram, dict[str, set[Row]]]:
    """A suite ``Program`` checked and compiled, with its facts as input relations.

    Raises:
        DualuseError: the program does not pass the rule language's checks.
    """
    edb: dict[str, set[Row]] = {}
    clauses: list[Clause] = []
    for pred, rows in program.facts.items():
        converted = {tuple(row) for row in rows}
        arities = {len(row) for row in converted}
        if len(arities) > 1:
            raise ArityError("arity_mismatch", f"facts of {pred} have {sorted(arities)} arguments")
        edb[pred] = converted
        if converted:  # one representative clause lets the checker see the arity
            row = next(iter(converted))
            args = tuple(Const(value=v) for v in row)
            clauses.append(Clause(head=Atom(pred=pred, args=args)))
    for i, text in enumerate(program.rules):
        clauses.append(parse_clause(text, file=f"<rule {i + 1}>"))
    ensure_valid(Program(clauses=tuple(clauses)))
    rules = tuple(c for c in clauses if c.body)
    return CompiledProgram(Program(clauses=rules)), edb
