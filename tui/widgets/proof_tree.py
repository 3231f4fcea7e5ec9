"""The explanation document of a decision, drawn as Textual widgets.

The chat does not walk the decision itself: it draws the same report the text and Markdown
renderers lay out (:func:`dualuse.render.report.build_report`), section by section, as foldable
sections of trees. Each tree is drawn by Rich inside a :class:`~textual.widgets.Static`, so every
line wraps at the width of the screen, 80 columns as well as 140. An entry whose detail the
document marks as folded (the full reasoning of a why-not route, the reasons a negation holds) is
shown with that detail in a collapsed section of its own. Every label is a ``rich.text.Text``
built from plain strings, so sentences, names and quotes are never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dualuse.engine import Decision
from dualuse.render.document import Block, Code, Item, Items, Line, Paragraph, Report, plain_text
from dualuse.render.document import Section as DocSection
from dualuse.render.report import build_report
from rich.text import Text
from rich.tree import Tree
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Collapsible, Static

__all__ = [
    "BranchTree",
    "ProofTree",
    "Section",
    "block_widgets",
    "line_text",
    "section_text",
    "section_widgets",
]

_STYLES = {"plain": "", "code": "bold", "strong": "bold", "em": "italic"}

OPEN_AT_FIRST: dict[str, frozenset[str]] = {
    "all": frozenset({"caveats", "grounds", "law", "questions", "conditions"}),
    "why": frozenset({"caveats", "grounds", "law", "conditions"}),
    "why_not": frozenset({"caveats", "why_not", "conditions"}),
    "liability": frozenset({"caveats", "liability", "conditions"}),
    "penalties": frozenset({"caveats", "liability", "conditions"}),
}
"""Which sections are open when a verdict is shown, by what the question asked about."""

FOLD_TITLE = "The full reasoning"


def line_text(spans: Line) -> Text:
    """One line of the document with its styles, never parsed as markup."""
    text = Text()
    for span in spans:
        text.append(span.text, style=_STYLES[span.style])
    return text


def _label(item: Item, marker: str = "") -> Text:
    text = Text(marker)
    for n, spans in enumerate(item.lines):
        if n:
            text.append("\n")
        text.append_text(line_text(spans))
    return text


def _folds(item: Item) -> bool:
    """Whether an entry, or one beneath it, has detail shown folded."""
    return (item.folded and bool(item.children)) or any(_folds(c) for c in item.children)


def _grow(tree: Tree, item: Item, marker: str = "") -> None:
    branch = tree.add(_label(item, marker))
    for child in item.children:
        _grow(branch, child)


def _tree(entries: Iterable[tuple[str, Item]]) -> Tree:
    tree = Tree(Text(), hide_root=True, guide_style="dim")
    for marker, item in entries:
        _grow(tree, item, marker)
    return tree


class BranchTree(Static):
    """Entries of the document drawn as a tree whose lines wrap."""

    DEFAULT_CSS = """
    BranchTree { height: auto; background: $surface; padding: 0; }
    """

    def __init__(self, tree: Tree, *, classes: str | None = None) -> None:
        super().__init__(tree, classes=classes)
        self.drawn = tree
        """The tree as drawn, for a reader that checks every label is on screen."""


class Fold(Collapsible):
    """The detail of an entry, closed until the reader opens it."""

    DEFAULT_CSS = """
    Fold { height: auto; padding: 0; margin: 0 0 0 4; border: none; background: $surface; }
    Fold > Contents { height: auto; padding: 0 0 0 2; }
    """


class Entry(Vertical):
    """An entry whose detail is folded, or holds folded detail further down."""

    DEFAULT_CSS = """
    Entry { height: auto; }
    Entry > .children { height: auto; padding: 0 0 0 4; }
    """

    def __init__(self, item: Item, marker: str = "") -> None:
        super().__init__()
        self.item = item
        self.marker = marker

    def compose(self) -> ComposeResult:
        """The entry's lines, then its detail (folded when the document says so)."""
        yield BranchTree(_tree([(self.marker, Item(self.item.lines))]))
        children = item_widgets(self.item.children)
        if self.item.folded:
            yield Fold(*children, title=FOLD_TITLE, collapsed=True)
        else:
            yield Vertical(*children, classes="children")


def item_widgets(items: Sequence[Item], *, numbered: bool = False) -> list[Widget]:
    """A list of entries: runs without folded detail as one tree, the others as entries.

    A list's entries are marked (``•`` or their number) so that each stands out from the next.
    """
    out: list[Widget] = []
    run: list[tuple[str, Item]] = []
    for n, item in enumerate(items, start=1):
        marker = f"{n}. " if numbered else "• "
        if _folds(item):
            if run:
                out.append(BranchTree(_tree(run)))
                run = []
            out.append(Entry(item, marker))
        else:
            run.append((marker, item))
    if run:
        out.append(BranchTree(_tree(run)))
    return out


def block_widgets(block: Block) -> list[Widget]:
    """One block of a section: a paragraph, a list, or preformatted text."""
    if isinstance(block, Paragraph):
        return [Static(line_text(block.line), classes="paragraph")]
    if isinstance(block, Items):
        return item_widgets(block.items, numbered=block.numbered)
    assert isinstance(block, Code)
    return [Static(Text(block.text), classes="code")]


def section_widgets(section: DocSection) -> list[Widget]:
    """Every block of a section, in order."""
    return [w for block in section.blocks for w in block_widgets(block)]


def _item_lines(item: Item) -> list[str]:
    return [plain_text(s) for s in item.lines] + [t for c in item.children for t in _item_lines(c)]


def section_text(section: DocSection) -> str:
    """A section's lines as plain text, one a line, as the cards' text to copy."""
    out: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            out.append(plain_text(block.line))
        elif isinstance(block, Items):
            out += [t for item in block.items for t in _item_lines(item)]
        else:
            out.append(block.text)
    return "\n".join(out)


def _count(section: DocSection) -> str:
    counts = [len(b.items) for b in section.blocks if isinstance(b, Items)]
    return f" ({counts[0]})" if len(counts) == 1 else ""


class Section(Collapsible):
    """A foldable section of an explanation, titled as the report titles it."""

    DEFAULT_CSS = """
    Section { height: auto; padding: 0; margin: 0; border: none; background: $surface; }
    Section > Contents { height: auto; padding: 0 1 0 2; }
    Section .paragraph { height: auto; }
    """


class ProofTree(Vertical):
    """The explanation of one decision: the report's sections, each foldable."""

    DEFAULT_CSS = """
    ProofTree { height: auto; }
    """

    def __init__(
        self,
        decision: Decision,
        *,
        focus: str = "all",
        report: Report | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.decision = decision
        self.opened = focus
        self.report = report if report is not None else build_report(decision)

    def compose(self) -> ComposeResult:
        """One section per section of the report."""
        opened = OPEN_AT_FIRST.get(self.opened, OPEN_AT_FIRST["all"])
        for section in self.report.sections:
            yield Section(
                *section_widgets(section),
                title=section.title + _count(section),
                collapsed=section.key not in opened,
            )
