"""Three-valued evaluation: what surely holds, and what possibly holds, given unknown facts.

The program is doubled. ``p`` keeps the facts that surely hold: its rules read surely-true
positives and negate *possibly*-true facts. ``p__hi`` keeps the facts that possibly hold: its rules
read possibly-true positives and negate surely-true facts. Known input facts feed both; the
answers to open questions feed only the possible side. A stratified program stays stratified.
A fact is true when it surely holds, false when it does not possibly hold, unknown otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from dualuse.engine.datalog.evaluator import evaluate
from dualuse.engine.datalog.planning import CompiledProgram
from dualuse.engine.datalog.provenance import Evaluation
from dualuse.engine.datalog.store import Preloaded
from dualuse.engine.datalog.syntax import Atom, Clause, Program
from dualuse.engine.datalog.terms import Row

HI = "__hi"


def hi(pred: str) -> str:
    """The name of the possibly-true copy of ``pred``."""
    return pred + HI


def double(program: Program) -> tuple[Program, list[int]]:
    """The doubled program and, per doubled clause, the index of the original clause."""
    clauses: list[Clause] = []
    origin: list[int] = []
    for i, clause in enumerate(program.clauses):
        if not clause.body:
            clauses.append(clause)
            origin.append(i)
            clauses.append(clause.model_copy(update={"head": _rename(clause.head)}))
            origin.append(i)
            continue
        sure_body = tuple(
            _rename(b) if isinstance(b, Atom) and b.negated else b for b in clause.body
        )
        maybe_body = tuple(
            _rename(b) if isinstance(b, Atom) and not b.negated else b for b in clause.body
        )
        clauses.append(clause.model_copy(update={"body": sure_body}))
        origin.append(i)
        clauses.append(clause.model_copy(update={"head": _rename(clause.head), "body": maybe_body}))
        origin.append(i)
    return Program(clauses=tuple(clauses)), origin


def _rename(atom: Atom) -> Atom:
    return atom.model_copy(update={"pred": hi(atom.pred)})


@dataclass
class World:
    """The result of one (possibly three-valued) evaluation."""

    evaluation: Evaluation
    compiled: CompiledProgram
    origin: list[int] | None
    """Doubled clause index -> original clause index (``None``: not doubled)."""

    @property
    def doubled(self) -> bool:
        """True when open questions made the evaluation three-valued."""
        return self.origin is not None

    def surely(self, pred: str) -> set[Row]:
        """Rows of ``pred`` that surely hold."""
        return self.evaluation.facts.get(pred, set())

    def possibly(self, pred: str) -> set[Row]:
        """Rows of ``pred`` that possibly hold."""
        if self.origin is None:
            return self.surely(pred)
        return self.evaluation.facts.get(hi(pred), set())

    def original_rule(self, index: int) -> int:
        """The original clause index of a compiled clause index."""
        return index if self.origin is None else self.origin[index]


def evaluate_world(
    plain: CompiledProgram,
    doubled: CompiledProgram | None,
    origin: list[int] | None,
    known: Mapping[str, AbstractSet[Row]],
    possible: Mapping[str, AbstractSet[Row]] | None,
    *,
    provenance: bool = True,
    preloaded: Preloaded | None = None,
    base: World | None = None,
    joins: str = "indexed",
    goals: frozenset[str] | None = None,
) -> World:
    """Evaluate two-valued when nothing is open, three-valued otherwise.

    ``base``, a world of nearly the same facts, lets the evaluation redo only what the
    differences reach; ``goals`` restricts it to what some relations need (both: see
    :func:`~dualuse.engine.datalog.evaluator.evaluate`).
    """
    earlier = base.evaluation if base is not None else None
    if possible is None or doubled is None or origin is None:
        evaluation = evaluate(
            plain,
            known,
            provenance=provenance,
            preloaded=preloaded,
            base=earlier,
            joins=joins,
            goals=goals,
        )
        return World(evaluation, plain, None)
    edb: dict[str, AbstractSet[Row]] = dict(known)
    for pred, rows in possible.items():
        edb[hi(pred)] = rows
    evaluation = evaluate(
        doubled,
        edb,
        provenance=provenance,
        preloaded=preloaded,
        base=earlier,
        joins=joins,
        goals=None if goals is None else goals | {hi(g) for g in goals},
    )
    return World(evaluation, doubled, origin)
