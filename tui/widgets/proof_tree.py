"""A decision as a collapsible tree: the sections of the one explanation document, as a tree.

The tree shows the report that :func:`dualuse.render.report.build_report` builds for the text and
Markdown forms, section by section: the chat never walks the decision itself, so it says what
the other forms say. Every label is a ``rich.text.Text`` built from plain strings, so rule
sentences, names and quotes are never read as markup (a ``[`` in a party name neither crashes
nor vanishes).
"""

from __future__ import annotations

from dualuse.engine import OUTCOME_LABELS, Decision, ProofNode, RuleNode
from dualuse.render.document import Item, Items, Line, Paragraph, Section, Span
from dualuse.render.report import build_report
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

OUTCOME_WORDS = {outcome: label.upper() for outcome, label in OUTCOME_LABELS.items()}
"""The outcome labels of the engine, as the chat's badges show them."""
OUTCOME_STYLES = {
    "prohibited": "bold white on dark_red",
    "license_required": "bold black on dark_orange",
    "not_controlled": "bold white on dark_green",
    "out_of_scope": "bold white on grey37",
    "undetermined": "bold black on yellow",
}

_STYLES = {"plain": "", "strong": "bold", "em": "italic dim", "code": "cyan"}
"""How each span style of the document shows in the terminal."""

_OPEN: dict[str, tuple[str, ...]] = {
    "all": ("Grounds", "Questions that remain (most decisive first)", "Licence conditions"),
    "why": ("Grounds", "Licence conditions"),
    "liability": ("Liability", "Licence conditions"),
    "penalties": ("Liability", "Licence conditions"),
    "why_not": ("Why not the other outcomes", "Licence conditions"),
}
"""Which sections open first, for what the user asked about."""

Node = TreeNode[None]


def text_of(spans: Line) -> Text:
    """A line of the document as styled text (never parsed as markup)."""
    text = Text()
    for span in spans:
        text.append(span.text, style=_STYLES.get(span.style, ""))
    return text


def add_item(parent: Node, item: Item, *, expand: bool = True) -> Node:
    """Add one entry of the document: its first line as the label, the rest beneath.

    The children of a folded entry start collapsed.
    """
    first, *rest = item.lines or ((Span(""),),)
    if not rest and not item.children:
        return parent.add_leaf(text_of(first))
    node = parent.add(text_of(first), expand=expand and not item.folded)
    for more in rest:
        node.add_leaf(text_of(more))
    for child in item.children:
        add_item(node, child, expand=expand and not item.folded)
    return node


def add_section(parent: Node, section: Section, *, expand: bool, items_only: bool = False) -> Node:
    """Add a section of the document as a branch.

    ``items_only``: its entries go straight under ``parent``.
    """
    node = (
        parent
        if items_only
        else parent.add(text_of((Span(section.title, "strong"),)), expand=expand)
    )
    for block in section.blocks:
        if isinstance(block, Paragraph):
            node.add_leaf(text_of(block.line))
        elif isinstance(block, Items):
            for item in block.items:
                add_item(node, item)
    return node


def section(decision: Decision, title: str) -> Section | None:
    """The section of the decision's explanation document with this title."""
    return next((s for s in build_report(decision).sections if s.title == title), None)


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
    """The explanation of one decision: the sections of its report."""

    def __init__(self, decision: Decision, *, focus: str = "all", id: str | None = None) -> None:
        super().__init__(Text("Explanation", style="bold"), id=id)
        self.decision = decision
        self.opened = focus
        self._populate()

    def _populate(self) -> None:
        self.root.expand()
        opened = _OPEN.get(self.opened, _OPEN["all"])
        for part in build_report(self.decision).sections:
            add_section(self.root, part, expand=part.title in opened)


def interpretations(node: ProofNode) -> list[RuleNode]:
    """The rule steps of a proof that adopt an interpretation."""
    if not isinstance(node, RuleNode):
        return []
    found = [node] if node.interpretation is not None else []
    for child in node.children:
        found += interpretations(child)
    return found
