"""From a transfer to a decision: evaluate, pick the outcome, explain it, ask what matters."""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any

from dualuse.engine.datalog.syntax import Article, Value
from dualuse.engine.datalog.terms import Row
from dualuse.engine.datalog.threevalued import HI, World, evaluate_world
from dualuse.engine.decide.answered import Answered
from dualuse.engine.decide.caveats import caveats, law_facts
from dualuse.engine.decide.changes import changes as what_would_change
from dualuse.engine.decide.decision import (
    OUTCOME_LABELS,
    OUTCOMES,
    PRIORITY,
    Audit,
    Change,
    Decision,
    Outcome,
    OutcomeWhyNot,
    Question,
)
from dualuse.engine.decide.facts import InputFacts, Open, input_facts
from dualuse.engine.decide.liability import conditions, liabilities
from dualuse.engine.decide.questions import OUTCOME, penalty_questions, questions_for
from dualuse.engine.decide.resolve import Resolver
from dualuse.engine.decide.transfer import Transfer
from dualuse.engine.explain.proof import ArticleText, NegationNode, ProofNode, RuleNode, WhyNot
from dualuse.engine.explain.prover import Prover
from dualuse.engine.law.inforce import LawOnDay
from dualuse.engine.law.rulebase import RuleBase

_SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
"""An id such as ``prohibited_export``: read as words when nothing names it."""

SUMMARY: dict[str, str] = {
    "prohibited": "The transfer is prohibited.",
    "license_required": "The transfer needs an export licence.",
    "not_controlled": "The item is not controlled: these rules do not restrict the transfer.",
    "out_of_scope": "The transfer is not an export under these rules.",
    "undetermined": "The outcome depends on facts that are not known yet.",
}


class Decider:
    """Decides one transfer on one day over a rule base."""

    def __init__(
        self,
        base: RuleBase,
        resolver: Resolver,
        law: LawOnDay,
        day: date,
        questions: Mapping[str, str],
        version: str,
    ) -> None:
        self.base = base
        self.resolver = resolver
        self.law = law
        self.day = day
        self.questions = dict(questions)
        self.version = version

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
        law = self.law
        known: dict[str, AbstractSet[Row]] = dict(law.tables)
        known.update(facts.known)
        doubled = bool(facts.open) or three_valued
        if base is None or base.doubled != doubled:
            base = law.blank(doubled)
        possible: dict[str, AbstractSet[Row]] | None = None  # None: the plain program
        if doubled:
            possible = dict(law.tables)
            possible.update(facts.possible())
        return evaluate_world(
            law.plain,
            law.doubled,
            law.origin,
            known,
            possible,
            provenance=provenance,
            preloaded=law.preloaded,
            base=base,
            joins=law.joins,
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
            name = self.resolver.names.get(value)
            if name is not None:
                return name
            return value.replace("_", " ") if _SNAKE.fullmatch(value) else value
        return f"{value:,}" if abs(value) >= 10000 else str(value)

    def decide(
        self, transfer: Transfer, raw: Mapping[str, Any], *, explain: bool, lazy: bool = True
    ) -> Decision:
        """The full decision.

        ``lazy``: why-not, what would change, the articles (gathered from the why-nots too) and
        the audit's rule lists are worked out when the decision is first observed for them
        (:class:`~dualuse.engine.decide.deferred.Deferred`); ``False`` works them out now. The
        decisions are equal either way. Nothing worked out now reads a deferred part.
        """
        facts = input_facts(transfer, self.resolver, self.questions)
        law_facts(self.base, self.day, transfer, facts)
        # Provenance is kept even without explanations: liabilities, penalties and conditions
        # name their rules and articles in every answer.
        world = self.world(facts, provenance=True)
        outcome, possible = self.outcome_of(world)
        prover = Prover(self.base, world, self.day, facts.fields, self.label, facts.readings)
        grounds: list[ProofNode] = []
        if explain and outcome != "undetermined":
            grounds = prover.grounds("outcome", (outcome,))
        answered = Answered(self, facts, world)
        questions = questions_for(self, facts, answered, outcome, possible) if facts.open else []
        conds = conditions(world, prover)
        liable = liabilities(world, prover, explain, self.label)
        questions += penalty_questions(self, liable, facts)
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
        liable_proofs = [lia.proof for lia in liable if lia.proof is not None]
        fields: dict[str, Any] = dict(  # keywords: the field names are the decision's
            id=transfer.id,
            outcome=outcome,
            summary=self.summary(outcome, possible, grounds, questions),
            as_of=self.day,
            caveats=caveats(
                self.base,
                self.day,
                transfer,
                facts,
                world,
                grounds,
                liable,
                questions,
                label=self.label,
                evaluate=lambda opened, answer: answered.variant(opened, answer)[1],
            ),
            possible_outcomes=possible,
            grounds=grounds,
            conditions=conds,
            liable=liable,
            questions=questions,
            interpretations=interpretations,
            matches=facts.matches,
        )
        # The deferred parts: each runs once (the decision's lock, or called here in turn).
        why_not_done: list[list[OutcomeWhyNot]] = []

        def why_not() -> list[OutcomeWhyNot]:
            if not why_not_done:  # the articles read it too
                why_not_done.append(
                    [
                        OutcomeWhyNot(outcome=other, rules=prover.why_not("outcome", (other,)))
                        for other in PRIORITY
                        if other != outcome and explain
                    ]
                )
            return why_not_done[0]

        def changes() -> list[Change]:
            if not explain or outcome == "undetermined":
                return []
            return what_would_change(self, facts, world, outcome, grounds)

        def articles() -> dict[str, ArticleText]:
            return self.articles(
                [n.rule_id for g in (*grounds, *liable_proofs) for n in _walk(g)]
                + [c.rule_id for c in conds]
                + [lia.rule_id for lia in liable]
                + [p.rule_id for lia in liable for p in lia.penalties]
                + [s.rule_id for lia in liable for s in lia.sanctions],
                [w.rule_id for o in why_not() for w in _why_nots(o.rules)]
                + [w.rule_id for g in (*grounds, *liable_proofs) for w in _negation_why_nots(g)],
            )

        def audit() -> Audit:
            return Audit(
                engine_version=self.version,
                rules_digest=self.base.digest,
                as_of=self.day,
                input=dict(raw),
                **self.fired(world, explain),
            )

        pending = {
            "why_not": why_not,
            "what_would_change": changes,
            "articles": articles,
            "audit": audit,
        }
        if not explain or not lazy:  # without explanations nothing costly is left
            return Decision(**fields, **{name: compute() for name, compute in pending.items()})
        return Decision.deferred(fields, pending)

    def articles(self, relied: list[str], weighed: list[str | None]) -> dict[str, ArticleText]:
        """The articles of the rules a decision names, in first-use order, each once.

        ``relied``: the rules the answer applies (their article's words are given);
        ``weighed``: the rules it explains as not applying (citation and dates only).
        """
        out: dict[str, ArticleText] = {}
        for rule_ids, quoted in ((relied, True), (weighed, False)):
            for rule_id in rule_ids:
                name = self.base.article_of(rule_id) if rule_id else None
                if name is not None and name not in out:
                    out[name] = article_text(self.base.articles[name], quoted=quoted)
        return out

    def fired(self, world: World, explain: bool) -> dict[str, Any]:
        """Rule ids that fired, and how many did not (out of force, or no derivation)."""
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
        weighed = len(rule_ids(self.base) - fired)
        return {"rules_fired": sorted(fired), "rules_weighed": weighed}

    def summary(
        self,
        outcome: Outcome,
        possible: list[Outcome],
        grounds: list[ProofNode],
        questions: list[Question],
    ) -> str:
        """The outcome in one sentence; an open one with the fact it turns on first."""
        if outcome == "undetermined":
            asked = next((q for q in questions if q.if_answered), None)
            if asked is None:
                still = " or ".join(OUTCOME_LABELS[o].lower() for o in possible)
                return f"{SUMMARY[outcome]} Still possible: {still}."
            return f"{SUMMARY[outcome]} Open: {asked.question} {_answers(asked)}."
        first = next((g for g in grounds if isinstance(g, RuleNode)), None)
        if first is None or first.citation is None:
            return SUMMARY[outcome]
        if outcome == "not_controlled":  # say what happened: "not controlled" has several grounds
            lead = first.sentence[:1].upper() + first.sentence[1:]
            return f"{lead}. Grounds: {first.citation.text()}."
        grounds_cited = list(
            dict.fromkeys(
                g.citation.text() for g in grounds if isinstance(g, RuleNode) and g.citation
            )
        )
        return f"{SUMMARY[outcome]} Grounds: {'; '.join(grounds_cited)}."


def _answers(question: Question) -> str:
    """What each answer gives: ``If a or b: prohibited; otherwise: licence required``."""
    by_outcome: dict[str, list[str]] = {}
    for answer, outcome in question.if_answered.items():
        by_outcome.setdefault(outcome, []).append(answer)
    if len(by_outcome) == 1 and len(question.if_answered) == len(question.options):
        (only,) = by_outcome  # the rules need the answer, but every answer gives the same
        return f"Every answer gives: {OUTCOME_LABELS[only].lower()}"
    ordered = sorted(by_outcome.items(), key=lambda kv: (len(kv[1]), PRIORITY.index(kv[0])))
    parts = [f"If {' or '.join(a)}: {OUTCOME_LABELS[o].lower()}" for o, a in ordered[:-1]]
    last_outcome, last_answers = ordered[-1]
    otherwise = "otherwise" if parts else f"If {' or '.join(last_answers)}"
    if len(question.if_answered) < len(question.options):
        otherwise = f"If {' or '.join(last_answers)}"
    parts.append(f"{otherwise}: {OUTCOME_LABELS[last_outcome].lower()}")
    return "; ".join(parts)


def article_text(article: Article, *, quoted: bool = True) -> ArticleText:
    """An article as a decision carries it (``quoted``: with its words)."""
    meta = article.meta
    assert meta.cites is not None and meta.in_force is not None  # the rule base checks both
    return ArticleText(
        citation=meta.cites, in_force=meta.in_force.text(), quote=meta.quote if quoted else None
    )


def _why_nots(entries: list[WhyNot]) -> list[WhyNot]:
    out: list[WhyNot] = []
    stack = list(reversed(entries))
    while stack:
        entry = stack.pop()
        out.append(entry)
        stack.extend(reversed(entry.because))
    return out


def _negation_why_nots(node: ProofNode) -> list[WhyNot]:
    out: list[WhyNot] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, RuleNode):
            stack.extend(n.children)
        elif isinstance(n, NegationNode):
            out += _why_nots(n.why_not)
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


__all__ = ["OUTCOME", "OUTCOMES", "Decider", "Open"]


def rule_ids(base: RuleBase) -> set[str]:
    """The id of every rule of a rule base, in force or not."""
    return {c.meta.id for c in base.program.clauses if c.meta.id}
