"""A decision as a collapsible tree: grounds, why-not, conditions, liability, questions, audit.

Every label is a ``rich.text.Text`` built from plain strings, so rule sentences, names and quotes
are never read as markup (a ``[`` in a party name neither crashes nor vanishes).
"""

from __future__ import annotations

from dualuse.engine import (
    ComparisonNode,
    Decision,
    FactNode,
    NegationNode,
    OutcomeWhyNot,
    ProofNode,
    RuleNode,
    WhyNot,
)
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

OUTCOME_WORDS = {
    "prohibited": "PROHIBITED",
    "license_required": "LICENCE REQUIRED",
    "not_controlled": "NOT CONTROLLED",
    "out_of_scope": "OUT OF SCOPE",
    "undetermined": "UNDETERMINED",
}
OUTCOME_STYLES = {
    "prohibited": "bold white on dark_red",
    "license_required": "bold black on dark_orange",
    "not_controlled": "bold white on dark_green",
    "out_of_scope": "bold white on grey37",
    "undetermined": "bold black on yellow",
}

Node = TreeNode[None]


def _t(*parts: tuple[str, str] | str) -> Text:
    """Plain text with optional styles: never parsed as markup."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(part[0], style=part[1])
        else:
            text.append(part)
    return text


class BranchTree(Tree[None]):
    """A tree whose root is hidden: its first level reads as a list of sections."""

    DEFAULT_CSS = """
    BranchTree { height: auto; max-height: 40; background: $surface; padding: 0 1; }
    """

    def on_mount(self) -> None:
        """Hide the root once the tree has lines."""
        self.show_root = False
        self.guide_depth = 3


class ProofTree(BranchTree):
    """The explanation of one decision."""

    def __init__(self, decision: Decision, *, focus: str = "all", id: str | None = None) -> None:
        super().__init__(_t(("Explanation", "bold")), id=id)
        self.decision = decision
        self.opened = focus
        self._populate()

    def _populate(self) -> None:
        d = self.decision
        root = self.root
        root.expand()
        grounds = root.add(
            _t(("Grounds", "bold"), f"  ({len(d.grounds)})"), expand=self.opened in ("all", "why")
        )
        for ground in d.grounds:
            add_proof(grounds, ground, open_rules=True)
        if not d.grounds:
            grounds.add_leaf(
                _t(("No ground settles the outcome yet: see the open questions.", "italic"))
            )
        if d.questions:
            questions = root.add(
                _t(("Open questions", "bold"), f"  ({len(d.questions)})"),
                expand=self.opened == "all",
            )
            for q in d.questions:
                node = questions.add(_t(q.question, (f"  [{q.decisive}]", "dim")))
                node.add_leaf(_t(("why it matters: ", "italic"), q.reason))
                if q.options:
                    node.add_leaf(_t(("answers: ", "italic"), " / ".join(q.options)))
        if d.conditions:
            conds = root.add(
                _t(("Licence conditions", "bold"), f"  ({len(d.conditions)})"), expand=True
            )
            for cond in d.conditions:
                cite = cond.citation.text() if cond.citation else cond.rule_id
                conds.add_leaf(_t(cond.sentence, (f"  ({cite})", "dim")))
        liable = root.add(
            _t(("Liability and penalties", "bold"), f"  ({len(d.liable)})"),
            expand=self.opened in ("liability", "penalties"),
        )
        add_liability(liable, d)
        why_not = root.add(
            _t(("Why not the other outcomes", "bold")), expand=self.opened == "why_not"
        )
        for other in d.why_not:
            add_why_not(why_not, other, expand=False)
        if d.what_would_change:
            change = root.add(_t(("What would change the outcome", "bold")))
            for c in d.what_would_change:
                change.add_leaf(
                    _t(
                        "; ".join(c.changes),
                        " → ",
                        (OUTCOME_WORDS[c.outcome], OUTCOME_STYLES[c.outcome]),
                    )
                )
        if d.matches:
            matches = root.add(_t(("How names were matched", "bold")))
            for m in d.matches:
                how = (
                    "exact"
                    if m.exact
                    else (
                        f"near (score {m.score:.0f}), not assumed"
                        if m.matched
                        else "not on any list"
                    )
                )
                matches.add_leaf(_t(f"{m.field}: “{m.text}” → {m.label or '—'}  ", (how, "dim")))
        audit = root.add(_t(("Replay record", "bold")))
        audit.add_leaf(_t(f"as of {d.as_of.isoformat()}; engine {d.audit.engine_version}"))
        audit.add_leaf(_t(f"rules digest {d.audit.rules_digest}"))


def interpretations(node: ProofNode) -> list[RuleNode]:
    """The rule steps of a proof that adopt an interpretation."""
    if not isinstance(node, RuleNode):
        return []
    found = [node] if node.interpretation is not None else []
    for child in node.children:
        found += interpretations(child)
    return found


def add_proof(parent: Node, node: ProofNode, *, open_rules: bool = False, depth: int = 0) -> None:
    """Add one proof node and its children under ``parent``."""
    if isinstance(node, RuleNode):
        cite = node.citation.text() if node.citation else "no citation"
        branch = parent.add(_t(node.sentence), expand=open_rules and depth < 1)
        branch.add_leaf(_t(("rule ", "dim"), (node.rule_id, "cyan"), ("  ·  ", "dim"), cite))
        if node.interpretation is not None:
            i = node.interpretation
            branch.add_leaf(
                _t(
                    (
                        f"Interpretation — held by {i.by}, confidence "
                        f"{i.confidence or 'not stated'}: ",
                        "bold magenta",
                    ),
                    i.reading,
                )
            )
        if node.in_force:
            branch.add_leaf(_t(("in force ", "dim"), node.in_force))
        if node.quote is not None and (node.quote.zh or node.quote.en):
            quote = branch.add(_t(("Quote of the law (Chinese and English)", "italic")))
            if node.quote.zh:
                quote.add_leaf(_t(("zh: ", "bold"), node.quote.zh))
            if node.quote.en:
                quote.add_leaf(_t(("en: ", "bold"), node.quote.en))
            if node.quote.source:
                quote.add_leaf(_t(("source: ", "dim"), node.quote.source))
        for child in node.children:
            add_proof(branch, child, depth=depth + 1)
    elif isinstance(node, FactNode):
        where = {"transfer": "your facts", "table": "data", "rules": "rule file"}[node.origin]
        detail = ", ".join(x for x in (node.source, node.confidence, node.valid) if x)
        label = _t(
            ("fact: ", "green"),
            node.sentence or node.atom,
            (f"  ({where}", "dim"),
            (f"; {detail}" if detail else "", "dim"),
            (")", "dim"),
        )
        parent.add_leaf(label)
    elif isinstance(node, ComparisonNode):
        parent.add_leaf(
            _t(
                ("check: ", "green"),
                node.evaluated,
                ("  holds" if node.holds else "  fails", "dim"),
            )
        )
    elif isinstance(node, NegationNode):
        branch = parent.add(_t(("not: ", "yellow"), node.sentence))
        for why in node.why_not:
            add_reason(branch, why)


def add_reason(parent: Node, why: WhyNot, depth: int = 0) -> None:
    """Add one why-not reason and, one level further, its causes."""
    cite = why.citation.text() if why.citation else ""
    label = _t(why.sentence, (f"  {why.rule_id or 'input'}", "cyan"), (f"  {cite}", "dim"))
    if not why.because and not why.values:
        parent.add_leaf(label)
        return
    branch = parent.add(label)
    for value in why.values:
        branch.add_leaf(_t(("value: ", "dim"), value))
    if depth < 4:
        for cause in why.because:
            add_reason(branch, cause, depth + 1)


def add_why_not(parent: Node, other: OutcomeWhyNot, *, expand: bool) -> Node:
    """Add why one outcome was not reached."""
    branch = parent.add(
        _t(
            "Not ",
            (OUTCOME_WORDS[other.outcome], OUTCOME_STYLES[other.outcome]),
            f"  ({len(other.rules)} rule(s) could have reached it)",
        ),
        expand=expand,
    )
    for why in other.rules:
        add_reason(branch, why)
    return branch


def add_liability(parent: Node, d: Decision) -> None:
    """Add who is liable, the fines and the other sanctions."""
    if not d.liable:
        parent.add_leaf(_t(("Nobody is exposed on these facts.", "italic")))
    for lia in d.liable:
        cite = lia.citation.text() if lia.citation else lia.rule_id
        branch = parent.add(_t(lia.sentence, (f"  ({cite})", "dim")), expand=True)
        for p in lia.penalties:
            pcite = p.citation.text() if p.citation else p.rule_id
            fine = branch.add(
                _t(
                    ("fine ", "bold"),
                    f"{p.min_cny:,} to {p.max_cny:,} yuan",
                    (f"  ({pcite})", "dim"),
                )
            )
            fine.add_leaf(_t(("how: ", "dim"), p.arithmetic))
            if p.interpretation is not None:
                fine.add_leaf(
                    _t(
                        (
                            f"Interpretation — held by {p.interpretation.by}, "
                            f"confidence {p.interpretation.confidence}: ",
                            "bold magenta",
                        ),
                        p.interpretation.reading,
                    )
                )
        if not lia.penalties:
            branch.add_leaf(
                _t(
                    (
                        "fine: unknown until the turnover is known (ask: what is the "
                        "fine for 800,000 yuan?)",
                        "italic",
                    )
                )
            )
        for s in lia.sanctions:
            branch.add_leaf(_t(("also: ", "bold"), s.sentence))
        if lia.proof is not None:
            proof = branch.add(_t(("why liable", "italic")))
            add_proof(proof, lia.proof)
