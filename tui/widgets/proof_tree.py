"""A decision as collapsible sections (grounds, questions, conditions, liability, why not, ...).

Each section is a tree drawn by Rich inside a :class:`~textual.widgets.Static`, so every line
wraps at the width of the screen, 80 columns as well as 140: a date that explains a verdict is
never cut off at the right edge. Every label is a ``rich.text.Text`` built from plain strings, so
rule sentences, names and quotes are never read as markup (a ``[`` in a party name neither crashes
nor vanishes). Rule identifiers and file names stay out of the text: a person reads citations.
"""

from __future__ import annotations

import re

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
from dualuse.tui.labels import decisive_words, field_label, outcome_words
from rich.text import Text
from rich.tree import Tree
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Collapsible, Static

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


class Node:
    """A branch of an explanation: labels added under it, drawn by Rich (lines wrap)."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree

    def add(self, label: Text, *, expand: bool = True) -> Node:
        """Add a branch (every branch is drawn open: the section folds, not its lines)."""
        return Node(self.tree.add(label))

    def add_leaf(self, label: Text) -> None:
        """Add a line."""
        self.tree.add(label)

    @property
    def children(self) -> list[Tree]:
        """The lines and branches under this one."""
        return list(self.tree.children)


def branch(title: str = "") -> Node:
    """A new explanation whose first level reads as a list."""
    return Node(Tree(Text(title), hide_root=True, guide_style="dim"))


def _t(*parts: tuple[str, str] | str) -> Text:
    """Plain text with optional styles: never parsed as markup."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(part[0], style=part[1])
        else:
            text.append(part)
    return text


class BranchTree(Static):
    """One explanation drawn as a tree whose lines wrap."""

    DEFAULT_CSS = """
    BranchTree { height: auto; background: $surface; padding: 0; }
    """

    def __init__(self, node: Node, *, classes: str | None = None) -> None:
        super().__init__(node.tree, classes=classes)
        self.node = node


class Section(Collapsible):
    """A foldable section of an explanation with a short title."""

    DEFAULT_CSS = """
    Section { height: auto; padding: 0; margin: 0; border: none; background: $surface; }
    Section > Contents { height: auto; padding: 0 1 0 2; }
    """


class ProofTree(Vertical):
    """The explanation of one decision, section by section."""

    DEFAULT_CSS = """
    ProofTree { height: auto; }
    """

    def __init__(self, decision: Decision, *, focus: str = "all", id: str | None = None) -> None:
        super().__init__(id=id)
        self.decision = decision
        self.opened = focus

    def compose(self) -> ComposeResult:
        """One section per part of the decision."""
        for title, node, open_ in sections(self.decision, self.opened):
            yield Section(BranchTree(node), title=title, collapsed=not open_)


def sections(d: Decision, opened: str = "all") -> list[tuple[str, Node, bool]]:
    """The parts of a decision: (title, explanation, open at first)."""
    out: list[tuple[str, Node, bool]] = []
    grounds = branch()
    for ground in d.grounds:
        add_proof(grounds, ground, open_rules=True)
    if not d.grounds:
        grounds.add_leaf(
            _t(("No ground settles the outcome yet: see the open questions.", "italic"))
        )
    out.append((f"Grounds ({len(d.grounds)})", grounds, opened in ("all", "why")))
    if d.articles:
        law = branch()
        for article in d.articles.values():
            node = law.add(_t(article.citation.text(), ("  in force ", "dim"), article.in_force))
            words = article.quote
            if words is not None:
                if words.zh:
                    node.add_leaf(_t(("zh: ", "bold"), words.zh))
                if words.en:
                    node.add_leaf(_t(("en: ", "bold"), words.en))
                if words.source:
                    node.add_leaf(_t(("source: ", "dim"), people_words(words.source)))
        out.append((f"The law relied on ({len(d.articles)})", law, opened in ("all", "why")))
    if d.questions:
        questions = branch()
        for q in d.questions:
            node = questions.add(_t(q.question, (f"  ({decisive_words(q.decisive)})", "dim")))
            node.add_leaf(_t(("why it matters: ", "italic"), people_words(q.reason)))
            if q.options:
                node.add_leaf(_t(("answers: ", "italic"), " / ".join(q.options)))
        out.append((f"Open questions ({len(d.questions)})", questions, opened == "all"))
    if d.conditions and d.outcome != "prohibited":
        conds = branch()
        for cond in d.conditions:
            cite = cond.citation.text() if cond.citation else ""
            conds.add_leaf(_t(cond.sentence, (f"  ({cite})" if cite else "", "dim")))
        out.append((f"Licence conditions ({len(d.conditions)})", conds, True))
    liable = branch()
    add_liability(liable, d)
    out.append(
        (f"Liability and penalties ({len(d.liable)})", liable, opened in ("liability", "penalties"))
    )
    why_not = branch()
    for other in d.why_not:
        add_why_not(why_not, other, expand=False)
    out.append(("Why not the other outcomes", why_not, opened == "why_not"))
    if d.what_would_change:
        change = branch()
        for c in d.what_would_change:
            change.add_leaf(
                _t(
                    "; ".join(c.changes),
                    " → ",
                    (OUTCOME_WORDS[c.outcome], OUTCOME_STYLES[c.outcome]),
                )
            )
        out.append(("What would change the outcome", change, False))
    if d.matches:
        matches = branch()
        for m in d.matches:
            how = (
                _EVIDENCE.get(m.evidence or "", "exact")
                if m.exact
                else (
                    f"near (score {m.score:.0f}), not assumed" if m.matched else "not on any list"
                )
            )
            matches.add_leaf(
                _t(f"{field_label(m.field)}: “{m.text}” → {m.label or '—'}  ", (how, "dim"))
            )
        out.append(("How names were matched", matches, False))
    audit = branch()
    audit.add_leaf(_t(f"as of {d.as_of.isoformat()}; engine {d.audit.engine_version}"))
    audit.add_leaf(_t(f"rules digest {d.audit.rules_digest}"))
    out.append(("Replay record", audit, False))
    return out


_EVIDENCE = {
    "code": "taken: by its control-list code",
    "name": "taken: by its catalogue name",
    "parts": "taken: material and form agree",
}
"""How a taken match was made, in words (the rules of evidence of the item reader)."""

_FILE = re.compile(r"\b(?:[\w-]+/)*[\w-]+\.(?:csv|md|dl|json)\b(?:\s+\d+(?:\.\d+)*)?")


_OUTCOME_ID = re.compile(r"\b(?:license_required|not_controlled|out_of_scope)\b")


def people_words(text: str) -> str:
    """Text without file names or outcome identifiers ("license_required" -> "licence required")."""
    text = _OUTCOME_ID.sub(lambda m: outcome_words(m.group(0)), _FILE.sub("the sources", text))
    return re.sub(r"\s{2,}", " ", text).strip()


def sentences(node: ProofNode) -> list[str]:
    """Every rule sentence of a proof."""
    if not isinstance(node, RuleNode):
        return []
    found = [node.sentence]
    for child in node.children:
        found += sentences(child)
    return found


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
        branch.add_leaf(_t(("law: ", "dim"), cite))
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
                quote.add_leaf(_t(("source: ", "dim"), people_words(node.quote.source)))
        for child in node.children:
            add_proof(branch, child, depth=depth + 1)
    elif isinstance(node, FactNode):
        where = {"transfer": "your facts", "table": "data", "rules": "rule file"}[node.origin]
        detail = ", ".join(people_words(x) for x in (node.source, node.confidence, node.valid) if x)
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
    label = _t(people_words(why.sentence), (f"  ({cite})" if cite else "", "dim"))
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
        cite = lia.citation.text() if lia.citation else "no citation"
        branch = parent.add(_t(lia.sentence, (f"  ({cite})", "dim")), expand=True)
        for p in lia.penalties:
            pcite = p.citation.text() if p.citation else "no citation"
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
