"""Questions for the unknown facts that would change the answer, most decisive first.

An open question is asked when some answer changes the outcome: each answer is evaluated again
from the decision's world (only what it changes is re-evaluated, and only what the outcome
needs) and the question ranked by how decisive it is. What known facts would change a settled
outcome: :mod:`dualuse.engine.decide.changes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualuse.engine.datalog.threevalued import World
from dualuse.engine.decide.answered import Answered
from dualuse.engine.decide.decision import OUTCOME_LABELS, Liability, Outcome, Question
from dualuse.engine.decide.facts import InputFacts
from dualuse.engine.explain.prover import Prover
from dualuse.engine.explain.sentences import enumeration

if TYPE_CHECKING:
    from dualuse.engine.decide.decider import Decider

OUTCOME = frozenset({"outcome"})
"""The goal of the variants evaluated to rank questions and find what would change."""


def questions_for(
    decider: Decider,
    facts: InputFacts,
    answered: Answered,
    outcome: Outcome,
    possible: list[Outcome],
) -> list[Question]:
    """Open facts that would change the outcome, most decisive first.

    ``answered``: the variants of ``facts`` with one question answered (shared with the caveats).
    """
    if outcome != "undetermined":
        return []
    scored: list[tuple[int, int, Question]] = []
    for order, opened in enumerate(facts.open):
        if opened.penalty_only:
            continue
        results: dict[str, tuple[Outcome, list[Outcome], World, InputFacts]] = {}
        for answer in opened.answers:
            variant, w = answered.variant(opened, answer)
            o, poss = decider.outcome_of(w)
            results[answer] = (o, poss, w, variant)
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
        citations: dict[tuple[str, Outcome], list[str]] = {}  # per answer and outcome
        for answer, (o, _poss, w, variant) in results.items():
            if o == "undetermined":
                continue
            sub = Prover(decider.base, w, decider.day, variant.fields, decider.label)
            for rule_id, citation in sub.ground_rules("outcome", (o,)):
                if rule_id not in rule_ids:
                    rule_ids.append(rule_id)
                    if citation is not None:
                        cited = citations.setdefault((answer, o), [])
                        if citation.text() not in cited:
                            cited.append(citation.text())
        reason = (
            "; ".join(
                f"if {answer}: {OUTCOME_LABELS[o].lower()} ({cite_together(cited)})"
                for (answer, o), cited in citations.items()
            )
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


def cite_together(citations: list[str]) -> str:
    """Citations as one, parts of one provision once under it.

    >>> cite_together(["Announcement 2026 No. 1, cl. 1, first prong",
    ...                "Announcement 2026 No. 1, cl. 1, second prong", "ECL Art. 12"])
    'Announcement 2026 No. 1, cl. 1, first prong and second prong; ECL Art. 12'
    >>> cite_together(["Ann. 1, cl. 1, first prong", "Ann. 1, cl. 1, second prong",
    ...                "Ann. 1, cl. 1, third prong"])
    'Ann. 1, cl. 1, first prong, second prong and third prong'
    """
    parts: dict[str, list[str]] = {}
    for text in citations:
        head, comma, tail = text.rpartition(", ")
        if not comma:
            head, tail = text, ""
        parts.setdefault(head, []).append(tail)
    out = []
    for head, tails in parts.items():
        named = [t for t in tails if t]
        if len(named) < len(tails) or not named:
            out.append(head)  # the provision itself is cited: its parts are within it
        else:
            out.append(f"{head}, {enumeration(named)}")
    return "; ".join(out)


def penalty_questions(
    decider: Decider, liable: list[Liability], facts: InputFacts
) -> list[Question]:
    """Ask for the turnover where a party is liable and no fine range could be computed."""
    out = []
    asked: set[str] = set()
    exporters = {decider.label(row[0]) for row in facts.known.get("exporter", ())}
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
                reason=f"the fine range for {lia.basis.replace('_', ' ')} depends on it ({where})",
                rule_ids=[lia.rule_id],
            )
        )
    return out[:3]
