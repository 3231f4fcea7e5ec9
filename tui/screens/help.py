"""The help screen: what to ask, with examples, and the keys."""

from __future__ import annotations

from typing import ClassVar

from dualuse.tui.examples import EXAMPLES, KEYS
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def help_text() -> Group:
    """The help: what the chat does, then a table of examples and keys."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    title = Text("dualuse chat — help", style="bold underline")
    intro = (
        Text(
            "Describe a transfer in plain words (English, 中文 or 日本語 names work). I show "
            "what I "
            "understood, then the verdict with its grounds; when a fact is missing I ask the most "
            "decisive question first and say why. Follow-ups revise the current case. Say who "
            '“we” are once (dualuse chat --as "Company, CN"): it is kept.'
        ),
    )
    examples = [
        Text.assemble(("“" + question + "”", "cyan"), "  ", (what, "dim"))
        for question, what in EXAMPLES
    ]
    for key, what in KEYS:
        table.add_row(Text(key), Text(what))
    closing = Text(
        "Interpretations are labelled with who holds them and how sure they are. The engine "
        "never guesses a near-matching name: it asks.",
        style="italic",
    )
    blank = Text("")
    keys = Text("Keys", style="bold")
    return Group(
        title,
        blank,
        *intro,
        blank,
        Text("Examples", style="bold"),
        *examples,
        blank,
        keys,
        table,
        blank,
        closing,
    )


class HelpScreen(ModalScreen[None]):
    """Examples and keys; Escape or F1 closes it."""

    AUTO_FOCUS = "VerticalScroll"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; height: 90%; border: thick $accent; background: $surface; padding: 1 2;
    }
    """

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        with VerticalScroll():
            yield Static(help_text(), id="help-text")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss(result)
