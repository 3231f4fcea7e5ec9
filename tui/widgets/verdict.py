"""A verdict: the outcome in one line, then the explanation tree."""

from __future__ import annotations

from dualuse.tui.replies import VerdictReply
from dualuse.tui.widgets.proof_tree import (
    OUTCOME_STYLES,
    OUTCOME_WORDS,
    ProofTree,
    interpretations,
    people_words,
)
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


def headline(reply: VerdictReply) -> Text:
    """The one-line outcome, with the change for a what-if."""
    d = reply.decision
    text = Text()
    text.append(f" {OUTCOME_WORDS[d.outcome]} ", style=OUTCOME_STYLES[d.outcome])
    if reply.previous is not None and reply.previous != d.outcome:
        text.append(f"  (was {OUTCOME_WORDS[reply.previous]})", style="bold")
    elif reply.previous is not None:
        text.append("  (unchanged)", style="dim")
    text.append(f"  as of {d.as_of.isoformat()}", style="dim")
    return text


class VerdictCard(Vertical):
    """One decision."""

    DEFAULT_CSS = """
    VerdictCard { height: auto; margin: 1 2 0 0; padding: 0 1; border: round $secondary; }
    VerdictCard > .headline { height: auto; }
    VerdictCard > .summary { height: auto; margin: 0 0 1 0; }
    VerdictCard > .caveat { height: auto; }
    VerdictCard > .interpretation { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, reply: VerdictReply) -> None:
        super().__init__()
        self.reply = reply
        self.decision = reply.decision

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        d = self.decision
        yield Static(headline(self.reply), classes="headline")
        for caveat in d.caveats:  # what to know before relying on the answer comes first
            yield Static(Text(f"Caveat: {caveat.text}", style="bold yellow"), classes="caveat")
        yield Static(Text(people_words(d.summary)), classes="summary")
        seen: set[str] = set()
        fresh = set(self.reply.fresh_interpretations)
        for ground in d.grounds:
            for step in interpretations(ground):
                i = step.interpretation
                if i is None or step.rule_id in seen or step.rule_id not in fresh:
                    continue
                seen.add(step.rule_id)
                text = Text()
                text.append(
                    f"Interpretation — held by {i.by}, confidence {i.confidence or 'not stated'}",
                    style="bold magenta",
                )
                cite = f" ({step.citation.text()})" if step.citation else ""
                text.append(f"{cite}: {i.reading}")
                yield Static(text, classes="interpretation")
        if seen != {s.rule_id for g in d.grounds for s in interpretations(g)}:
            yield Static(
                Text("Interpretations shown before are in the grounds below.", style="dim italic"),
                classes="interpretation",
            )
        yield ProofTree(d, focus=self.reply.focus)

    @property
    def text(self) -> str:
        """The headline and summary as plain text."""
        caveats = "".join(f"Caveat: {c.text}\n" for c in self.decision.caveats)
        return f"{headline(self.reply).plain}\n{caveats}{self.decision.summary}"
