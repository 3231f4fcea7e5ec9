"""Whole conversations with the chat, run headless; assertions read what the screen shows."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from dualuse.engine import Engine
from dualuse.tui.app import ChatApp, make_app
from dualuse.tui.screens.help import HelpScreen
from dualuse.tui.screens.history import HistoryScreen
from dualuse.tui.widgets.explanation import ArticleCard, LiabilityCard, WhyNotCard
from dualuse.tui.widgets.message import UserMessage
from dualuse.tui.widgets.question import QuestionCard
from dualuse.tui.widgets.understood import UnderstoodCard
from dualuse.tui.widgets.verdict import VerdictCard
from rich.console import Console
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Button, Input, Static, Tree
from textual.widgets.tree import TreeNode

SIZE = (140, 50)
TODAY = dt.date(2026, 1, 10)
BANNED = "Can we export dysprosium oxide to the Japan Maritime Self-Defense Force in March 2026?"
LICENSABLE = "Export Dy2O3 to Sony in Japan for consumer electronics on 2 March 2026"
OPEN = "Terbium metal to TDK Corporation in March"
UNLICENSED = (
    "We, Ganzhou Rare Earth Trading, a Chinese company, export Chinese-made Dy2O3 to Sony in "
    "Japan for consumer electronics on 2 March 2026 without a licence"
)


def _tree_lines(node: TreeNode[None]) -> list[str]:
    out = [node.label.plain if isinstance(node.label, Text) else str(node.label)]
    for child in node.children:
        out += _tree_lines(child)
    return out


def shown(widget: Widget) -> str:
    """Every text a widget and its children show (Static contents, tree labels, buttons)."""
    parts: list[str] = []
    for w in [widget, *widget.query("*")]:
        if isinstance(w, Tree):
            parts += _tree_lines(w.root)
        elif isinstance(w, Button):
            parts.append(str(w.label))
        elif isinstance(w, Static):
            content = w.content
            if isinstance(content, Text):
                parts.append(content.plain)
            else:
                console = Console(width=200, record=True, file=io.StringIO())
                console.print(content)
                parts.append(console.export_text())
    return "\n".join(parts)


def app_for(engine: Engine, tmp_path: Path | None = None) -> ChatApp:
    app = make_app(engine, today=TODAY)
    app.export_folder = tmp_path
    return app


async def say(app: ChatApp, pilot: object, text: str) -> None:
    prompt = app.chat_screen.query_one("#prompt", Input)
    prompt.focus()
    prompt.value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def settle(app: ChatApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def last(app: ChatApp, kind: type[Widget]) -> Widget:
    found = list(app.chat_screen.query(kind))
    assert found, f"no {kind.__name__} on screen"
    return found[-1]


async def test_the_message_line_is_focused_at_launch(engine: Engine) -> None:
    app = app_for(engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "prompt"
        assert "Describe a transfer in plain words" in shown(app.chat_screen)
        footer = " ".join(
            b.binding.description for b in app.active_bindings.values() if b.binding.show
        )
        assert "Help" in footer and "Export" in footer


async def test_a_banned_transfer_is_prohibited_on_the_grounds_of_announcement_2026_no_1(
    engine: Engine,
) -> None:
    app = app_for(engine)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, BANNED)
        understood = shown(last(app, UnderstoodCard))
        assert "end user = Japan Maritime Self-Defense Force" in understood
        assert "end_user.name" not in understood
        assert "date = 2026-03-01" in understood
        verdict = last(app, VerdictCard)
        text = shown(verdict)
        assert text.startswith(" PROHIBITED ")
        assert "Announcement 2026 No. 1, cl. 1, first prong" in text
        assert "outcome.prohibited.military_user" not in text  # citations, not rule names
        assert "The law relied on" in text
        assert text.count("禁止所有两用物项对日本军事用户") == 1  # the article's words, once
        assert "Interpretation (GT Law" in text
        assert "medium): A military user is" in text
        (card,) = app.chat_screen.query(QuestionCard)  # only: who are "we"?
        assert "Who are “we”?" in shown(card)
        facts = app.chat_screen.query_one("#fact-end_user--name", Input)
        assert facts.value == "Japan Maritime Self-Defense Force"
        assert "prohibited" in str(app.chat_screen.sub_title)


async def test_a_civilian_maker_outside_the_lists_needs_a_licence_with_conditions(
    engine: Engine,
) -> None:
    app = app_for(engine)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, LICENSABLE)
        text = shown(last(app, VerdictCard))
        assert text.startswith(" LICENCE REQUIRED ")
        assert "ECL Art. 12(2)" in text
        assert "Licence conditions" in text
        assert "end-user and end-use certificates" in text
        await say(app, pilot, "why not prohibited?")
        why = shown(last(app, WhyNotCard))
        assert "Why not prohibited" in why
        assert "outcome.prohibited.military_user" not in why
        assert "Announcement 2026 No. 1, cl. 1" in why


async def test_an_open_case_is_settled_question_by_question_and_then_stops(
    engine: Engine,
) -> None:
    app = app_for(engine)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, OPEN)
        assert shown(last(app, VerdictCard)).startswith(" UNDETERMINED ")
        asked: list[str] = []
        answers = {
            "transfer": "export",
            "end_use.military": "no",
            "end_use.helps_military_strength": "no",
        }
        for _ in range(8):
            card = last(app, QuestionCard)
            assert isinstance(card, QuestionCard)
            if card.has_class("-answered"):
                break
            assert "Why I ask:" in shown(card)
            asked.append(card.ask.field)
            option = card.ask.options.index(answers[card.ask.field]) + 1
            if len(asked) % 2:  # alternate: click a button, then type the number
                await pilot.click(card.query_one(f"#option-{option}", Button))
                await settle(app, pilot)
            else:
                await say(app, pilot, str(option))
        assert asked == ["transfer", "end_use.military", "end_use.helps_military_strength"]
        final = shown(last(app, VerdictCard))
        assert final.startswith(" LICENCE REQUIRED ")
        assert all(c.has_class("-answered") for c in app.chat_screen.query(QuestionCard))
        assert app.session is not None and app.session.pending is None
        military = app.chat_screen.query_one("#fact-end_use--military", Input)
        assert military.value == "no"


async def test_follow_ups_what_if_liability_fine_and_article(engine: Engine) -> None:
    app = app_for(engine)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, UNLICENSED)
        assert shown(last(app, VerdictCard)).startswith(" LICENCE REQUIRED ")
        await say(app, pilot, "and if the end use were military?")
        what_if = shown(last(app, VerdictCard))
        assert what_if.startswith(" PROHIBITED   (was LICENCE REQUIRED)")
        assert "I read this as a change to the case" in shown(last(app, UnderstoodCard))
        assert app.chat_screen.query_one("#fact-end_user--name", Input).value == "Sony"
        await say(app, pilot, "show the article")
        article = shown(last(app, ArticleCard))
        assert "Announcement 2026 No. 1, cl. 1" in article
        assert "中文: 禁止所有两用物项" in article
        await say(app, pilot, "and if the end use were civilian?")
        assert shown(last(app, VerdictCard)).startswith(" LICENCE REQUIRED   (was PROHIBITED)")
        await say(app, pilot, "what is the fine for 800,000 yuan?")
        assert app.chat_screen.query_one("#fact-turnover_cny", Input).value == "800000"
        fine = shown(last(app, VerdictCard))
        assert "Fine: CNY 4,000,000 to CNY 8,000,000" in fine
        assert "800,000 x 5 = 4,000,000" in fine
        await say(app, pilot, "who is liable?")
        liability = shown(last(app, LiabilityCard))
        assert (
            "Ganzhou Rare Earth Trading, the exporter, is liable for exporting without a licence"
            in liability
        )
        assert "ECL Art. 34" in liability


async def test_a_near_match_is_asked_before_deciding_and_the_answer_applied(
    engine: Engine,
) -> None:
    app = app_for(engine)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "export gallium to Mitsubishi Heavy Industries Shipbuiding in March")
        card = last(app, QuestionCard)
        assert isinstance(card, QuestionCard)
        text = shown(card)
        assert "Is “Mitsubishi Heavy Industries Shipbuiding” the same company as" in text
        assert "score 99 of 100" in text
        assert "Why I ask: a name that is close to a listed one is never taken" in text
        assert not app.chat_screen.query(VerdictCard)
        await say(app, pilot, "1")
        verdict = shown(last(app, VerdictCard))
        assert verdict.startswith(" PROHIBITED ")
        assert "control list" in verdict
        name = app.chat_screen.query_one("#fact-end_user--name", Input).value
        assert name == "Mitsubishi Heavy Industries Shipbuilding Co."


async def test_export_writes_markdown_and_json_with_the_proof_and_the_audit(
    engine: Engine, tmp_path: Path
) -> None:
    app = app_for(engine, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, BANNED)
        await pilot.press("f5")
        await pilot.press("f6")
        await pilot.pause()
        md = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
        data = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
        assert "prohibited" in md and "outcome.prohibited.military_user" in md
        assert '"rules_digest"' in md and '"grounds"' in md
        decision = data["decision"]
        assert decision["outcome"] == "prohibited"
        assert decision["grounds"][0]["rule_id"] == "outcome.prohibited.military_user"
        assert decision["audit"]["rules_digest"] == engine.rules_digest
        assert data["transfer"]["end_user"]["name"] == "Japan Maritime Self-Defense Force"
        assert "Exported the case (json)" in shown(app.chat_screen)


async def test_the_palette_exports_and_offers_rules(engine: Engine, tmp_path: Path) -> None:
    app = app_for(engine, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, BANNED)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export the case as JSON")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert list(tmp_path.glob("*.json"))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"military users")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        article = shown(app.screen)
        assert "The law: Announcement 2026 No. 1, cl. 1" in article
        assert "中文" in article and "military users" in article
        assert "ann2026_1" not in article


async def test_text_with_brackets_neither_crashes_nor_vanishes(engine: Engine) -> None:
    app = app_for(engine)
    typed = "Export Dy2O3 to [b]Sony[/b] K.K. in Japan [fact] [/i] on 2 March 2026"
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, typed)
        assert shown(last(app, UserMessage)) == typed
        understood = shown(last(app, UnderstoodCard))
        assert "[fact]" not in understood or "fact" in understood
        assert "fact" in understood  # placed nowhere, so listed as not placed
        await say(app, pilot, "[/b]")
        assert shown(last(app, UserMessage)) == "[/b]"
        facts = app.chat_screen.query_one("#fact-exporter--name", Input)
        facts.value = "[red]Acme[/red] ["
        facts.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.session is not None and app.session.transfer is not None
        assert app.session.transfer.exporter.name == "[red]Acme[/red] ["
        assert "exporter: [red]Acme[/red] [" in shown(app.chat_screen)


async def test_help_and_history_screens(engine: Engine) -> None:
    app = app_for(engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown(app.screen)
        assert "Examples" in text and "向日本海上自卫队出口氧化镝" in text
        await pilot.press("escape")
        await pilot.pause()
        await say(app, pilot, BANNED)
        await say(app, pilot, LICENSABLE)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert [c.decision.outcome for c in app.screen.cases] == ["prohibited", "license_required"]
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert "Back to case 1" in shown(app.chat_screen)
        assert shown(last(app, VerdictCard)).startswith(" PROHIBITED ")
