"""The cases decided in this session; picking one makes it the current case again."""

from __future__ import annotations

from typing import ClassVar

from dualuse.tui.case import Case
from dualuse.tui.labels import OUTCOME_STYLES, outcome_badge
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class HistoryScreen(ModalScreen[int | None]):
    """A list of the session's cases; returns the number picked, or ``None``."""

    AUTO_FOCUS = "#cases"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("f3", "dismiss_none", "Close"),
    ]
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical {
        width: 90%; height: 70%; border: thick $accent; background: $surface; padding: 1 2;
    }
    HistoryScreen OptionList { height: 1fr; }
    """

    def __init__(self, cases: list[Case]) -> None:
        super().__init__()
        self.cases = cases

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        with Vertical():
            yield Static(
                Text("Cases of this session (Enter to reopen, Escape to close)", style="bold")
            )
            options = [
                Option(
                    Text.assemble(
                        f"{c.number}. ",
                        (
                            f" {outcome_badge(c.decision.outcome)} ",
                            OUTCOME_STYLES[c.decision.outcome],
                        ),
                        f"  {c.title}",
                    ),
                    id=str(c.number),
                )
                for c in reversed(self.cases)
            ]
            if not options:
                options = [Option(Text("No case yet."), id="none", disabled=True)]
            yield OptionList(*options, id="cases")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the case picked."""
        if event.option.id and event.option.id.isdigit():
            self.dismiss(int(event.option.id))

    def action_dismiss_none(self) -> None:
        """Close without picking."""
        self.dismiss(None)
