"""The chat screen: the conversation, the message line and the case's facts.

Every engine call runs in a thread worker; its replies come back through ``call_from_thread``, so
the screen never blocks while the engine decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from dualuse.engine import Decision, ProofNode, RuleNode
from dualuse.tui.labels import field_label, outcome_words
from dualuse.tui.replies import (
    ArticleReply,
    Ask,
    ChangedReply,
    HelpReply,
    LiabilityReply,
    Note,
    Reply,
    UnderstoodReply,
    VerdictReply,
    WhyNotReply,
)
from dualuse.tui.widgets.explanation import ArticleCard, HelpCard, LiabilityCard, WhyNotCard
from dualuse.tui.widgets.facts import FactsPanel
from dualuse.tui.widgets.message import ChangedMessage, NoteMessage, UserMessage
from dualuse.tui.widgets.question import QuestionCard
from dualuse.tui.widgets.understood import UnderstoodCard
from dualuse.tui.widgets.verdict import VerdictCard
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static

_LISTED = re.compile(r"\bis on the control list\b")
"""A ground's words that say the item is listed."""

if TYPE_CHECKING:
    from dualuse.tui.app import ChatApp

WELCOME = (
    "Describe a transfer in plain words — the item, who receives it, where and when — and I will "
    "say whether it is allowed under MOFCOM Announcement 2026 No. 1 and the export-control law, "
    "and why. For example: “Can we export dysprosium oxide to the Japan Maritime Self-Defense "
    "Force in March 2026?”  F1: help and examples.  Ctrl+P: rules, articles, export."
)


class ChatScreen(Screen[None]):
    """The main screen."""

    AUTO_FOCUS = "#prompt"
    DEFAULT_CSS = """
    #body { height: 1fr; }
    #main { width: 1fr; }
    #conversation { height: 1fr; padding: 0 1; }
    #status { height: 1; padding: 0 1; color: $text-muted; }
    #prompt { margin: 0 1; }
    """

    NARROW = 110
    """Below this width the case panel folds away (F2 brings it back) so the talk can wrap."""

    def __init__(self) -> None:
        super().__init__()
        self.busy = 0
        self.facts_wanted = False

    def on_resize(self, event: events.Resize) -> None:
        """Fold the case panel away on a narrow screen."""
        self._place_facts(event.size.width)

    def _place_facts(self, width: int) -> None:
        panel = self.query_one(FactsPanel)
        panel.display = width >= self.NARROW or self.facts_wanted

    def show_facts(self) -> None:
        """Show the case panel (on a narrow screen too) and focus its first row."""
        self.facts_wanted = True
        self._place_facts(self.size.width)
        self.query_one("#fact-date").focus()

    @property
    def chat(self) -> ChatApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Header(show_clock=False)
        with Horizontal(id="body"):
            with Vertical(id="main"):
                with VerticalScroll(id="conversation"):
                    yield NoteMessage(WELCOME)
                yield Static(Text(""), id="status")
                yield Input(
                    placeholder="Describe a transfer, or ask: why? why not …? who is liable? (F1)",
                    id="prompt",
                )
            yield FactsPanel(id="facts")
        yield Footer()

    # --- sending ---------------------------------------------------------------------------

    @on(Input.Submitted, "#prompt")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value
        event.input.value = ""
        if text.strip():
            self.send(text)

    def send(self, text: str) -> None:
        """Show the user's message and answer it in a worker."""
        self.add(UserMessage(text))
        self.run_job(lambda: self.chat.session_ready().turn(text))

    @on(QuestionCard.Chosen)
    def _chosen(self, event: QuestionCard.Chosen) -> None:
        if self.chat.session is None or self.chat.session.pending is not event.card.ask:
            return
        event.card.close()
        self.add(UserMessage(f"{event.option + 1}. {event.card.ask.options[event.option]}"))
        option = event.option
        self.run_job(lambda: self.chat.session_ready().choose(option))
        self.query_one("#prompt", Input).focus()

    @on(FactsPanel.Edited)
    def _edited(self, event: FactsPanel.Edited) -> None:
        field, value = event.field, event.value
        self.add(UserMessage(f"{field_label(field)}: {value or 'unknown'}"))
        self.run_job(lambda: self.chat.session_ready().edit(field, value))
        self.query_one("#prompt", Input).focus()

    def run_job(self, job: Callable[[], list[Reply]]) -> None:
        """Run a session call in a thread worker and show its replies."""
        self.busy += 1
        self.set_status("Deciding…")
        self._work(job)

    @work(thread=True, group="engine", exit_on_error=False)
    def _work(self, job: Callable[[], list[Reply]]) -> None:
        try:
            replies = job()
        except Exception as exc:
            replies = [Note(f"Something went wrong: {type(exc).__name__}: {exc}", tone="error")]
        self.app.call_from_thread(self.show, replies)

    # --- showing ---------------------------------------------------------------------------

    def show(self, replies: list[Reply]) -> None:
        """Mount the widgets for the replies, refresh the facts, scroll to the end."""
        self.busy = max(0, self.busy - 1)
        for card in self.query(QuestionCard):
            card.close()
        for reply in replies:
            self.add(_widget(reply))
        session = self.chat.session
        if session is not None:
            self.query_one(FactsPanel).show(session.transfer)
            self._derived(session.decision)
            if session.decision is not None and session.transfer is not None:
                outcome = outcome_words(session.decision.outcome)
                self.sub_title = f"{session.export_title()} — {outcome}"
            else:
                self.sub_title = "new case"
        self.set_status("" if not self.busy else "Deciding…")

    def _derived(self, decision: Decision | None) -> None:
        """Say in the case panel what the decision found that the facts left unknown."""
        for box in self.query("#fact-item--listed").results(Input):
            listed = decision is not None and any(
                _LISTED.search(s) for g in decision.grounds for s in _sentences(g)
            )
            box.placeholder = "on the control list (catalogue)" if listed else "unknown"

    def add(self, widget: Widget) -> None:
        """Append a widget to the conversation and keep the end in view."""
        conversation = self.query_one("#conversation", VerticalScroll)
        conversation.mount(widget)
        conversation.anchor()  # stay at the newest message, as a chat does

    def add_note(self, text: str, tone: str = "info") -> None:
        """Append a note from the app."""
        self.add(NoteMessage(text, tone))

    def set_status(self, text: str) -> None:
        """Show what the app is doing."""
        self.query_one("#status", Static).update(Text(text))


def _widget(reply: Reply) -> Widget:
    if isinstance(reply, Note):
        return NoteMessage(reply.text, reply.tone)
    if isinstance(reply, UnderstoodReply):
        return UnderstoodCard(reply)
    if isinstance(reply, ChangedReply):
        return ChangedMessage(reply)
    if isinstance(reply, Ask):
        return QuestionCard(reply)
    if isinstance(reply, VerdictReply):
        return VerdictCard(reply)
    if isinstance(reply, WhyNotReply):
        return WhyNotCard(reply)
    if isinstance(reply, ArticleReply):
        return ArticleCard(reply)
    if isinstance(reply, LiabilityReply):
        return LiabilityCard(reply)
    if isinstance(reply, HelpReply):
        return HelpCard(reply)
    raise TypeError(f"no widget for {reply!r}")


def _sentences(node: ProofNode) -> list[str]:
    """Every rule sentence of a proof (what the case panel looks for, never shown as such)."""
    if not isinstance(node, RuleNode):
        return []
    return [node.sentence, *(s for child in node.children for s in _sentences(child))]
