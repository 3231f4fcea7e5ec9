"""Snapshots of the key screens: the empty chat, a verdict, the help screen.

Each baseline SVG was opened and looked at (converted to PNG) before it was accepted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dualuse.engine import Engine
from dualuse.tui.app import ChatApp, make_app
from textual.pilot import Pilot
from textual.widgets import Input

SIZE = (140, 44)
TODAY = dt.date(2026, 1, 10)


def _app(engine: Engine) -> ChatApp:
    return make_app(engine, today=TODAY)


async def _settle(pilot: Pilot[Any]) -> None:
    # A blinking cursor is drawn or not depending on the instant: keep it steady.
    await pilot.pause()
    pilot.app.screen_stack[0].query_one("#prompt", Input).cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def test_empty_chat_with_the_prompt(snap_compare: Any, engine: Engine) -> None:
    assert snap_compare(_app(engine), terminal_size=SIZE, run_before=_settle)


def test_a_prohibited_verdict(snap_compare: Any, engine: Engine) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        prompt = pilot.app.screen.query_one("#prompt", Input)
        prompt.value = "Export dysprosium oxide to JMSDF for radar in March 2026"
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(_app(engine), terminal_size=SIZE, run_before=ask)


def test_an_open_question_with_its_reason(snap_compare: Any, engine: Engine) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        prompt = pilot.app.screen.query_one("#prompt", Input)
        prompt.value = "Export terbium metal to TDK Corporation in March"
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(_app(engine), terminal_size=SIZE, run_before=ask)


def test_the_help_screen(snap_compare: Any, engine: Engine) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(_app(engine), terminal_size=SIZE, run_before=open_help)
