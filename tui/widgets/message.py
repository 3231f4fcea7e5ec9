"""Plain messages in the conversation: what the user typed, and notes from the app."""

from __future__ import annotations

from dualuse.tui.replies import ChangedReply
from rich.text import Text
from textual.widgets import Static


class UserMessage(Static):
    """What the user typed, shown as typed (never read as markup)."""

    DEFAULT_CSS = """
    UserMessage { margin: 1 0 0 8; padding: 0 1; background: $primary 20%; color: $text; }
    """

    def __init__(self, text: str) -> None:
        super().__init__(Text(text))
        self.text = text


class NoteMessage(Static):
    """A short message from the app."""

    DEFAULT_CSS = """
    NoteMessage { margin: 1 8 0 0; padding: 0 1; }
    NoteMessage.-warning { color: $warning; }
    NoteMessage.-error { color: $error; text-style: bold; }
    NoteMessage.-answer { color: $text-muted; }
    """

    def __init__(self, text: str, tone: str = "info") -> None:
        super().__init__(Text(text), classes=f"-{tone}")
        self.text = text


class ChangedMessage(Static):
    """What a message or an answer changed in the case, fact by fact."""

    DEFAULT_CSS = """
    ChangedMessage { margin: 1 8 0 0; padding: 0 1; border-left: thick $secondary; }
    """

    def __init__(self, reply: ChangedReply) -> None:
        text = Text()
        text.append("Changed in the case:\n", style="bold")
        for label, was, now in reply.changes:
            text.append(f"  {label}: ")
            text.append(was, style="dim strike" if was != "unknown" else "dim")
            text.append(" → ")
            text.append(now + "\n", style="cyan")
        text.rstrip()
        super().__init__(text)
        self.reply = reply
        self.text = text.plain
