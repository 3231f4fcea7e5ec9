"""Why a goal does not hold: each rule that could derive it and the first condition it fails.

A why-not follows each candidate rule's body in written order with the bindings that reach each
condition (at most :data:`MAX_BINDINGS` of them), and explains a failed derived condition one
level further, up to :data:`MAX_DEPTH` levels; a subtree already explained is named, not repeated.
The condition named is the first that is false; only where none is (the rule could still apply
on some answer to the open questions) is it the first that is unknown.
"""

from __future__ import annotations

import re
from datetime import date

from dualuse.engine.datalog.syntax import Atom, Clause, Comparison, Const, Var, value_text
from dualuse.engine.datalog.terms import Binding, Row, compare, eval_term
from dualuse.engine.datalog.threevalued import HI, World
from dualuse.engine.explain.patterns import (
    Pattern,
    fits,
    head_fits,
    next_literal,
    pattern_of,
    unify,
)
from dualuse.engine.explain.proof import WhyNot
from dualuse.engine.explain.sentences import (
    Sentences,
    atom_text,
    comparison_sentence,
    conjunction,
)
from dualuse.engine.law.rulebase import RuleBase

_SOMEONE = re.compile(r"someone is (the .+)")
"""A fact about a party not named yet: "someone is the consignee" reads "the consignee ..."."""

MAX_BINDINGS = 64
MAX_DEPTH = 4


class WhyNots:
    """Builds why-not explanations over one evaluated world."""

    def __init__(self, base: RuleBase, world: World, day: date, sentences: Sentences) -> None:
        self.base = base
        self.world = world
        self.day = day
        self.sentences = sentences
        self.facts = world.evaluation.facts
        self.clauses = world.compiled.program.clauses
        self._ordered: dict[str, list[Row]] = {}

    def rows(self, pred: str) -> list[Row]:
        """The facts of ``pred`` in a fixed order, so that a why-not replays exactly."""
        found = self._ordered.get(pred)
        if found is None:
            found = self._ordered[pred] = sorted(self.facts.get(pred, ()), key=repr)
        return found

    def why_not(
        self, pred: str, row: Pattern, *, depth: int = 0, seen: dict[str, str] | None = None
    ) -> list[WhyNot]:
        """Why ``pred(row)`` does not surely hold: each candidate rule's first failed condition."""
        seen = {} if seen is None else seen
        goal = atom_text(pred, row)
        rules = [c for c in self.base.rules_for(pred) if head_fits(c.head, row)]
        if not rules:
            possible = any(fits(r, row) for r in self.facts.get(pred + HI, ()))
            stated = pred not in self.base.declarations  # facts stated by rule files: no input
            reason = (
                "input_unknown" if possible else "condition_failed" if stated else "input_false"
            )
            sentence = self.sentences.says(pred, row)
            who = _SOMEONE.fullmatch(sentence)
            if possible:
                text = f"{who[1]} is not known" if who else f"it is not known whether {sentence}"
            else:
                text = self._instead(pred, row) or self.sentences.denies(pred, row)
            if stated and not possible:
                named = [c.head.args for c in self.base.program.clauses if c.head.pred == pred]
                cases = dict.fromkeys(
                    ", ".join(
                        self.sentences.label(a.value) if isinstance(a, Const) else a.text()
                        for a in args
                    )
                    for args in named
                )
                text = f"the rule base states it only for: {'; '.join(cases)}"
            if pred in self.base.tables:
                text += f" on {self.day.isoformat()}"
                rows = [r for r in self.base.tables[pred] if fits(r.values, row)]
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
        self, clause: Clause, goal: str, row: Pattern, depth: int, seen: dict[str, str]
    ) -> WhyNot:
        meta = clause.meta
        rule_id = meta.id or clause.loc.text()
        if meta.in_force is not None and not meta.in_force.covers(self.day):
            citation = meta.cites.text() if meta.cites else "this rule"
            return WhyNot(
                goal=goal,
                rule_id=rule_id,
                citation=meta.cites,
                article=meta.article,
                reason="not_in_force",
                sentence=f"the provision ({citation}) applies only {meta.in_force.text()}, "
                f"and the transfer is assessed as of {self.day.isoformat()}",
            )
        start: Binding = {}
        for arg, value in zip(clause.head.args, row, strict=True):
            if isinstance(arg, Var) and arg.name != "_" and value is not None:
                start[arg.name] = value
        bindings = [start]
        pending = list(clause.body)
        while pending:
            lit = next_literal(pending, bindings[0])
            pending.remove(lit)
            extended = self._extend(lit, bindings)
            if not extended:
                decisive = self._surely_failing(clause, start) if self.world.doubled else None
                if decisive is not None:  # a later condition is false, not just unknown
                    lit, bindings = decisive
                return self._failed(clause, goal, lit, bindings, depth, seen)
            bindings = extended[:MAX_BINDINGS]
        return WhyNot(  # every condition holds: the goal holds only possibly, or not at all
            goal=goal,
            rule_id=rule_id,
            citation=meta.cites,
            article=meta.article,
            reason="condition_failed",
            sentence="every condition of this rule is met",
            bindings={k: v for k, v in bindings[0].items() if not k.startswith("__")},
        )

    def _surely_failing(
        self, clause: Clause, start: Binding
    ) -> tuple[Atom | Comparison, list[Binding]] | None:
        """The first condition that fails even where the unknown facts are taken as possible.

        A rule whose condition is unknown may still surely not apply: a later condition is
        false whatever the answers. That condition is the one a reader needs ("the catalogue
        records the item as listed"), not the unknown before it. ``None``: every condition
        possibly holds, and the first unknown one is what the rule turns on.
        """
        bindings = [start]
        pending = list(clause.body)
        while pending:
            lit = next_literal(pending, bindings[0])
            pending.remove(lit)
            extended = self._extend(lit, bindings, possible=True)
            if not extended:
                return lit, bindings
            bindings = extended[:MAX_BINDINGS]
        return None

    def _extend(
        self, lit: Atom | Comparison, bindings: list[Binding], *, possible: bool = False
    ) -> list[Binding]:
        """The bindings under which ``lit`` surely holds (``possible``: possibly holds)."""
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
                pattern = pattern_of(lit, binding)
                if possible:  # possibly not: it does not surely hold
                    if not any(fits(r, pattern) for r in self.facts.get(lit.pred, ())):
                        out.append(binding)
                elif not any(fits(r, pattern) for r in self.facts.get(lit.pred + HI, ())) and not (
                    not self.world.doubled
                    and any(fits(r, pattern) for r in self.facts.get(lit.pred, ()))
                ):
                    out.append(binding)
                continue
            for r in self.rows(lit.pred + HI if possible else lit.pred):
                new = unify(lit, r, binding)
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
        seen: dict[str, str],
    ) -> WhyNot:
        meta = clause.meta
        binding = bindings[0]
        shown = {k: v for k, v in binding.items() if not k.startswith("__")}
        common = {
            "goal": goal,
            "rule_id": meta.id or clause.loc.text(),
            "citation": meta.cites,
            "article": meta.article,
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
                sentence=self._excluded(clause, lit, binding)
                or comparison_sentence(lit, binding, self.sentences.label),
                values=[evaluated],
            )
        pattern = pattern_of(lit, binding)
        if lit.negated:
            blocking = next(
                (
                    r
                    for r in self.rows(lit.pred + HI if lit.pred + HI in self.facts else lit.pred)
                    if fits(r, pattern)
                ),
                pattern,
            )
            sure = any(fits(r, pattern) for r in self.facts.get(lit.pred, ()))
            sentence = (
                self.sentences.says(lit.pred, blocking)
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
                seen[sub_goal] = ""
                because = self.why_not(lit.pred, pattern, depth=depth + 1, seen=seen)
        if lit.pred in self.base.declarations or not because:
            sentence = (
                because[0].sentence
                if because and because[0].rule_id is None
                else self.sentences.denies(lit.pred, pattern)
            )
            if because and because[0].rule_id is None:
                if sub_goal in seen and not seen[sub_goal]:
                    seen[sub_goal] = sentence
                return WhyNot(**common, sentence=sentence, values=because[0].values)
        else:
            sentence = conjunction([b.sentence for b in because])
        if see is not None:
            sentence = seen.get(see) or self.sentences.denies(lit.pred, pattern)
        elif sub_goal in seen and not seen[sub_goal]:
            seen[sub_goal] = sentence
        return WhyNot(**common, sentence=sentence, because=because, see=see)

    def _instead(self, pred: str, row: Pattern) -> str | None:
        """An input that has another value: "the form of transfer is export, not re-export"."""
        given = self.facts.get(pred, ())
        if pred in self.base.tables or len(row) != 1 or row[0] is None or len(given) != 1:
            return None
        (actual,) = given
        return f"{self.sentences.says(pred, actual)}, not {self.sentences.label(row[0])}"

    def _excluded(self, clause: Clause, lit: Comparison, binding: Binding) -> str | None:
        """A failed ``X != v`` in words: the fact that gave ``X`` its value, which is excluded."""
        if lit.op != "!=" or not isinstance(lit.left, Var):
            return None
        for atom in clause.body:
            if (
                isinstance(atom, Atom)
                and not atom.negated
                and lit.left in atom.args
                and atom.pred in self.base.declarations
            ):
                said = self.sentences.says(atom.pred, pattern_of(atom, binding))
                return f"{said}, which this provision does not cover"
        return None

    def _derived_sentence(self, pred: str, row: Pattern) -> str:
        ground = tuple(v for v in row if v is not None)
        complete = len(ground) == len(row)
        ways = self.world.evaluation.provenance.get((pred, ground)) if complete else None
        if ways:
            best = min(ways.values(), key=lambda d: (d.height, d.rule))
            clause = self.clauses[best.rule]
            return self.sentences.fill(clause.meta.says, best.binding, atom_text(pred, row))
        return self.sentences.rule_says(pred, row)
