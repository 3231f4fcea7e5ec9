"""From a transfer to a decision: evaluate, pick the outcome, explain it, ask what matters."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any

from dualuse.engine.datalog.evaluator import CompiledProgram, Preloaded, Row
from dualuse.engine.datalog.syntax import Value
from dualuse.engine.datalog.threevalued import HI, World, double, evaluate_world
from dualuse.engine.decide.decision import (
    OUTCOMES,
    Audit,
    Change,
    Condition,
    Decision,
    Liability,
    Outcome,
    OutcomeWhyNot,
    Penalty,
    ProofNode,
    Question,
    RuleNode,
    Sanction,
)
from dualuse.engine.decide.facts import InputFacts, Open, input_facts
from dualuse.engine.decide.resolve import Resolver
from dualuse.engine.decide.transfer import Transfer
from dualuse.engine.decide.vocabulary import TOGGLES
from dualuse.engine.explain.prover import Prover
from dualuse.engine.law.rulebase import RuleBase

PRIORITY: tuple[Outcome, ...] = ("prohibited", "license_required", "not_controlled", "out_of_scope")

SUMMARY: dict[str, str] = {
    "prohibited": "The transfer is prohibited.",
    "license_required": "The transfer needs an export licence.",
    "not_controlled": "The item is not controlled: these rules do not restrict the transfer.",
    "out_of_scope": "The transfer is not an export under these rules.",
    "undetermined": "The outcome depends on facts that are not known yet.",
}


OUTCOME = frozenset({"outcome"})
"""The goal of the variants evaluated to rank questions and find what would change."""


class Programs:
    """The plain and doubled programs of the rules in force on one day (cached by the engine)."""

    def __init__(self, plain: CompiledProgram, joins: str = "indexed") -> None:
        self.plain = plain
        self.joins = joins
        """How rule bodies are joined (see :data:`~dualuse.engine.datalog.evaluator.JOINS`)."""
        doubled, origin = double(plain.program)
        self.doubled = CompiledProgram(doubled)
        self.origin = origin
        self._preloaded: dict[tuple[tuple[str, int], ...], Preloaded] = {}
        self._blank: dict[tuple[bool, tuple[tuple[str, int], ...]], World] = {}
        self._lock = threading.Lock()

    def preloaded(self, tables: Mapping[str, frozenset[Row]]) -> Preloaded:
        """The tables of a day, prepared once for every evaluation over the same rows."""
        key = _tables_key(tables)
        with self._lock:
            found = self._preloaded.get(key)
            if found is None:
                found = self._preloaded[key] = Preloaded(tables)
            return found

    def blank(self, tables: Mapping[str, frozenset[Row]], three_valued: bool) -> World:
        """The world of the tables alone, with no transfer: every evaluation starts from it.

        What the rules derive from the tables alone (which catalogue entries settle an item,
        which parties are Japanese, which measures are suspended) is derived once per set of
        rows in force, not once per transfer.
        """
        key = (three_valued, _tables_key(tables))
        with self._lock:
            found = self._blank.get(key)
        if found is None:
            found = evaluate_world(
                self.plain,
                self.doubled,
                self.origin,
                tables,
                tables if three_valued else None,  # no possible facts: the plain program
                preloaded=self.preloaded(tables),
                joins=self.joins,
            )
            with self._lock:
                found = self._blank.setdefault(key, found)
        return found


def _tables_key(tables: Mapping[str, frozenset[Row]]) -> tuple[tuple[str, int], ...]:
    """Tables by the identity of their (shared, immutable) row sets."""
    return tuple(sorted((pred, id(rows)) for pred, rows in tables.items()))


class Decider:
    """Decides one transfer on one day over a rule base."""

    def __init__(
        self,
        base: RuleBase,
        resolver: Resolver,
        programs: Programs,
        day: date,
        questions: Mapping[str, str],
        version: str,
    ) -> None:
        self.base = base
        self.resolver = resolver
        self.programs = programs
        self.day = day
        self.questions = dict(questions)
        self.version = version
        self.tables = base.table_facts(day)

    def world(
        self,
        facts: InputFacts,
        *,
        provenance: bool = True,
        base: World | None = None,
        three_valued: bool = False,
        goals: frozenset[str] | None = None,
    ) -> World:
        """Evaluate the transfer's facts with the tables valid on the day.

        ``base``: the world of a variant of these facts, to re-evaluate only what changed.
        ``three_valued``: evaluate the doubled program even when nothing is open (the same
        facts hold; it lets a doubled ``base`` be re-used). ``goals``: evaluate only what these
        relations need (a partial world: read nothing else from it).
        """
        known: dict[str, AbstractSet[Row]] = dict(self.tables)
        known.update(facts.known)
        preloaded = self.programs.preloaded(self.tables)
        doubled = bool(facts.open) or three_valued
        if base is None or base.doubled != doubled:
            base = self.programs.blank(self.tables, doubled)
        possible: dict[str, AbstractSet[Row]] | None = None  # None: the plain program
        if doubled:
            possible = dict(self.tables)
            possible.update(facts.possible())
        return evaluate_world(
            self.programs.plain,
            self.programs.doubled,
            self.programs.origin,
            known,
            possible,
            provenance=provenance,
            preloaded=preloaded,
            base=base,
            joins=self.programs.joins,
            goals=goals,
        )

    @staticmethod
    def outcome_of(world: World) -> tuple[Outcome, list[Outcome]]:
        """The outcome and, when undetermined, the outcomes still possible."""
        sure = {row[0] for row in world.surely("outcome")}
        for outcome in PRIORITY:
            if outcome in sure:
                return outcome, []
        possible = {row[0] for row in world.possibly("outcome")}
        return "undetermined", [o for o in PRIORITY if o in possible]

    def label(self, value: Value) -> str:
        """A person's name for a value: catalogue labels for ids, else the value."""
        if isinstance(value, str):
            if value.startswith("?"):
                return f"the {value[1:].replace('_', ' ')} (unknown)"
            entry = self.resolver.entry(value)
            if entry is not None:
                return entry.label
            return value
        return f"{value:,}" if abs(value) >= 10000 else str(value)

    def decide(self, transfer: Transfer, raw: Mapping[str, Any], *, explain: bool) -> Decision:
        """The full decision."""
        facts = input_facts(transfer, self.resolver, self.questions)
        # Provenance is kept even without explanations: liabilities, penalties and conditions
        # name their rules and articles in every answer.
        world = self.world(facts, provenance=True)
        outcome, possible = self.outcome_of(world)
        prover = Prover(self.base, world, self.day, facts, self.label)
        grounds: list[ProofNode] = []
        why_not: list[OutcomeWhyNot] = []
        changes: list[Change] = []
        if explain:
            if outcome != "undetermined":
                grounds = prover.grounds("outcome", (outcome,))
            for other in PRIORITY:
                if other != outcome:
                    why_not.append(
                        OutcomeWhyNot(outcome=other, rules=prover.why_not("outcome", (other,)))
                    )
        questions = self.questions_for(facts, world, outcome, possible) if facts.open else []
        liable = self.liabilities(world, prover, explain)
        questions += self.penalty_questions(liable, facts)
        if explain and outcome != "undetermined":
            changes = self.changes(facts, world, outcome)
        interpretations = sorted(
            {n.rule_id for g in grounds for n in _walk(g) if n.interpretation is not None}
            | {
                n.rule_id
                for lia in liable
                if lia.proof is not None
                for n in _walk(lia.proof)
                if n.interpretation is not None
            }
        )
        return Decision(
            id=transfer.id,
            outcome=outcome,
            summary=self.summary(outcome, possible, grounds),
            as_of=self.day,
            possible_outcomes=possible,
            grounds=grounds,
            why_not=why_not,
            conditions=self.conditions(world, prover),
            liable=liable,
            questions=questions,
            what_would_change=changes,
            interpretations=interpretations,
            matches=facts.matches,
            audit=Audit(
                engine_version=self.version,
                rules_digest=self.base.digest,
                as_of=self.day,
                input=dict(raw),
                **self.fired(world, explain),
            ),
        )

    def fired(self, world: World, explain: bool) -> dict[str, list[str]]:
        """Rule ids that fired, and those that did not (out of force, or no derivation)."""
        if not explain:
            return {}
        clauses = world.compiled.program.clauses
        deriving: set[int] = set().union(*world.evaluation.provenance.values())
        fired: set[str] = set()
        for i in deriving:
            rule_id = clauses[i].meta.id
            if rule_id and not clauses[i].head.pred.endswith(HI):
                fired.add(rule_id)
        for clause in clauses:  # facts stated by rule files hold whenever they are in force
            if not clause.body and clause.meta.id and not clause.head.pred.endswith(HI):
                fired.add(clause.meta.id)
        every = {c.meta.id for c in self.base.program.clauses if c.meta.id}
        return {"rules_fired": sorted(fired), "rules_not_fired": sorted(every - fired)}

    def summary(self, outcome: Outcome, possible: list[Outcome], grounds: list[ProofNode]) -> str:
        """The outcome in one sentence."""
        if outcome == "undetermined":
            return f"{SUMMARY[outcome]} Still possible: {', '.join(possible)}."
        first = next((g for g in grounds if isinstance(g, RuleNode)), None)
        if first is None or first.citation is None:
            return SUMMARY[outcome]
        grounds_cited = list(
            dict.fromkeys(
                g.citation.text() for g in grounds if isinstance(g, RuleNode) and g.citation
            )
        )
        return f"{SUMMARY[outcome]} Grounds: {'; '.join(grounds_cited)}."

    def conditions(self, world: World, prover: Prover) -> list[Condition]:
        """Licence conditions that surely apply."""
        out = []
        for row in sorted(world.surely("condition"), key=str):
            node = prover.proof("condition", row)
            if isinstance(node, RuleNode):
                out.append(
                    Condition(
                        id=str(row[0]),
                        sentence=node.sentence,
                        rule_id=node.rule_id,
                        citation=node.citation,
                    )
                )
        return out

    def liabilities(self, world: World, prover: Prover, explain: bool) -> list[Liability]:
        """Every party surely liable, with fines and sanctions."""
        out = []
        fines = world.surely("fine")
        sanctions = world.surely("sanction")
        for party, basis in sorted(world.surely("liable"), key=str):
            proof = prover.proof("liable", (party, basis))
            if not isinstance(proof, RuleNode):
                continue
            penalties = []
            for fparty, fbasis, low, high in sorted(fines, key=str):
                if fparty != party or fbasis != basis:
                    continue
                node = prover.proof("fine", (fparty, fbasis, low, high))
                if not isinstance(node, RuleNode):
                    continue
                penalties.append(
                    Penalty(
                        basis=str(basis),
                        rule_id=node.rule_id,
                        citation=node.citation,
                        min_cny=int(low),
                        max_cny=int(high),
                        arithmetic=_arithmetic(node, int(low), int(high)),
                        interpretation=node.interpretation,
                    )
                )
            extra = []
            for sparty, sbasis, sanction in sorted(sanctions, key=str):
                if sparty != party or sbasis != basis:
                    continue
                node = prover.proof("sanction", (sparty, sbasis, sanction))
                if isinstance(node, RuleNode):
                    extra.append(
                        Sanction(
                            basis=str(basis),
                            sanction=str(sanction),
                            sentence=node.sentence,
                            rule_id=node.rule_id,
                            citation=node.citation,
                        )
                    )
            out.append(
                Liability(
                    party=self.label(party),
                    basis=str(basis),
                    rule_id=proof.rule_id,
                    citation=proof.citation,
                    sentence=proof.sentence,
                    penalties=penalties,
                    sanctions=extra,
                    proof=proof if explain else None,
                )
            )
        return out

    def questions_for(
        self, facts: InputFacts, world: World, outcome: Outcome, possible: list[Outcome]
    ) -> list[Question]:
        """Open facts that would change the outcome, most decisive first."""
        if outcome != "undetermined":
            return []
        scored: list[tuple[int, int, Question]] = []
        for order, opened in enumerate(facts.open):
            if opened.penalty_only:
                continue
            results: dict[str, tuple[Outcome, list[Outcome], World, InputFacts]] = {}
            for answer in opened.answers:
                answered = facts.with_answer(opened, answer)
                w = self.world(answered, base=world, three_valued=world.doubled, goals=OUTCOME)
                o, poss = self.outcome_of(w)
                results[answer] = (o, poss, w, answered)
            settled = {a: r[0] for a, r in results.items() if r[0] != "undetermined"}
            narrowed = any(
                set(r[1]) != set(possible) for r in results.values() if r[0] == "undetermined"
            )
            if len(settled) == len(results):
                rank, kind = 0, "settles"
            elif settled:
                rank, kind = 1, "settles_one_way"
            elif narrowed:
                rank, kind = 2, "narrows"
            else:
                continue
            rule_ids: list[str] = []
            citations: list[str] = []
            for answer, (o, _poss, w, answered) in results.items():
                if o == "undetermined":
                    continue
                sub = Prover(self.base, w, self.day, answered, self.label)
                for rule_id, citation in sub.ground_rules("outcome", (o,)):
                    if rule_id not in rule_ids:
                        rule_ids.append(rule_id)
                        if citation is not None:
                            citations.append(f"if {answer}: {o} ({citation.text()})")
            reason = (
                "; ".join(dict.fromkeys(citations))
                or "the answer changes which outcomes remain possible"
            )
            scored.append(
                (
                    rank,
                    order,
                    Question(
                        field=opened.field,
                        question=opened.question,
                        options=list(opened.answers),
                        answers=list(opened.options),
                        decisive=kind,
                        reason=reason,
                        rule_ids=rule_ids,
                        if_answered=settled,
                    ),
                )
            )
        return [q for _, _, q in sorted(scored, key=lambda t: (t[0], t[1]))]

    def penalty_questions(self, liable: list[Liability], facts: InputFacts) -> list[Question]:
        """Ask for the turnover where a party is liable and no fine range could be computed."""
        out = []
        asked: set[str] = set()
        exporters = {self.label(row[0]) for row in facts.known.get("exporter", ())}
        for lia in liable:
            if lia.penalties or lia.party in asked:
                continue
            asked.add(lia.party)
            where = lia.citation.text() if lia.citation else lia.rule_id
            field = "turnover_cny" if lia.party in exporters else "service_providers.turnover_cny"
            out.append(
                Question(
                    field=field,
                    question=f"What was the illegal turnover (in yuan) of {lia.party}?",
                    options=[],
                    decisive="penalty",
                    reason=f"the fine range for {lia.basis} depends on it ({where})",
                    rule_ids=[lia.rule_id],
                )
            )
        return out[:3]

    def changes(self, facts: InputFacts, world: World, outcome: Outcome) -> list[Change]:
        """Single-answer changes of the yes/no facts that would give another settled outcome."""
        out: list[Change] = []
        candidates = _toggles(facts)
        for field, answer, changed in candidates:
            w = self.world(changed, base=world, goals=OUTCOME)
            o, _ = self.outcome_of(w)
            if o in (outcome, "undetermined"):
                continue
            sub = Prover(self.base, w, self.day, changed, self.label)
            rule_ids = [rule_id for rule_id, _ in sub.ground_rules("outcome", (o,))]
            out.append(
                Change(changes=[f"{field}: {answer}"], fields=[field], outcome=o, rule_ids=rule_ids)
            )
        return out


def _toggles(facts: InputFacts) -> list[tuple[str, str, InputFacts]]:
    """Flip each known yes/no fact of the transfer once (the vocabulary's toggles)."""
    out = []
    for toggle in TOGGLES:
        if any(o.field == toggle.name for o in facts.open):
            continue
        pred, row = toggle.fact, ()
        present = row in facts.known.get(pred, set())
        changed = InputFacts(
            known=defaultdict(set, {p: set(r) for p, r in facts.known.items()}),
            open=list(facts.open),
            fields=dict(facts.fields),
            matches=facts.matches,
        )
        if present:
            changed.known[pred].discard(row)
            out.append((toggle.name, "no", changed))
        else:
            changed.add(pred, row, toggle.name)
            out.append((toggle.name, "yes", changed))
    return out


def _walk(node: ProofNode) -> list[RuleNode]:
    out: list[RuleNode] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, RuleNode):
            out.append(n)
            stack.extend(n.children)
    return out


def _arithmetic(node: RuleNode, low: int, high: int) -> str:
    tests = [c.evaluated for c in node.children if c.kind == "comparison"]
    tier = f" (tier: {', '.join(tests)})" if tests else ""
    b = node.bindings
    if "N" in b and "Low" in b and "High" in b:
        return (
            f"{b['N']:,} x {b['Low']} = {low:,} to {b['N']:,} x {b['High']} = {high:,} yuan{tier}"
        )
    return f"{low:,} to {high:,} yuan{tier}"


__all__ = ["OUTCOMES", "Decider", "Open", "Programs"]
