"""Answers to follow-ups: why not, the article, who is liable, help."""

from __future__ import annotations

from dualuse.render.memo import why_not_section
from dualuse.render.report import liability_section
from dualuse.tui.examples import EXAMPLES
from dualuse.tui.labels import outcome_words, people_words
from dualuse.tui.replies import ArticleReply, HelpReply, LiabilityReply, WhyNotReply
from dualuse.tui.widgets.proof_tree import section_text, section_widgets
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class ExplanationCard(Vertical):
    """A card in the conversation that explains the current decision."""

    DEFAULT_CSS = """
    ExplanationCard { height: auto; margin: 1 2 0 0; padding: 0 1; border: round $accent; }
    ExplanationCard > Static { height: auto; }
    """


class WhyNotCard(ExplanationCard):
    """Why one outcome (or each other outcome) was not reached."""

    def __init__(self, reply: WhyNotReply) -> None:
        super().__init__()
        self.reply = reply

    def compose(self) -> ComposeResult:
        """The report's section on the other outcomes, for the one asked about or for all."""
        d = self.reply.decision
        wanted = self.reply.outcome
        if wanted == d.outcome:
            yield Static(Text(f"The outcome is {outcome_words(d.outcome)}: see its grounds."))
            return
        title = f"Why not {outcome_words(wanted)}" if wanted else "Why not the other outcomes"
        yield Static(Text(title, style="bold"))
        yield from section_widgets(why_not_section(d, only=wanted))

    @property
    def text(self) -> str:
        """The reasons as plain text."""
        return section_text(why_not_section(self.reply.decision, only=self.reply.outcome))


class ArticleCard(ExplanationCard):
    """The quoted law behind a rule: citation, Chinese text, English translation, source."""

    def __init__(self, reply: ArticleReply) -> None:
        super().__init__()
        self.reply = reply

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Static(Text(self.reply.heading, style="bold"))
        if not self.reply.rules:
            yield Static(Text("No rule to quote yet."))
        for rule in self.reply.rules:
            yield Static(
                article_text(
                    rule.citation,
                    rule.in_force,
                    rule.quote_zh,
                    rule.quote_en,
                    rule.quote_source,
                    rule.interpretation,
                )
            )

    @property
    def text(self) -> str:
        """The quotes as plain text."""
        return "\n".join(f"{r.citation} {r.quote_zh} {r.quote_en}" for r in self.reply.rules)


def article_text(
    citation: str,
    in_force: str,
    zh: str,
    en: str,
    source: str,
    interpretation: str | None,
) -> Text:
    """A rule's citation and words, as plain text with styles."""
    text = Text()
    text.append(citation, style="bold")
    text.append(f"   in force {in_force}\n", style="dim")
    if zh:
        text.append("中文: ", style="bold")
        text.append(zh + "\n")
    if en:
        text.append("English (working translation): ", style="bold")
        text.append(en + "\n")
    if source:
        text.append(f"Source: {people_words(source)}\n", style="dim")
    if interpretation:
        text.append("Interpretation: ", style="bold magenta")
        text.append(interpretation + "\n")
    return text


class LiabilityCard(ExplanationCard):
    """Who is exposed to what."""

    def __init__(self, reply: LiabilityReply) -> None:
        super().__init__()
        self.reply = reply

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Static(Text("Who is liable", style="bold"))
        yield from section_widgets(liability_section(self.reply.decision))

    @property
    def text(self) -> str:
        """Each liability as plain text."""
        return section_text(liability_section(self.reply.decision))


class HelpCard(ExplanationCard):
    """A few example questions in the conversation."""

    def __init__(self, reply: HelpReply) -> None:
        super().__init__()
        self.reply = reply

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        text = Text("Ask about a transfer in plain words, for example:\n", style="bold")
        for question, what in EXAMPLES[:8]:
            text.append("  • ")
            text.append(question)
            text.append(f"  ({what})\n", style="dim")
        text.append(
            "F1 for all examples and keys; Ctrl+P for rules, articles and export.", style="italic"
        )
        yield Static(text)
