"""A verdict: the outcome in one line, the report's headline, then its sections."""

from __future__ import annotations

from collections.abc import Iterator

from dualuse.engine import ProofNode, RuleNode
from dualuse.render.report import build_report
from dualuse.render.words import citation_text, interpretation_label
from dualuse.tui.labels import OUTCOME_STYLES, outcome_badge
from dualuse.tui.replies import VerdictReply
from dualuse.tui.widgets.proof_tree import ProofTree, line_text
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


def headline(reply: VerdictReply) -> Text:
    """The one-line outcome, with the change for a what-if."""
    d = reply.decision
    text = Text()
    text.append(f" {outcome_badge(d.outcome)} ", style=OUTCOME_STYLES[d.outcome])
    if reply.previous is not None and reply.previous != d.outcome:
        text.append(f"  (was {outcome_badge(reply.previous)})", style="bold")
    elif reply.previous is not None:
        text.append("  (unchanged)", style="dim")
    text.append(f"  as of {d.as_of.isoformat()}", style="dim")
    return text


def _steps(node: ProofNode) -> Iterator[RuleNode]:
    if isinstance(node, RuleNode):
        yield node
        for child in node.children:
            yield from _steps(child)


class VerdictCard(Vertical):
    """One decision."""

    DEFAULT_CSS = """
    VerdictCard { height: auto; margin: 1 2 0 0; padding: 0 1; border: round $secondary; }
    VerdictCard > .headline { height: auto; }
    VerdictCard > .summary { height: auto; }
    VerdictCard > .interpretation { height: auto; margin: 1 0 0 0; }
    VerdictCard > ProofTree { margin: 1 0 0 0; }
    """

    def __init__(self, reply: VerdictReply) -> None:
        super().__init__()
        self.reply = reply
        self.decision = reply.decision
        self.report = build_report(reply.decision)

    def compose(self) -> ComposeResult:
        """The badge, the report's headline lines (the date is in the badge), then the sections."""
        yield Static(headline(self.reply), classes="headline")
        for spans in self.report.headline:
            if spans and spans[0].text != "As of":
                yield Static(line_text(spans), classes="summary")
        fresh = set(self.reply.fresh_interpretations)
        seen: set[str] = set()
        for step in (s for g in self.decision.grounds for s in _steps(g)):
            i = step.interpretation
            if i is None or step.rule_id not in fresh or i.reading in seen:
                continue
            seen.add(i.reading)
            text = Text(interpretation_label(i), style="bold magenta")
            cite = citation_text(step.citation)
            text.append(f" {i.reading}" + (f" ({cite})" if cite else ""))
            yield Static(text, classes="interpretation")
        yield ProofTree(self.decision, focus=self.reply.focus, report=self.report)

    @property
    def text(self) -> str:
        """The headline and summary as plain text."""
        caveats = "".join(f"Caveat: {c.text}\n" for c in self.decision.caveats)
        return f"{headline(self.reply).plain}\n{caveats}{self.decision.summary}"
