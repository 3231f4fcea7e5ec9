"""Proof trees, rebuilt from recorded provenance.

A proof of a fact that holds follows, for each rule that derived it, the bindings of its lowest
derivation: positive body atoms become sub-proofs (lowest derivation first, so recursion
terminates), negated atoms become leaves that say why the negated fact does not hold
(:mod:`dualuse.engine.explain.whynot`), and comparisons become leaves with the values compared.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date

from dualuse.engine.datalog.planning import CompiledProgram
from dualuse.engine.datalog.syntax import Citation, Clause, Comparison, Value, value_text
from dualuse.engine.datalog.terms import Binding, Fact, compare, eval_term
from dualuse.engine.datalog.threevalued import HI, World
from dualuse.engine.explain.patterns import Pattern, anonymous, fits
from dualuse.engine.explain.proof import (
    ComparisonNode,
    FactNode,
    NegationNode,
    ProofNode,
    RuleNode,
    WhyNot,
)
from dualuse.engine.explain.sentences import Sentences, atom_text, conjunction
from dualuse.engine.explain.whynot import MAX_DEPTH, WhyNots
from dualuse.engine.law.rulebase import RuleBase


class Prover:
    """Builds proofs and why-nots over one evaluated world."""

    def __init__(
        self,
        base: RuleBase,
        world: World,
        day: date,
        fields: Mapping[Fact, str],
        label: Callable[[Value], str],
        readings: Mapping[Fact, str] | None = None,
    ) -> None:
        """A prover over ``world``.

        Args:
            base: the rule base.
            world: the evaluated world.
            day: the day whose law applies.
            fields: the transfer field each input fact came from.
            label: a person's name for a value.
            readings: how an input fact was read from the transfer's words, shown as its step
                ("'SmCo5 magnet blocks' read as catalogue entry ...").
        """
        self.base = base
        self.world = world
        self.day = day
        self.fields = fields
        self.readings = readings or {}
        self.sentences = Sentences(base, label)
        self.whynots = WhyNots(base, world, day, self.sentences)
        self.facts = world.evaluation.facts
        self.clauses = world.compiled.program.clauses
        self.fact_clauses = _stated(world.compiled)
        self._proofs: dict[tuple[str, tuple[Value, ...]], ProofNode] = {}
        self._negations: dict[tuple[str, Pattern], NegationNode] = {}

    def why_not(self, pred: str, row: Pattern, *, depth: int = 0) -> list[WhyNot]:
        """Why ``pred(row)`` does not surely hold: each candidate rule's first failed condition."""
        return self.whynots.why_not(pred, row, depth=depth)

    def grounds(self, pred: str, row: tuple[Value, ...]) -> list[ProofNode]:
        """One proof per rule that derived ``pred(row)`` (every independent ground)."""
        ways = self.world.evaluation.provenance.get((pred, row), {})
        return [
            self._rule_node(pred, row, d.rule, d.binding)
            for d in sorted(ways.values(), key=lambda d: (d.height, d.rule))
        ]

    def ground_rules(self, pred: str, row: tuple[Value, ...]) -> list[tuple[str, Citation | None]]:
        """The id and citation of each rule that derived ``pred(row)``, in :meth:`grounds` order.

        The same rules as :meth:`grounds`, without building their proofs.
        """
        ways = self.world.evaluation.provenance.get((pred, row), {})
        out = []
        for d in sorted(ways.values(), key=lambda d: (d.height, d.rule)):
            clause = self.clauses[d.rule]
            out.append(
                (clause.meta.id or f"{clause.loc.file}:{clause.loc.line}", clause.meta.cites)
            )
        return out

    def proof(self, pred: str, row: tuple[Value, ...]) -> ProofNode:
        """The lowest proof of a fact that holds (a leaf for an input or table fact).

        Proofs are immutable and depend on the fact alone, so each is built once per prover and
        shared wherever the fact is used again.
        """
        found = self._proofs.get((pred, row))
        if found is None:
            ways = self.world.evaluation.provenance.get((pred, row))
            if ways:
                best = min(ways.values(), key=lambda d: (d.height, d.rule))
                found = self._rule_node(pred, row, best.rule, best.binding)
            else:
                found = self._leaf(pred, row)
            self._proofs[(pred, row)] = found
        return found

    def _rule_node(
        self, pred: str, row: tuple[Value, ...], index: int, binding: Binding
    ) -> RuleNode:
        clause = self.clauses[index]
        meta = clause.meta
        children: list[ProofNode] = []
        for lit in clause.body:
            if isinstance(lit, Comparison):
                left, right = eval_term(lit.left, binding), eval_term(lit.right, binding)
                children.append(
                    ComparisonNode(
                        text=lit.text(),
                        evaluated=_shown(left, lit.op, right),
                        holds=compare(lit.op, left, right),
                    )
                )
                continue
            sub = tuple(eval_term(a, binding) if not anonymous(a) else None for a in lit.args)
            name = lit.pred[: -len(HI)] if lit.pred.endswith(HI) else lit.pred
            if lit.negated:
                children.append(self._negation(name, sub))
                continue
            if any(v is None for v in sub):
                # the lowest matching fact (then the first in a fixed order, for replay): heights
                # fall along the proof, so it terminates
                match = min(
                    (r for r in self.facts.get(lit.pred, ()) if fits(r, sub)),
                    key=lambda r: (self.world.evaluation.height((lit.pred, r)), repr(r)),
                    default=None,
                )
                if match is None:  # pragma: no cover - a derivation always has its facts
                    continue
                sub = match
            children.append(self.proof(lit.pred, sub))  # type: ignore[arg-type]
        return RuleNode(
            conclusion=atom_text(pred.removesuffix(HI), row),
            pred=pred.removesuffix(HI),
            args=list(row),
            rule_id=meta.id or f"{clause.loc.file}:{clause.loc.line}",
            citation=meta.cites,
            in_force=meta.in_force.text() if meta.in_force else None,
            sentence=self.sentences.fill(meta.says, binding, clause.text()),
            bindings={k: v for k, v in binding.items() if not k.startswith("__")},
            interpretation=meta.interpretation,
            article=meta.article,
            quote=meta.quote,
            children=children,
        )

    def _leaf(self, pred: str, row: tuple[Value, ...]) -> ProofNode:
        name = pred.removesuffix(HI)
        clause = self.fact_clauses.get((name, row))
        if clause is not None:  # a fact stated by a rule file: a rule step with no conditions
            meta = clause.meta
            return RuleNode(
                conclusion=atom_text(name, row),
                pred=name,
                args=list(row),
                rule_id=meta.id or clause.loc.text(),
                citation=meta.cites,
                in_force=meta.in_force.text() if meta.in_force else None,
                sentence=self.sentences.fill(meta.says, {}, clause.text()),
                bindings={},
                interpretation=meta.interpretation,
                article=meta.article,
                quote=meta.quote,
                children=[],
            )
        sentence = self.readings.get((name, row)) or self.sentences.says(name, row)
        field = self.fields.get((name, row))
        if name in self.base.tables:
            table_row = self.base.row_for(name, row, self.day)
            if table_row is not None:
                until = table_row.valid_until.isoformat() if table_row.valid_until else "open"
                return FactNode(
                    atom=atom_text(name, row),
                    pred=name,
                    args=list(row),
                    origin="table",
                    sentence=sentence,
                    source=table_row.source,
                    confidence=table_row.confidence,
                    location=f"{table_row.file}:{table_row.line}",
                    valid=f"{table_row.valid_from.isoformat()} to {until}",
                )
        decl = self.base.declarations.get(name)
        origin = "transfer" if decl is not None and decl.kind == "input" else "rules"
        if field is not None:
            origin = "transfer"
        return FactNode(
            atom=atom_text(name, row),
            pred=name,
            args=list(row),
            origin=origin,
            sentence=sentence,
            field=field,
        )

    def _negation(self, pred: str, row: Pattern) -> NegationNode:
        found = self._negations.get((pred, row))
        if found is None:
            found = self._negations[(pred, row)] = self._new_negation(pred, row)
        return found

    def _new_negation(self, pred: str, row: Pattern) -> NegationNode:
        why_not = self.why_not(pred, row, depth=MAX_DEPTH - 1)
        derived = pred not in self.base.declarations and why_not
        return NegationNode(
            atom=atom_text(pred, row),
            pred=pred,
            args=list(row),
            sentence=conjunction(w.sentence for w in why_not)
            if derived
            else self.sentences.denies(pred, row),
            why_not=why_not,
        )


@functools.lru_cache(maxsize=64)
def _stated(compiled: CompiledProgram) -> dict[tuple[str, tuple[Value, ...]], Clause]:
    """Facts stated by rule files (clauses with an id and no body), by atom."""
    out: dict[tuple[str, tuple[Value, ...]], Clause] = {}
    for clause in compiled.program.clauses:
        if not clause.body and clause.meta.id:
            row = tuple(eval_term(a, {}) for a in clause.head.args)
            out[(clause.head.pred.removesuffix(HI), row)] = clause
    return out


def _shown(left: Value, op: str, right: Value) -> str:
    return f"{value_text(left)} {op} {value_text(right)}"
