"""The records store from the chat: recorded decisions, newest first, and one in detail.

The store is read in a thread worker, so a slow or remote database never blocks the screen; a
store that cannot be opened is said in words on the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from dualuse.store import Filters, Record, StoreError
from dualuse.tui.labels import OUTCOME_STYLES, outcome_badge
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from dualuse.store import Store

SHOWN = 200
"""The newest records listed."""


def _label(record: Record) -> Text:
    outcome = record.outcome
    day = (record.transfer_date or record.as_of).isoformat()
    who = "; ".join(record.parties)
    return Text.assemble(
        (f" {outcome_badge(outcome)} ", OUTCOME_STYLES.get(outcome, "")),
        f"  {record.transfer_id or 'transfer without id'}  {day}  {who}  {record.item}",
    )


def describe(record: Record, summary: str) -> str:
    """A record in a few lines for people."""
    lines = [
        summary,
        f"Recorded {record.recorded_at:%Y-%m-%d %H:%M} by {record.user} ({record.source}); "
        f"law as of {record.as_of.isoformat()}, rules {record.rules_digest[:12]}, "
        f"dualuse {record.engine_version}.",
    ]
    if record.supersedes:
        lines.append(f"Replaces record {record.supersedes[:8]}.")
    return "\n".join(lines)


class RecordsScreen(ModalScreen[None]):
    """The recorded decisions (``dualuse records``), newest first."""

    AUTO_FOCUS = "#records"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("f4", "dismiss_none", "Close"),
    ]
    DEFAULT_CSS = """
    RecordsScreen { align: center middle; }
    RecordsScreen > Vertical {
        width: 90%; height: 80%; border: thick $accent; background: $surface; padding: 1 2;
    }
    RecordsScreen OptionList { height: 1fr; }
    RecordsScreen #record-detail { height: auto; max-height: 8; margin-top: 1; }
    """

    def __init__(self, url: str | None = None) -> None:
        super().__init__()
        self.url = url
        self.store: Store | None = None
        self.records: dict[str, Record] = {}

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        with Vertical():
            yield Static(
                Text("Recorded decisions, newest first (Enter for details, Escape to close)"),
                id="records-title",
            )
            yield OptionList(
                Option(Text("Reading the records store..."), disabled=True), id="records"
            )
            yield Static("", id="record-detail")

    def on_mount(self) -> None:
        """Read the store."""
        self._read()

    @work(thread=True, exit_on_error=False)
    def _read(self) -> None:
        try:
            from dualuse.store import Store  # the database layer, loaded when the screen opens

            store = Store(self.url)
            records = list(store.records(Filters()))[-SHOWN:]
        except StoreError as exc:
            self.app.call_from_thread(self._show_problem, str(exc))
            return
        self.store = store
        self.app.call_from_thread(self._show, list(reversed(records)), store.where)

    def _show_problem(self, message: str) -> None:
        self.query_one("#record-detail", Static).update(Text(message))
        self.query_one(OptionList).clear_options()

    def _show(self, records: list[Record], where: str) -> None:
        self.records = {r.id: r for r in records}
        options = self.query_one(OptionList)
        options.clear_options()
        if not records:
            options.add_option(
                Option(
                    Text("No decision is recorded yet (start the chat with --record)."),
                    disabled=True,
                )
            )
        for record in records:
            options.add_option(Option(_label(record), id=record.id))
        self.query_one("#records-title", Static).update(
            Text(
                f"Recorded decisions in {where}, newest first (Enter for details, Escape to close)"
            )
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Show the record picked."""
        record = self.records.get(event.option.id or "")
        if record is not None and self.store is not None:
            self._detail(record)

    @work(thread=True, exit_on_error=False)
    def _detail(self, record: Record) -> None:
        assert self.store is not None
        try:
            summary = self.store.decision(record.id).summary
        except StoreError as exc:
            summary = str(exc)
        self.app.call_from_thread(
            self.query_one("#record-detail", Static).update, Text(describe(record, summary))
        )

    def action_dismiss_none(self) -> None:
        """Close."""
        self.dismiss(None)
