"""A question to the user: what, why it is asked, and the answers as numbered buttons."""

from __future__ import annotations

from dualuse.tui.labels import people_words
from dualuse.tui.replies import Ask
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static


class QuestionCard(Vertical):
    """The pending question; a button press posts :class:`QuestionCard.Chosen`."""

    DEFAULT_CSS = """
    QuestionCard { height: auto; margin: 1 8 0 0; padding: 0 1; border: round $warning; }
    QuestionCard > .question { height: auto; text-style: bold; }
    QuestionCard > .reason { height: auto; color: $text-muted; }
    QuestionCard > .hint { height: auto; color: $text-muted; text-style: italic; }
    QuestionCard Horizontal { height: auto; }
    QuestionCard .options { layout: grid; grid-size: 2; grid-gutter: 0 1; height: auto; }
    QuestionCard Button { width: 100%; height: 3; }
    QuestionCard.-answered { border: round $panel; opacity: 70%; }
    """

    class Chosen(Message):
        """An option was picked."""

        def __init__(self, card: QuestionCard, option: int) -> None:
            super().__init__()
            self.card = card
            self.option = option

    def __init__(self, ask: Ask) -> None:
        super().__init__()
        self.ask = ask

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Static(Text(self.ask.question), classes="question")
        if self.ask.reason:
            yield Static(Text(f"Why I ask: {people_words(self.ask.reason)}"), classes="reason")
        if self.ask.options:
            with Vertical(classes="options"):
                for i, option in enumerate(self.ask.options, start=1):
                    yield Button(Text(f"{i}. {option}"), id=f"option-{i}", compact=True)
            yield Static(
                Text("Type the number (or the answer) and press Enter, or click."), classes="hint"
            )
        else:
            yield Static(Text("Type the answer and press Enter (or “unknown”)."), classes="hint")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Post the chosen option's index."""
        event.stop()
        if self.has_class("-answered") or event.button.id is None:
            return
        self.post_message(self.Chosen(self, int(event.button.id.split("-")[1]) - 1))

    def close(self) -> None:
        """Mark the question answered: its buttons no longer answer."""
        self.add_class("-answered")
        for button in self.query(Button):
            button.disabled = True

    @property
    def text(self) -> str:
        """The question, the reason and the options as plain text."""
        options = [f"{i}. {o}" for i, o in enumerate(self.ask.options, start=1)]
        return "\n".join([self.ask.question, self.ask.reason, *options])
