"""Proof trees and why-not explanations as nested report items.

Every rule step shows its sentence, rule id, citation and dates, and the interpretation label
where the rule adopts a reading; every leaf says where its fact came from.

>>> from dualuse.engine import ComparisonNode
>>> item = proof_item(ComparisonNode(text="N >= T", evaluated="800000 >= 500000", holds=True))
>>> plain_text(item.lines[0])
'Check: 800000 >= 500000 (N >= T) holds'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dualuse.engine import ComparisonNode, FactNode, NegationNode, ProofNode, RuleNode, WhyNot
from dualuse.render.document import Item, Line, code, em, line, plain_text, strong
from dualuse.render.words import REASON_LABELS, citation_text, interpretation_label

__all__ = ["plain_text", "proof_item", "quoted_steps", "rule_ids", "why_not_item"]

_SEP = " · "


def _rule_line(rule_id: str | None, citation: str, *extra: str) -> Line:
    parts: list[str] = [p for p in (citation, *extra) if p]
    head = code(rule_id) if rule_id else em("no rule: an input fact")
    return line(head, *((_SEP + p) for p in parts))


def _rule_item(node: RuleNode) -> Item:
    lines = [
        line(node.sentence or node.conclusion),
        _rule_line(
            node.rule_id,
            citation_text(node.citation),
            f"in force {node.in_force}" if node.in_force else "",
        ),
    ]
    if node.interpretation is not None:
        lines.append(
            line(
                strong(interpretation_label(node.interpretation)), " ", node.interpretation.reading
            )
        )
    return Item(tuple(lines), tuple(proof_item(c) for c in node.children))


def _fact_item(node: FactNode) -> Item:
    sentence = node.sentence or node.atom
    if node.origin == "transfer":
        field = (" field ", code(node.field)) if node.field else ()
        where = line(strong("Given"), " in the input", *field)
        return Item((line(sentence), where))
    if node.origin == "table":
        details = [
            f"source: {node.source}" if node.source else "",
            f"confidence {node.confidence}" if node.confidence else "",
            f"valid {node.valid}" if node.valid else "",
        ]
        where = line(
            strong("Table row"),
            *((" ", code(node.location)) if node.location else ()),
            *((_SEP + d) for d in details if d),
        )
        return Item((line(sentence), where))
    return Item((line(sentence), line(strong("Fact"), " of the rule base: ", code(node.atom))))


def _negation_item(node: NegationNode) -> Item:
    lines = (line(node.sentence), line(strong("Absent"), ": ", code(node.atom)))
    return Item(lines, tuple(why_not_item(w) for w in node.why_not))


def _comparison_item(node: ComparisonNode) -> Item:
    verdict = "holds" if node.holds else "does not hold"
    return Item(
        (line(strong("Check"), ": ", code(node.evaluated), " (", code(node.text), f") {verdict}"),)
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
    """Why one rule did not derive its goal: the failing condition, then one level further."""
    reason = REASON_LABELS.get(why.reason, why.reason)
    failed = (": ", code(why.failed_condition)) if why.failed_condition else ()
    lines = [
        line(why.sentence),
        line(*_rule_line(why.rule_id, citation_text(why.citation), reason), *failed),
    ]
    if why.values:
        lines.append(line(strong("Values"), ": ", ", ".join(why.values)))
    if why.see:
        lines.append(line(em("explained above under "), code(why.see)))
    return Item(tuple(lines), tuple(why_not_item(b) for b in why.because))


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
    """The rule steps that quote the law, each distinct text once, outermost first."""
    seen: set[tuple[str, str]] = set()
    out: list[RuleNode] = []
    for node in _walk(nodes):
        if isinstance(node, RuleNode) and node.quote and (node.quote.zh or node.quote.en):
            key = (node.quote.zh, node.quote.en)
            if key not in seen:
                seen.add(key)
                out.append(node)
    return out
