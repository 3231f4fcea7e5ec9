"""What changed between two decisions of one transfer, and why, as a difference of proofs.

The outcome, who is liable for what and at what fine, and the licence conditions are compared.
The reason is read from the proofs: a table row (a list entry, a suspension, a catalogue line)
that the new proofs rest on and the old did not, or the other way round, with the rule that uses
it and its citation; and the grounds (the top steps of the proofs) that now hold or no longer do.
Everything is said in the sentences the rules and tables give, never in predicate names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from dualuse.engine import Decision, FactNode, Liability, ProofNode, RuleInfo, RuleNode
from dualuse.render.words import citation_text, fine_range, humanise, outcome_label
from pydantic import BaseModel, ConfigDict

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Difference(BaseModel):
    """How a transfer's decision changed, in words."""

    model_config = _MODEL
    outcome_before: str
    """The recorded outcome."""
    outcome_after: str
    """The outcome now."""
    liable_added: list[str]
    """Liabilities the new decision has and the old did not."""
    liable_removed: list[str]
    """Liabilities the old decision had and the new does not."""
    conditions_added: list[str]
    """Licence conditions that now apply."""
    conditions_removed: list[str]
    """Licence conditions that no longer apply."""
    now_holds: list[str]
    """Table rows and rules the new proofs rest on that the old did not, with citations."""
    no_longer_holds: list[str]
    """Table rows and rules the old proofs rested on that the new do not, with citations."""

    @property
    def changed(self) -> bool:
        """Whether the outcome, the liability or the conditions changed."""
        return bool(
            self.outcome_before != self.outcome_after
            or self.liable_added
            or self.liable_removed
            or self.conditions_added
            or self.conditions_removed
        )

    @property
    def headline(self) -> str:
        """The change in one phrase."""
        if self.outcome_before != self.outcome_after:
            return f"{outcome_label(self.outcome_before)} → {outcome_label(self.outcome_after)}"
        parts = []
        if self.liable_added or self.liable_removed:
            parts.append("liability changed")
        if self.conditions_added or self.conditions_removed:
            parts.append("licence conditions changed")
        return f"{outcome_label(self.outcome_after)}, " + " and ".join(parts)


def _liability(item: Liability) -> str:
    fines = "; ".join(
        f"{fine_range(p.min_cny, p.max_cny)} ({citation_text(p.citation)})"
        if p.citation
        else fine_range(p.min_cny, p.max_cny)
        for p in item.penalties
    )
    where = citation_text(item.citation)
    text = f"{item.party}: liable for {humanise(item.basis)}" + (f" ({where})" if where else "")
    return text + (f"; fine {fines}" if fines else "")


def _roots(decision: Decision) -> list[ProofNode]:
    return [*decision.grounds, *(x.proof for x in decision.liable if x.proof is not None)]


def _walk(nodes: Iterable[ProofNode]) -> Iterator[ProofNode]:
    for node, _depth in _walk_depth(nodes, 0):
        yield node


def _walk_depth(nodes: Iterable[ProofNode], depth: int) -> Iterator[tuple[ProofNode, int]]:
    for node in nodes:
        yield node, depth
        if isinstance(node, RuleNode):
            yield from _walk_depth(node.children, depth + 1)


def _rows(decision: Decision) -> dict[str, FactNode]:
    return {
        n.atom: n
        for n in _walk(_roots(decision))
        if isinstance(n, FactNode) and n.origin == "table"
    }


def _rule_ids(decision: Decision) -> set[str]:
    proved = {n.rule_id for n in _walk(_roots(decision)) if isinstance(n, RuleNode)}
    return proved or set(decision.audit.rules_fired)


def _valid(text: str | None) -> str:
    if not text:
        return ""
    start, _, end = text.partition(" to ")
    if end and end != "open":
        return f"from {start} to {end}"
    return f"from {start}"


def _row_words(row: FactNode) -> str:
    sentence = row.sentence or "a row of the tables"
    valid = _valid(row.valid)
    return f"{sentence}{' ' + valid if valid else ''}" + (f" ({row.source})" if row.source else "")


def _rule_words(rule: RuleNode) -> str:
    where = citation_text(rule.citation)
    return f"{where}: {rule.sentence}" if where else rule.sentence


def _unbound(says: str) -> str:
    """A rule's sentence template without its placeholders."""
    return re.sub(r"\s*\{[^}]*\}", "", says).strip()


def _fired_only(
    mine: Decision, other: Decision, rules: Mapping[str, RuleInfo], shown: set[str]
) -> list[str]:
    """Rules that fired for ``mine`` only and no proof shows (e.g. behind a condition)."""
    out = []
    conditions = {c.rule_id for c in mine.conditions}
    for rule_id in sorted(set(mine.audit.rules_fired) - set(other.audit.rules_fired)):
        info = rules.get(rule_id)
        if rule_id in shown or rule_id in conditions or info is None or not info.says:
            continue
        out.append(f"{info.citation}: {_unbound(info.says)}" if info.citation else info.says)
    return out


def _changed_steps(
    mine: Decision, other: Decision, rules: Mapping[str, RuleInfo] | None = None
) -> list[str]:
    """Rows and rules in ``mine``'s proofs that ``other``'s do not have, in words."""
    other_rows = _rows(other)
    other_rules = _rule_ids(other)
    fresh_rows = {atom for atom in _rows(mine) if atom not in other_rows}
    out: dict[str, None] = {}
    roots = _roots(mine)
    for node in _walk(roots):
        if isinstance(node, FactNode) and node.atom in fresh_rows:
            out[_row_words(node)] = None
    for root in roots:
        if isinstance(root, RuleNode) and root.rule_id not in other_rules:
            out[_rule_words(root)] = None
    for node in _walk(roots):
        if (
            isinstance(node, RuleNode)
            and node.rule_id not in other_rules
            and any(isinstance(c, FactNode) and c.origin == "table" for c in node.children)
        ):
            out[_rule_words(node)] = None
    if not out and rules is not None:
        shown = {n.rule_id for n in _walk(roots) if isinstance(n, RuleNode)}
        out.update(dict.fromkeys(_fired_only(mine, other, rules, shown)))
    return list(out)


def compare(
    before: Decision,
    after: Decision,
    *,
    rules_before: Mapping[str, RuleInfo] | None = None,
    rules_after: Mapping[str, RuleInfo] | None = None,
) -> Difference:
    """The difference between a recorded decision and a new one of the same transfer.

    ``rules_before`` and ``rules_after`` (rule id to rule, of each decision's rule base) let the
    reason name rules that fired without a proof to show them, such as those behind a licence
    condition; without them only what the proofs show is said.
    """
    old_liable = {_liability(x): None for x in before.liable}
    new_liable = {_liability(x): None for x in after.liable}
    old_conditions = {
        f"{c.sentence} ({citation_text(c.citation)})" if c.citation else c.sentence: None
        for c in before.conditions
    }
    new_conditions = {
        f"{c.sentence} ({citation_text(c.citation)})" if c.citation else c.sentence: None
        for c in after.conditions
    }
    return Difference(
        outcome_before=before.outcome,
        outcome_after=after.outcome,
        liable_added=[x for x in new_liable if x not in old_liable],
        liable_removed=[x for x in old_liable if x not in new_liable],
        conditions_added=[x for x in new_conditions if x not in old_conditions],
        conditions_removed=[x for x in old_conditions if x not in new_conditions],
        now_holds=_changed_steps(after, before, rules_after),
        no_longer_holds=_changed_steps(before, after, rules_before),
    )
