"""Read a decision the way a reviewing lawyer does: which rules it rests on, which it weighed.

The engine returns proofs as trees (``RuleNode`` with ``children``; leaves for facts, comparisons
and negations) and why-not explanations as trees (``WhyNot`` with ``because``). These helpers walk
them through the public models' attributes only.

A rule *fired* when it appears in a proof (the grounds, a liability's proof, a penalty, a sanction
or a licence condition) or the decision's audit lists it among the rules that derived something.
A rule was *considered and did not fire* when it appears in a why-not explanation (of an outcome
not reached, or of a negated condition inside a proof), when the engine names it among the rules
the decision weighed without applying, or when the
decision names it, without applying it, as a rule that an open question feeds or that a change of
facts would make fire.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .phrases import CitationQuery


def rule_nodes(node: Any) -> Iterator[Any]:
    """Every rule step of a proof tree, the root first."""
    if getattr(node, "kind", None) == "rule":
        yield node
        for child in node.children:
            yield from rule_nodes(child)


def fact_nodes(node: Any) -> Iterator[Any]:
    """Every fact leaf of a proof tree."""
    kind = getattr(node, "kind", None)
    if kind == "fact":
        yield node
    elif kind == "rule":
        for child in node.children:
            yield from fact_nodes(child)


def negation_why_nots(node: Any) -> Iterator[Any]:
    """The why-not entries under the negated conditions of a proof tree."""
    kind = getattr(node, "kind", None)
    if kind == "negation":
        yield from node.why_not
    elif kind == "rule":
        for child in node.children:
            yield from negation_why_nots(child)


def why_not_entries(entry: Any) -> Iterator[Any]:
    """A why-not entry and every entry under it (``because``)."""
    yield entry
    for sub in entry.because:
        yield from why_not_entries(sub)


def proofs(decision: Any) -> Iterator[Any]:
    """Every proof tree of a decision: the grounds, then each liability's proof."""
    yield from decision.grounds
    for liability in decision.liable:
        yield liability.proof


def ground_rules(decision: Any) -> list[Any]:
    """The rule steps of the grounds of the outcome (not of liability)."""
    return [node for root in decision.grounds for node in rule_nodes(root)]


def fired(decision: Any) -> set[str]:
    """The ids of every rule the decision applied."""
    ids = {node.rule_id for root in proofs(decision) for node in rule_nodes(root)}
    ids |= {condition.rule_id for condition in decision.conditions}
    ids |= set(decision.audit.rules_fired)  # every rule that derived something, shown or not
    for liability in decision.liable:
        ids.add(liability.rule_id)
        ids |= {penalty.rule_id for penalty in liability.penalties}
        ids |= {sanction.rule_id for sanction in liability.sanctions}
    return ids


def all_why_nots(decision: Any) -> Iterator[Any]:
    """Every why-not entry of a decision, nested ones included."""
    for outcome in decision.why_not:
        for entry in outcome.rules:
            yield from why_not_entries(entry)
    for root in proofs(decision):
        for entry in negation_why_nots(root):
            yield from why_not_entries(entry)


def considered(decision: Any, not_fired: Iterable[str] = ()) -> set[str]:
    """The ids of every rule the decision weighed and found not to apply.

    ``not_fired`` are the rules the engine names as weighed without applying
    (``Engine.rules_not_fired``): evaluated bottom-up and derived nothing.
    """
    ids = {entry.rule_id for entry in all_why_nots(decision) if entry.rule_id}
    ids |= set(not_fired)
    named = {r for q in decision.questions for r in q.rule_ids}
    named |= {r for change in decision.what_would_change for r in change.rule_ids}
    return ids | (named - fired(decision))


def ground_citations(decision: Any) -> list[Any]:
    """The citations of the rule steps of the grounds."""
    return [node.citation for node in ground_rules(decision) if node.citation is not None]


def cites(decision: Any, query: CitationQuery) -> bool:
    """True when a rule step of the grounds cites ``query``."""
    return any(query.matches(citation) for citation in ground_citations(decision))


def describe(decision: Any) -> str:
    """A few lines on a decision, for failure messages."""
    lines = [f"outcome: {decision.outcome} ({decision.summary})"]
    tops = [
        f"{g.rule_id} [{g.citation.text() if g.citation else ''}]"
        for g in decision.grounds
        if getattr(g, "kind", None) == "rule"
    ]
    if tops:
        lines.append("grounds: " + "; ".join(tops))
    if decision.possible_outcomes:
        lines.append("possible outcomes: " + ", ".join(decision.possible_outcomes))
    if decision.questions:
        lines.append(
            "questions: " + "; ".join(f"{q.field}: {q.question}" for q in decision.questions[:3])
        )
    if decision.liable:
        lines.append(
            "liable: "
            + "; ".join(
                f"{item.party} for {item.basis} "
                + ", ".join(f"[{p.min_cny:,}-{p.max_cny:,} {p.rule_id}]" for p in item.penalties)
                for item in decision.liable
            )
        )
    if decision.conditions:
        lines.append("conditions: " + ", ".join(c.id for c in decision.conditions))
    return "\n".join(lines)


def same_party(a: str, b: str) -> bool:
    """True when two spellings name the same party (case, spaces and punctuation aside)."""
    return _squash(a) == _squash(b)


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z\u3040-\u9fff]+", "", text.lower())
