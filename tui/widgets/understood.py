"""What the interpreter understood: each fact with the words it came from and how sure it is."""

from __future__ import annotations

from dualuse.tui.labels import field_label
from dualuse.tui.replies import UnderstoodReply
from rich.text import Text
from textual.widgets import Static


class UnderstoodCard(Static):
    """The facts read from one message; they can be edited in the case panel (F2)."""

    DEFAULT_CSS = """
    UnderstoodCard { margin: 1 8 0 0; padding: 0 1; border-left: thick $accent; }
    """

    def __init__(self, reply: UnderstoodReply) -> None:
        super().__init__(self._render_reply(reply))
        self.reply = reply

    @staticmethod
    def _render_reply(reply: UnderstoodReply) -> Text:
        text = Text()
        head = "I read this as a change to the case:" if reply.revised else "I understood:"
        text.append(head + "\n", style="bold")
        for u in reply.understood:
            text.append(f"  {field_label(u.field)}", style="bold")
            text.append(" = ")
            text.append(u.value, style="cyan")
            text.append(f"   from “{u.words}”", style="dim")
            if u.confidence < 1:
                text.append(f", confidence {u.confidence:.1f}", style="dim")
            if u.note:
                text.append(f" ({u.note})", style="dim italic")
            text.append("\n")
        if reply.unresolved:
            text.append("  not placed: ", style="bold yellow")
            text.append(", ".join(reply.unresolved) + "\n")
        text.append("Edit any fact in the case panel (F2).", style="italic")
        return text

    @property
    def text(self) -> str:
        """The card as plain text (for tests and screen readers)."""
        lines = [f"{field_label(u.field)} = {u.value} ({u.words})" for u in self.reply.understood]
        if self.reply.unresolved:
            lines.append("not placed: " + ", ".join(self.reply.unresolved))
        return "\n".join(lines)
