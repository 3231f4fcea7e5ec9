"""Proof trees and why-not explanations, rebuilt from recorded provenance.

A proof of a fact that holds follows, for each rule that derived it, the bindings of its lowest
derivation: positive body atoms become sub-proofs (lowest derivation first, so recursion
terminates), negated atoms become leaves that say why the negated fact does not hold, and
comparisons become leaves with the values compared. A why-not lists every rule that could derive a
goal and the first condition each one fails, with the bindings that reached it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from dualuse.engine.datalog.evaluator import Binding, CompiledProgram, compare, eval_term
from dualuse.engine.datalog.syntax import (
    Atom,
    Citation,
    Clause,
    Comparison,
    Const,
    Value,
    Var,
    value_text,
)
from dualuse.engine.datalog.threevalued import HI, World
from dualuse.engine.decide.decision import (
    ComparisonNode,
    FactNode,
    NegationNode,
    ProofNode,
    RuleNode,
    WhyNot,
)
from dualuse.engine.decide.facts import InputFacts
from dualuse.engine.law.rulebase import RuleBase

Pattern = tuple[Value | None, ...]
MAX_BINDINGS = 64
MAX_DEPTH = 4

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def atom_text(pred: str, row: Iterable[Value | None]) -> str:
    """``pred("a", 1)``, with ``_`` for an unbound argument."""
    args = [("_" if v is None else value_text(v)) for v in row]
    return f"{pred}({', '.join(args)})" if args else pred


def negate(sentence: str) -> str:
    """Turn a positive sentence into its one negation ("is" -> "is not")."""
    for verb, neg in ((" is ", " is not "), (" are ", " are not "), (" has ", " has not ")):
        if verb in sentence:
            return sentence.replace(verb, neg, 1)
    for verb, neg in ((" helps ", " does not help "), (" knows ", " does not know ")):
        if verb in sentence:
            return sentence.replace(verb, neg, 1)
    return f"not established: {sentence}"


class Prover:
    """Builds proofs and why-nots over one evaluated world."""

    def __init__(
        self,
        base: RuleBase,
        world: World,
        day: date,
        inputs: InputFacts,
        label: Callable[[Value], str],
    ) -> None:
        self.base = base
        self.world = world
        self.day = day
        self.inputs = inputs
        self.label = label
        self.facts = world.evaluation.facts
        self.clauses = world.compiled.program.clauses
        self.fact_clauses = _stated(world.compiled)
        self._proofs: dict[tuple[str, tuple[Value, ...]], ProofNode] = {}
        self._negations: dict[tuple[str, Pattern], NegationNode] = {}
        self._sentences: dict[tuple[str, Pattern], str] = {}

    # -- sentences -----------------------------------------------------------------------------
    def fill(self, template: str | None, binding: Mapping[str, Value], fallback: str) -> str:
        """Fill ``{X}`` placeholders of a template with the (labelled) bound values."""
        if not template:
            return fallback
        return _PLACEHOLDER.sub(
            lambda m: self.label(binding[m.group(1)]) if m.group(1) in binding else "someone",
            template,
        )

    def says(self, pred: str, row: Pattern) -> str:
        """The sentence of a fact from its declaration's ``@says`` (columns fill placeholders)."""
        found = self._sentences.get((pred, row))
        if found is None:
            found = self._sentences[(pred, row)] = self._says(pred, row)
        return found

    def _says(self, pred: str, row: Pattern) -> str:
        decl = self.base.declarations.get(pred)
        text = atom_text(pred, row)
        if decl is None or not decl.meta.says:
            return text
        binding = {c: v for c, v in zip(decl.columns, row, strict=False) if v is not None}
        return self.fill(decl.meta.says, binding, text)

    # -- proofs ---------------------------------------------------------------------------------
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
            sub = tuple(eval_term(a, binding) if not _anon(a) else None for a in lit.args)
            name = lit.pred[: -len(HI)] if lit.pred.endswith(HI) else lit.pred
            if lit.negated:
                children.append(self._negation(name, sub))
                continue
            if any(v is None for v in sub):
                # the lowest matching fact: heights fall along the proof, so it terminates
                match = min(
                    (r for r in self.facts.get(lit.pred, ()) if _fits(r, sub)),
                    key=lambda r: self.world.evaluation.height((lit.pred, r)),
                    default=None,
                )
                if match is None:  # pragma: no cover - a derivation always has its facts
                    continue
                sub = match
            children.append(self.proof(lit.pred, sub))  # type: ignore[arg-type]
        return RuleNode(
            conclusion=atom_text(pred.removesuffix(HI), row),
            rule_id=meta.id or f"{clause.loc.file}:{clause.loc.line}",
            citation=meta.cites,
            in_force=meta.in_force.text() if meta.in_force else None,
            sentence=self.fill(meta.says, binding, clause.text()),
            bindings={k: v for k, v in binding.items() if not k.startswith("__")},
            interpretation=meta.interpretation,
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
                rule_id=meta.id or clause.loc.text(),
                citation=meta.cites,
                in_force=meta.in_force.text() if meta.in_force else None,
                sentence=self.fill(meta.says, {}, clause.text()),
                bindings={},
                interpretation=meta.interpretation,
                quote=meta.quote,
                children=[],
            )
        sentence = self.inputs.readings.get((name, row)) or self.says(name, row)
        field = self.inputs.fields.get((name, row))
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
        return NegationNode(
            atom=atom_text(pred, row),
            sentence=negate(self.says(pred, row))
            if pred in self.base.declarations
            else f"{atom_text(pred, row)} does not hold",
            why_not=self.why_not(pred, row, depth=MAX_DEPTH - 1),
        )

    # -- why not --------------------------------------------------------------------------------
    def why_not(
        self, pred: str, row: Pattern, *, depth: int = 0, seen: set[str] | None = None
    ) -> list[WhyNot]:
        """Why ``pred(row)`` does not surely hold: each candidate rule's first failed condition."""
        seen = set() if seen is None else seen
        goal = atom_text(pred, row)
        rules = [c for c in self.base.rules_for(pred) if _head_fits(c.head, row)]
        if not rules:
            possible = any(_fits(r, row) for r in self.facts.get(pred + HI, ()))
            reason = "input_unknown" if possible else "input_false"
            sentence = self.says(pred, row)
            text = f"it is not known whether {sentence}" if possible else negate(sentence)
            if pred in self.base.tables:
                text += f" on {self.day.isoformat()}"
                rows = [r for r in self.base.tables[pred] if _fits(r.values, row)]
                values = [
                    f"{atom_text(pred, r.values)} valid from {r.valid_from.isoformat()}"
                    + (f" until {r.valid_until.isoformat()}" if r.valid_until else "")
                    for r in rows
                    if not r.valid_on(self.day)
                ][:5]
            else:
                values = []
            return [WhyNot(goal=goal, rule_id=None, reason=reason, sentence=text, values=values)]
        out: list[WhyNot] = []
        for clause in rules:
            out.append(self._rule_why_not(clause, goal, row, depth, seen))
        return out

    def _rule_why_not(
        self, clause: Clause, goal: str, row: Pattern, depth: int, seen: set[str]
    ) -> WhyNot:
        meta = clause.meta
        rule_id = meta.id or clause.loc.text()
        if meta.in_force is not None and not meta.in_force.covers(self.day):
            citation = meta.cites.text() if meta.cites else rule_id
            return WhyNot(
                goal=goal,
                rule_id=rule_id,
                citation=meta.cites,
                reason="not_in_force",
                sentence=f"{citation} is in force {meta.in_force.text()}; the transfer is "
                f"assessed as of {self.day.isoformat()}",
            )
        start: Binding = {}
        for arg, value in zip(clause.head.args, row, strict=True):
            if isinstance(arg, Var) and arg.name != "_" and value is not None:
                start[arg.name] = value
        bindings = [start]
        pending = list(clause.body)
        while pending:
            lit = _next_literal(pending, bindings[0])
            pending.remove(lit)
            extended = self._extend(lit, bindings)
            if not extended:
                return self._failed(clause, goal, lit, bindings, depth, seen)
            bindings = extended[:MAX_BINDINGS]
        return WhyNot(  # every condition holds: the goal holds only possibly, or not at all
            goal=goal,
            rule_id=rule_id,
            citation=meta.cites,
            reason="condition_failed",
            sentence="every condition of this rule holds",
            bindings={k: v for k, v in bindings[0].items() if not k.startswith("__")},
        )

    def _extend(self, lit: Atom | Comparison, bindings: list[Binding]) -> list[Binding]:
        out: list[Binding] = []
        for binding in bindings:
            if isinstance(lit, Comparison):
                if lit.op == "=" and isinstance(lit.left, Var) and lit.left.name not in binding:
                    try:
                        out.append({**binding, lit.left.name: eval_term(lit.right, binding)})
                    except KeyError:
                        continue
                    continue
                try:
                    ok = compare(
                        lit.op, eval_term(lit.left, binding), eval_term(lit.right, binding)
                    )
                except KeyError:
                    continue
                if ok:
                    out.append(binding)
                continue
            if lit.negated:
                pattern = _pattern(lit, binding)
                if not any(_fits(r, pattern) for r in self.facts.get(lit.pred + HI, ())) and not (
                    not self.world.doubled
                    and any(_fits(r, pattern) for r in self.facts.get(lit.pred, ()))
                ):
                    out.append(binding)
                continue
            for r in self.facts.get(lit.pred, ()):
                new = _unify(lit, r, binding)
                if new is not None:
                    out.append(new)
        return out

    def _failed(
        self,
        clause: Clause,
        goal: str,
        lit: Atom | Comparison,
        bindings: list[Binding],
        depth: int,
        seen: set[str],
    ) -> WhyNot:
        meta = clause.meta
        binding = bindings[0]
        shown = {k: v for k, v in binding.items() if not k.startswith("__")}
        common = {
            "goal": goal,
            "rule_id": meta.id or clause.loc.text(),
            "citation": meta.cites,
            "reason": "condition_failed",
            "failed_condition": lit.text(),
            "bindings": shown,
        }
        if isinstance(lit, Comparison):
            try:
                left, right = eval_term(lit.left, binding), eval_term(lit.right, binding)
                evaluated = f"{value_text(left)} {lit.op} {value_text(right)}"
            except KeyError:
                evaluated = lit.text()
            return WhyNot(
                **common,
                sentence=f"the condition {lit.text()} fails: {evaluated} is false",
                values=[evaluated],
            )
        pattern = _pattern(lit, binding)
        if lit.negated:
            blocking = next(
                (
                    r
                    for r in self.facts.get(lit.pred + HI, self.facts.get(lit.pred, ()))
                    if _fits(r, pattern)
                ),
                pattern,
            )
            sure = any(_fits(r, pattern) for r in self.facts.get(lit.pred, ()))
            sentence = (
                self.says(lit.pred, blocking)
                if lit.pred in self.base.declarations
                else (self._derived_sentence(lit.pred, blocking))
            )
            prefix = "" if sure or not self.world.doubled else "it may be that "
            return WhyNot(
                **common,
                sentence=f"{prefix}{sentence}",
                values=[atom_text(lit.pred, blocking)],
            )
        sub_goal = atom_text(lit.pred, pattern)
        because: list[WhyNot] = []
        see = None
        if depth < MAX_DEPTH:
            if sub_goal in seen:
                see = sub_goal
            else:
                seen.add(sub_goal)
                because = self.why_not(lit.pred, pattern, depth=depth + 1, seen=seen)
        if lit.pred in self.base.declarations or not because:
            sentence = (
                because[0].sentence
                if because and because[0].rule_id is None
                else negate(self.says(lit.pred, pattern))
            )
            if because and because[0].rule_id is None:
                return WhyNot(**common, sentence=sentence, values=because[0].values)
        elif len(because) == 1:
            sentence = because[0].sentence
        else:
            sentence = f"none of the {len(because)} ways to establish {sub_goal} applies"
        if see is not None:
            sentence = f"{sub_goal} is not established (explained above)"
        return WhyNot(**common, sentence=sentence, because=because, see=see)

    def _derived_sentence(self, pred: str, row: Pattern) -> str:
        ground = tuple(v for v in row if v is not None)
        complete = len(ground) == len(row)
        ways = self.world.evaluation.provenance.get((pred, ground)) if complete else None
        if ways:
            best = min(ways.values(), key=lambda d: d.height)
            clause = self.clauses[best.rule]
            return self.fill(clause.meta.says, best.binding, atom_text(pred, row))
        return f"{atom_text(pred, row)} holds"


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


def _anon(term: object) -> bool:
    return isinstance(term, Var) and term.name == "_"


def _fits(row: Iterable[Value], pattern: Pattern) -> bool:
    values = tuple(row)
    return len(values) == len(pattern) and all(
        p is None or compare("=", p, v) for p, v in zip(pattern, values, strict=True)
    )


def _head_fits(head: Atom, row: Pattern) -> bool:
    if head.arity != len(row):
        return False
    for arg, value in zip(head.args, row, strict=True):
        if isinstance(arg, Const) and value is not None and not compare("=", arg.value, value):
            return False
    return True


def _pattern(atom: Atom, binding: Mapping[str, Value]) -> Pattern:
    out: list[Value | None] = []
    for arg in atom.args:
        try:
            out.append(None if _anon(arg) else eval_term(arg, binding))
        except KeyError:
            out.append(None)
    return tuple(out)


def _unify(atom: Atom, row: tuple[Value, ...], binding: Binding) -> Binding | None:
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


def _next_literal(pending: list[Atom | Comparison], binding: Binding) -> Atom | Comparison:
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
