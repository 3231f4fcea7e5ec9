"""Proof trees and why-not explanations as nested report items, in a lawyer's words.

Every rule step shows its sentence, its citation and dates, and the interpretation label where the
rule adopts a reading; every leaf says where its fact came from. No rule id, predicate, variable or
file name is shown: those are in the decision's JSON form.

>>> from dualuse.engine import ComparisonNode
>>> item = proof_item(ComparisonNode(text="N >= T", evaluated="800000 >= 500000", holds=True))
>>> plain_text(item.lines[0])
'Check: 800000 >= 500000, met'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dualuse.engine import ComparisonNode, FactNode, NegationNode, ProofNode, RuleNode, WhyNot
from dualuse.render.document import Item, Line, em, line, plain_text, strong
from dualuse.render.words import REASON_LABELS, citation_text, interpretation_label, source_words

__all__ = ["decisive", "plain_text", "proof_item", "quoted_steps", "rule_ids", "why_not_item"]

_SEP = " · "


def _cited(citation: str, *extra: str) -> Line:
    parts = [p for p in (citation, *extra) if p]
    return line(em(_SEP.join(parts))) if parts else ()


def _rule_item(node: RuleNode) -> Item:
    lines = [
        line(node.sentence),
        _cited(citation_text(node.citation), f"in force {node.in_force}" if node.in_force else ""),
    ]
    if node.interpretation is not None:
        lines.append(
            line(
                strong(interpretation_label(node.interpretation)), " ", node.interpretation.reading
            )
        )
    return Item(tuple(x for x in lines if x), tuple(proof_item(c) for c in node.children))


def _fact_item(node: FactNode) -> Item:
    if node.origin == "transfer":
        return Item((line(node.sentence), line(em("given in the transfer"))))
    if node.origin == "table":
        details = [
            f"source: {source_words(node.source)}" if node.source else "",
            f"confidence {node.confidence}" if node.confidence else "",
            f"valid {node.valid}" if node.valid else "",
        ]
        return Item((line(node.sentence), line(em(_SEP.join(d for d in details if d)))))
    return Item((line(node.sentence), line(em("stated by the rule base"))))


def _negation_item(node: NegationNode) -> Item:
    return Item((line(node.sentence),), tuple(why_not_item(w) for w in node.why_not), folded=True)


def _comparison_item(node: ComparisonNode) -> Item:
    return Item(
        (line(strong("Check"), f": {node.evaluated}, {'met' if node.holds else 'not met'}"),)
    )


def proof_item(node: ProofNode) -> Item:
    """One proof step and, nested under it, the proofs of its conditions."""
    if isinstance(node, RuleNode):
        return _rule_item(node)
    if isinstance(node, FactNode):
        return _fact_item(node)
    if isinstance(node, NegationNode):
        return _negation_item(node)
    return _comparison_item(node)


def why_not_item(why: WhyNot) -> Item:
    """Why one rule did not derive its goal, with its citation, and why its condition failed.

    A step whose one reason says the same is shown once, with the more specific citation; a
    reason already explained elsewhere in the same answer is not explained again, and a reason
    that repeats its step's words only adds its citation.
    """
    while len(why.because) == 1 and why.because[0].sentence == why.sentence:
        why = why.because[0]
    cites = [citation_text(why.citation)]
    reasons: list[WhyNot] = []
    for reason in why.because:
        if reason.sentence == why.sentence:
            cites.append(citation_text(reason.citation))
            reasons += reason.because
        else:
            reasons.append(reason)
    if why.see:
        reasons = []
    extra = REASON_LABELS.get(why.reason, "")
    cited = "; ".join(dict.fromkeys(c for c in cites if c))
    aside = _SEP.join(p for p in (cited, extra) if p)
    first = line(why.sentence, em(f" ({aside})") if aside else "")
    return Item((first,), tuple(why_not_item(b) for b in reasons))


def decisive(why: WhyNot) -> WhyNot:
    """The entry that decides a route: followed down while one reason explains the one above."""
    while len(why.because) == 1:
        why = why.because[0]
    return why


def _walk(nodes: Iterable[ProofNode]) -> Iterator[ProofNode]:
    for node in nodes:
        yield node
        if isinstance(node, RuleNode):
            yield from _walk(node.children)


def rule_ids(nodes: Iterable[ProofNode]) -> list[str]:
    """Every rule id used in the proofs, outermost first, each once."""
    seen: dict[str, None] = {}
    for node in _walk(nodes):
        if isinstance(node, RuleNode):
            seen.setdefault(node.rule_id, None)
    return list(seen)


def quoted_steps(nodes: Iterable[ProofNode]) -> list[RuleNode]:
    """The rule steps that quote words of their own (narrower than their article's)."""
    return [
        n for n in _walk(nodes) if isinstance(n, RuleNode) and n.quote is not None and n.citation
    ]
