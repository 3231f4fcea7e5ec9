"""Snapshots of the key screens at 140x45 and at 80x24: the empty chat, a verdict, an open question,
an answer that changed the case, the help screen.

Each baseline SVG was converted to PNG (rsvg-convert) and looked at before it was accepted: every
line a person must read wraps at both widths.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import Engine
from dualuse.tui.app import ChatApp, make_app
from textual.pilot import Pilot
from textual.widgets import Input

SIZES = {"wide": (140, 45), "narrow": (80, 24)}
TODAY = dt.date(2026, 1, 10)


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return SIZES[request.param]


def _app(engine: Engine, tmp_path: Path) -> ChatApp:
    return make_app(
        engine,
        today=TODAY,
        speaker="Ganzhou Rare Earth Trading, CN",
        settings_file=tmp_path / "chat.json",
    )


async def _settle(pilot: Pilot[Any]) -> None:
    # A blinking cursor is drawn or not depending on the instant: keep it steady.
    await pilot.pause()
    pilot.app.screen_stack[0].query_one("#prompt", Input).cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _say(pilot: Pilot[Any], text: str) -> None:
    prompt = pilot.app.screen.query_one("#prompt", Input)
    prompt.value = text
    await pilot.press("enter")
    await _settle(pilot)


def test_empty_chat_with_the_prompt(
    snap_compare: Any, engine: Engine, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(_app(engine, tmp_path), terminal_size=size, run_before=_settle)


def test_a_prohibited_verdict(
    snap_compare: Any, engine: Engine, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await _say(pilot, "Export dysprosium oxide to JMSDF for radar in March 2026")

    assert snap_compare(_app(engine, tmp_path), terminal_size=size, run_before=ask)


def test_an_open_question_with_its_reason(
    snap_compare: Any, engine: Engine, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await _say(pilot, "Export terbium metal to TDK Corporation in March")

    assert snap_compare(_app(engine, tmp_path), terminal_size=size, run_before=ask)


def test_an_answer_and_what_it_changed(
    snap_compare: Any, engine: Engine, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await _say(pilot, "Export terbium metal to TDK Corporation in March")
        await _say(pilot, "2")

    assert snap_compare(_app(engine, tmp_path), terminal_size=size, run_before=ask)


def test_the_help_screen(
    snap_compare: Any, engine: Engine, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(_app(engine, tmp_path), terminal_size=size, run_before=open_help)
