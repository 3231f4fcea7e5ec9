"""What the proof checker takes as given on a day: rules by id, stated facts, tables, inputs.

The checker reads the parsed rules and the dated tables of the rule base and the facts of the
transfer itself (known, and possible answers to open questions); it never evaluates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from dualuse.engine.datalog.syntax import Clause, Value
from dualuse.engine.explain.checkterms import Row, Unbound, Undefined, evaluate

if TYPE_CHECKING:  # only the rule base's type is needed: the checker reads its parsed rules
    from dualuse.engine.law.rulebase import RuleBase, TableRow


class OpenLike(Protocol):
    """An open question of a transfer: each answer and the facts it would give."""

    @property
    def answers(self) -> Mapping[str, Sequence[tuple[str, Row]]]:
        """Answer -> the facts it gives."""


class InputFactsLike(Protocol):
    """The facts of a transfer as :func:`dualuse.engine.decide.facts.input_facts` builds them."""

    @property
    def known(self) -> Mapping[str, set[Row]]:
        """Facts the transfer gives."""

    @property
    def open(self) -> Sequence[OpenLike]:
        """Questions still open."""


Facts = InputFactsLike | Mapping[str, Iterable[Sequence[Value]]]
"""Input facts: an ``InputFacts`` or a plain mapping predicate -> rows."""


def in_force(clause: Clause, day: date) -> bool:
    """True when the clause is in force on ``day``."""
    span = clause.meta.in_force
    return span is None or span.covers(day)


class Ground:
    """The rules, stated facts, valid table rows and transfer facts of one check."""

    def __init__(self, base: RuleBase, facts: Facts, day: date) -> None:
        self.rules: dict[str, Clause] = {}
        """Every rule by id (in force or not: a proof naming one out of force is reported)."""
        self.rule_facts: dict[str, set[Row]] = {}
        """Facts stated by rule files in force on the day."""
        self.tables: dict[str, list[TableRow]]
        """Per table, the rows valid on the day."""
        self.known: dict[str, set[Row]] = {}
        """Facts the transfer gives."""
        self.possible: dict[str, set[Row]] = {}
        """Facts the transfer gives or some answer to an open question would give."""
        for clause in base.program.clauses:
            if clause.meta.id is not None:
                self.rules.setdefault(clause.meta.id, clause)
            if not clause.body and in_force(clause, day):
                try:
                    row = tuple(evaluate(a, {}) for a in clause.head.args)
                except (Unbound, Undefined):
                    continue
                self.rule_facts.setdefault(clause.head.pred, set()).add(row)
        self.tables = {
            pred: [r for r in rows if r.valid_on(day)] for pred, rows in base.tables.items()
        }
        if isinstance(facts, Mapping):
            for pred, rows in facts.items():
                self.known.setdefault(pred, set()).update(tuple(r) for r in rows)
        else:
            for pred, known_rows in facts.known.items():
                self.known.setdefault(pred, set()).update(tuple(r) for r in known_rows)
            for opened in facts.open:
                for answer in opened.answers.values():
                    for pred, row in answer:
                        self.possible.setdefault(pred, set()).add(tuple(row))
        for pred, rows in self.known.items():
            self.possible.setdefault(pred, set()).update(rows)
