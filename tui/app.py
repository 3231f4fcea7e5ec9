"""The dualuse chat app and its factory, shared by the command line and the tests.

>>> import datetime
>>> make_app(today=datetime.date(2026, 1, 10)).title
'dualuse chat'
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import ClassVar

from dualuse.engine import Engine, RuleInfo
from dualuse.interpret import Speaker, speaker_of
from dualuse.tui import settings
from dualuse.tui.commands import CaseProvider, ExamplesProvider, RulesProvider
from dualuse.tui.export import Format, export_case
from dualuse.tui.screens.article import ArticleScreen
from dualuse.tui.screens.chat import ChatScreen
from dualuse.tui.screens.help import HelpScreen
from dualuse.tui.screens.history import HistoryScreen
from dualuse.tui.screens.records import RecordsScreen
from dualuse.tui.session import Session
from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen


class ChatApp(App[None]):
    """A compliance officer's chat with the engine."""

    TITLE = "dualuse chat"
    SUB_TITLE = "PRC dual-use export ban on Japan (MOFCOM Announcement 2026 No. 1)"
    AUTO_FOCUS = "#prompt"
    COMMANDS = App.COMMANDS | {RulesProvider, ExamplesProvider, CaseProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("f2", "facts", "Facts"),
        Binding("f3", "history", "Cases"),
        Binding("f4", "records", "Records", show=False),
        Binding("f5", "export_markdown", "Export MD"),
        Binding("f6", "export_json", "Export JSON", show=False),
        Binding("ctrl+n", "new_case", "New case"),
        Binding("escape", "prompt", "Message line", show=False),
    ]

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        today: dt.date | None = None,
        export_folder: Path | None = None,
        speaker: str | None = None,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self._engine = engine
        self.today = today or dt.date.today()
        self.export_folder = export_folder
        self.speaker = speaker
        """Who "we" are, as given on the command line; else the saved setting."""
        self.settings_file = settings_file
        self.session: Session | None = None
        self._engine_loaded = threading.Event()

    def get_default_screen(self) -> Screen[None]:
        """The chat."""
        return ChatScreen()

    @property
    def chat_screen(self) -> ChatScreen:
        """The chat screen (the default screen)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ChatScreen)
        return screen

    def on_mount(self) -> None:
        """Load the engine in a worker: the message line is ready at once."""
        self.call_after_refresh(self._load)

    @work(thread=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        engine = self._engine or Engine()
        saved, problem = settings.load(self.settings_file)
        speaker: Speaker | None = saved.speaker
        if self.speaker:
            speaker = speaker_of(self.speaker)
            settings.save(settings.Settings(speaker=speaker), self.settings_file)
        session = Session(engine, today=self.today, speaker=speaker, remember=self._remember)
        self.session = session
        self._engine_loaded.set()
        if problem:
            self.call_from_thread(self.chat_screen.add_note, problem, "warning")

    def _remember(self, speaker: Speaker) -> None:
        settings.save(settings.Settings(speaker=speaker), self.settings_file)

    def session_ready(self, timeout: float = 120.0) -> Session:
        """The session, once the engine is loaded (called from worker threads)."""
        if not self._engine_loaded.wait(timeout) or self.session is None:
            raise RuntimeError("the engine did not load")
        return self.session

    # --- actions -----------------------------------------------------------------------------

    def ask(self, question: str) -> None:
        """Send a question as if typed (from the command palette)."""
        self.chat_screen.send(question)

    def show_rules(self, title: str, rules: list[RuleInfo]) -> None:
        """Show the articles behind rules."""
        self.push_screen(ArticleScreen(title, rules))

    def action_help(self) -> None:
        """Show the help screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_facts(self) -> None:
        """Show and focus the facts form."""
        self.chat_screen.show_facts()

    def action_prompt(self) -> None:
        """Focus the message line."""
        self.chat_screen.query_one("#prompt").focus()

    def action_history(self) -> None:
        """Show the session's cases."""
        cases = self.session.history if self.session is not None else []

        def reopen(number: int | None) -> None:
            if number is not None:
                self.chat_screen.run_job(lambda: self.session_ready().restore(number))

        self.push_screen(HistoryScreen(list(cases)), reopen)

    records_url: str | None = None
    """The records store the records screen reads (``None``: the default store)."""

    def action_records(self) -> None:
        """Show the recorded decisions."""
        self.push_screen(RecordsScreen(self.records_url))

    def action_new_case(self) -> None:
        """Forget the current case."""
        self.chat_screen.send("new case")

    def action_export_markdown(self) -> None:
        """Export the case as Markdown."""
        self.export("markdown")

    def action_export_json(self) -> None:
        """Export the case as JSON."""
        self.export("json")

    def export(self, fmt: Format) -> Path | None:
        """Write the current case to a file in the current folder and say where."""
        session = self.session
        if session is None or session.decision is None or session.transfer is None:
            self.notify("There is no decided case to export yet.", severity="warning")
            return None
        path = export_case(session.transfer, session.decision, fmt, folder=self.export_folder)
        self.notify(f"Exported to {path}", title="Export", markup=False)
        self.chat_screen.add_note(f"Exported the case ({fmt}) to {path}")
        return path


def make_app(
    engine: Engine | None = None,
    *,
    today: dt.date | None = None,
    speaker: str | None = None,
    settings_file: Path | None = None,
) -> ChatApp:
    """Build the chat app (the CLI and the tests build it the same way).

    Args:
        engine: An engine to share; ``None`` loads the bundled rules in a worker at start.
        today: The date relative dates in questions count from (default: today).
        speaker: Who "we" are ("Ganzhou Rare Earth Trading, CN"); saved for the next runs.
        settings_file: Where the settings are kept (default: the user's configuration folder).
    """
    return ChatApp(engine, today=today, speaker=speaker, settings_file=settings_file)
