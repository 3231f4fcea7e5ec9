"""The facts of the current case as an editable form: one row per field, empty means unknown."""

from __future__ import annotations

from typing import Any

from dualuse.engine import INPUT_FIELDS, Transfer
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Static

FIELDS: list[tuple[str, str]] = [(f.path, f.form_label) for f in INPUT_FIELDS.values() if f.form]
"""(field, label) in the order shown: the vocabulary's fields for a short form."""


def value_of(transfer: Transfer | None, field: str) -> str:
    """A field's value as text; "" when unknown."""
    if transfer is None:
        return ""
    node: Any = transfer.model_dump(mode="json")
    for part in field.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if node is None:
        return ""
    if isinstance(node, bool):
        return "yes" if node else "no"
    if isinstance(node, list):
        return ", ".join(str(v) for v in node) if node else "none"
    return str(node)


def _input_id(field: str) -> str:
    return "fact-" + field.replace(".", "--")


class FactsPanel(VerticalScroll):
    """The case's facts; Enter in a row posts :class:`FactsPanel.Edited`."""

    DEFAULT_CSS = """
    FactsPanel { width: 46; border-left: solid $panel; padding: 0 1; }
    FactsPanel > .title { text-style: bold; margin: 0 0 1 0; }
    FactsPanel Horizontal { height: 1; }
    FactsPanel Label { width: 20; color: $text-muted; }
    FactsPanel Input { height: 1; border: none; padding: 0; width: 1fr; background: $boost; }
    FactsPanel Input:focus { background: $accent 30%; }
    FactsPanel > .hint { color: $text-muted; text-style: italic; margin: 1 0 0 0; }
    """

    class Edited(Message):
        """A fact was edited."""

        def __init__(self, field: str, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Static(Text("The case (empty = unknown)"), classes="title")
        for field, label in FIELDS:
            with Horizontal():
                yield Label(Text(label))
                yield Input(placeholder="unknown", id=_input_id(field), compact=True)
        yield Static(Text("Edit a value and press Enter to decide again."), classes="hint")

    def show(self, transfer: Transfer | None) -> None:
        """Fill the form from a transfer."""
        for field, _ in FIELDS:
            box = self.query_one(f"#{_input_id(field)}", Input)
            box.value = value_of(transfer, field)

    def values(self) -> dict[str, str]:
        """The form's values by field."""
        return {f: self.query_one(f"#{_input_id(f)}", Input).value for f, _ in FIELDS}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Post the edited field."""
        event.stop()
        if event.input.id and event.input.id.startswith("fact-"):
            field = event.input.id[len("fact-") :].replace("--", ".")
            self.post_message(self.Edited(field, event.value))
