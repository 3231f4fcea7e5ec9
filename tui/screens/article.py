"""One rule or article: citation, dates, the quoted law and the interpretation it adopts.

The rule as written and its sentence template name predicates and variables: they are for the
rule author, in ``dualuse rules``, not on this screen.
"""

from __future__ import annotations

from typing import ClassVar

from dualuse.engine import RuleInfo
from dualuse.tui.widgets.explanation import article_text
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class ArticleScreen(ModalScreen[None]):
    """The words of the law behind one or more rules; Escape closes it."""

    AUTO_FOCUS = "VerticalScroll"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    ArticleScreen { align: center middle; }
    ArticleScreen > VerticalScroll {
        width: 90%; height: 85%; border: thick $accent; background: $surface; padding: 1 2;
    }
    ArticleScreen Static { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, title: str, rules: list[RuleInfo]) -> None:
        super().__init__()
        self.title_text = title
        self.rules = rules

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        with VerticalScroll():
            yield Static(Text(self.title_text, style="bold underline"))
            for rule in self.rules:
                text = article_text(
                    rule.citation,
                    rule.in_force,
                    rule.quote_zh,
                    rule.quote_en,
                    rule.quote_source,
                    rule.interpretation,
                )
                yield Static(text)

    def action_close(self) -> None:
        """Close the screen."""
        self.dismiss(None)
