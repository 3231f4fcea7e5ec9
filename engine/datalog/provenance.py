"""The result of an evaluation: every fact, and how each derived one came about.

Every derived fact records, per rule that derived it, the bindings of its lowest derivation and
its height (1 + the highest derived fact it rests on; input facts have height 0). Proofs are
rebuilt from these records (the Soufflé provenance approach).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dualuse.engine.datalog.terms import Binding, Fact, Row

if TYPE_CHECKING:
    from dualuse.engine.datalog.planning import CompiledProgram


@dataclass
class Derivation:
    """How a fact was first derived by one rule: the bindings of its lowest such derivation."""

    rule: int
    height: int
    binding: Binding


@dataclass
class Evaluation:
    """The result of evaluating a program: all facts and how the derived ones came about."""

    facts: dict[str, set[Row]]
    provenance: dict[Fact, dict[int, Derivation]] = field(default_factory=dict)
    program: CompiledProgram | None = None
    """The program evaluated."""
    inputs: dict[str, frozenset[Row]] = field(default_factory=dict)
    """The input facts it was given, per relation."""
    with_provenance: bool = True
    """False when derivations were not recorded."""
    complete: bool = True
    """False when only some goals were evaluated (their relations alone are right)."""
    _grouped: dict[str, list[tuple[Fact, dict[int, Derivation]]]] | None = field(
        default=None, repr=False, compare=False
    )

    def derivations_of(self, pred: str) -> list[tuple[Fact, dict[int, Derivation]]]:
        """The recorded derivations of the facts of ``pred``."""
        return self._by_relation().get(pred, [])

    def _by_relation(self) -> dict[str, list[tuple[Fact, dict[int, Derivation]]]]:
        grouped = self._grouped
        if grouped is None:
            grouped = defaultdict(list)
            for fact, ways in self.provenance.items():
                grouped[fact[0]].append((fact, ways))
            self._grouped = grouped
        return grouped

    def holds(self, pred: str, row: Row = ()) -> bool:
        """True when ``pred(row)`` is among the facts."""
        return row in self.facts.get(pred, ())

    def height(self, fact: Fact) -> int:
        """0 for input facts, else the height of the lowest recorded derivation."""
        ways = self.provenance.get(fact)
        return min(d.height for d in ways.values()) if ways else 0
