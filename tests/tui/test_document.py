"""The chat draws the same explanation the text report gives: the same sections, the same lines.

Two decisions, as a user would send them: the README's sale of dysprosium oxide to the Japan
Maritime Self-Defense Force (prohibited), and a civilian export of scandium oxide to a Japanese
ceramics maker whose consignee is not given (open).
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from dualuse.engine import Decision, Engine, Transfer
from dualuse.render import internal_names, render_text
from dualuse.tui.replies import VerdictReply, WhyNotReply
from dualuse.tui.widgets.explanation import WhyNotCard
from dualuse.tui.widgets.proof_tree import Fold, Section
from dualuse.tui.widgets.verdict import VerdictCard
from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

README_CASE: dict[str, Any] = {
    "id": "SO-4711",
    "date": "2026-03-02",
    "transfer": "export",
    "origin": "CN",
    "item": {"description": "dysprosium oxide", "kind": "goods"},
    "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
    "consignee": {"name": "Japan Maritime Self-Defense Force"},
    "end_user": {"name": "Japan Maritime Self-Defense Force"},
    "destination": "JP",
    "route": ["JP"],
    "turnover_cny": 800000,
}
SCANDIUM_CASE: dict[str, Any] = {
    "id": "PO-2231",
    "date": "2026-03-10",
    "transfer": "export",
    "origin": "CN",
    "item": {"description": "scandium oxide", "kind": "goods"},
    "exporter": {"name": "Hunan Rare Metals Co.", "country": "CN"},
    "end_user": {"name": "Example Ceramics K.K.", "country": "JP"},
    "end_use": {"military": False, "description": "civilian ceramic capacitors"},
    "destination": "JP",
    "route": ["JP"],
}
CASES = {"readme": README_CASE, "scandium": SCANDIUM_CASE}

_GUIDES = re.compile(r"^[\s│├└─┬╰╭]+")
_MARKER = re.compile(r"^\s*(?:- |• |\d+\. )")


class Shown(App[None]):
    """A bare screen showing one card, as the conversation would."""

    def __init__(self, card: Widget) -> None:
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.card


def _drawn(widget: Static) -> list[str]:
    """The lines of a widget's content drawn unwrapped, without tree guides."""
    console = Console(width=2000, record=True, file=io.StringIO())
    console.print(widget.content)
    rows = [
        _MARKER.sub("", _GUIDES.sub("", row)).rstrip() for row in console.export_text().splitlines()
    ]
    return [row for row in rows if row]


def _report_lines(decision: Decision) -> list[str]:
    """The text report's lines from its first section on, without list markers or underlines."""
    text = render_text(decision, width=None)
    body = text.split("\n\n", 1)[1]
    rows = [_MARKER.sub("", row).strip() for row in body.splitlines()]
    return [row for row in rows if row and not set(row) <= {"-", "="}]


@pytest.fixture(scope="module", params=list(CASES))
def decision(request: pytest.FixtureRequest, engine: Engine) -> Decision:
    return engine.decide(Transfer.model_validate(CASES[request.param]))


async def test_the_verdict_shows_the_text_report_line_for_line(decision: Decision) -> None:
    card = VerdictCard(VerdictReply(decision, Transfer.model_validate(decision.audit.input)))
    async with Shown(card).run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        shown: list[str] = []
        for section in card.query(Section):
            shown.append(re.sub(r" \(\d+\)$", "", str(section.title)))
            for widget in section.query(Static):
                if widget.has_class("-collapsible-title") or type(widget).__name__.endswith(
                    "Title"
                ):
                    continue
                shown += _drawn(widget)
        assert shown == _report_lines(decision)
        on_screen = [_drawn(w) for w in card.query(Static) if w.has_class("summary")]
        assert internal_names("\n".join([*shown, *(r for rows in on_screen for r in rows)])) == []


async def test_folded_reasoning_is_closed_until_opened(engine: Engine) -> None:
    decision = engine.decide(Transfer.model_validate(SCANDIUM_CASE))
    card = WhyNotCard(WhyNotReply(decision, None))
    async with Shown(card).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        folds = list(card.query(Fold))
        assert folds and all(f.collapsed for f in folds)
        lines = [row for w in card.query(Static) for row in _drawn(w)]
        assert lines[1].startswith("Prohibited: still open")
        assert lines[2].startswith("Open: Who is the consignee")
        assert "Not controlled: not reached, none of its 2 routes applies" in lines
        assert not [row for row in lines if "as explained above" in row]
        assert internal_names("\n".join(lines)) == []
