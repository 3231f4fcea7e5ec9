"""The chat with ``--record``: its decisions go to the store, and F4 shows them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dualuse.cli.recording import Recording, RecordingEngine
from dualuse.cli.sources import bundled_rules
from dualuse.store import Filters, Store
from dualuse.tui.app import make_app
from dualuse.tui.screens.records import RecordsScreen
from rich.text import Text
from textual.widgets import Input, OptionList, Static

BANNED = "Can we export dysprosium oxide to the Japan Maritime Self-Defense Force in March 2026?"


async def test_a_recorded_chat_decision_is_in_the_store_and_on_the_records_screen(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    engine = RecordingEngine(Recording(url, "front desk", bundled_rules()))
    app = make_app(engine, today=dt.date(2026, 1, 10))
    app.records_url = url
    async with app.run_test(size=(140, 50)) as pilot:
        await app.workers.wait_for_complete()
        prompt = app.chat_screen.query_one("#prompt", Input)
        prompt.value = BANNED
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

        [record] = list(Store(url).records(Filters()))
        assert (record.source, record.user, record.outcome) == ("chat", "front desk", "prohibited")

        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecordsScreen)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        options = screen.query_one(OptionList)
        label = options.get_option_at_index(0).prompt
        text = label.plain if isinstance(label, Text) else str(label)
        assert "PROHIBITED" in text and "Japan Maritime Self-Defense Force" in text

        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        detail = screen.query_one("#record-detail", Static).content
        assert isinstance(detail, Text)
        assert "The transfer is prohibited" in detail.plain
        assert "by front desk (chat)" in detail.plain
