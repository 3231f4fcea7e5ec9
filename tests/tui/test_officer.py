"""The chat as a compliance officer uses it: "we", resale chains, answers that change one fact,
lines that wrap, and a screen that never contradicts itself or shows an internal name."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

from dualuse.engine import Engine
from dualuse.tui.app import ChatApp, make_app
from dualuse.tui.widgets.explanation import ArticleCard, LiabilityCard
from dualuse.tui.widgets.message import ChangedMessage, NoteMessage
from dualuse.tui.widgets.proof_tree import BranchTree, Section
from dualuse.tui.widgets.question import QuestionCard
from dualuse.tui.widgets.understood import UnderstoodCard
from dualuse.tui.widgets.verdict import VerdictCard
from rich.console import Console
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Collapsible, Input, Static
from textual.widgets._collapsible import CollapsibleTitle

SIZE = (140, 50)
TODAY = dt.date(2026, 1, 10)


def shown(widget: Widget) -> str:
    """Every text a widget and its children show, drawn as on a wide screen."""
    parts: list[str] = []
    for w in [widget, *widget.query("*")]:
        if isinstance(w, Button):
            parts.append(str(w.label))
        elif isinstance(w, Static):
            console = Console(width=200, record=True, file=io.StringIO())
            console.print(w.content)
            parts.append(console.export_text())
    return "\n".join(parts)


def last(app: ChatApp, kind: type[Widget]) -> Widget:
    found = list(app.chat_screen.query(kind))
    assert found, f"no {kind.__name__} on screen"
    return found[-1]


async def settle(app: ChatApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def say(app: ChatApp, pilot: Pilot[None], text: str) -> None:
    prompt = app.chat_screen.query_one("#prompt", Input)
    prompt.focus()
    prompt.value = text
    await pilot.press("enter")
    await settle(app, pilot)


WE = "What penalty do we face if we shipped terbium metal to the JASDF, turnover 1,200,000 yuan?"
GANZHOU = "Ganzhou Rare Earth Trading, CN"


def officer_app(engine: Engine, tmp_path: Path, speaker: str | None = None) -> ChatApp:
    app = make_app(
        engine, today=TODAY, speaker=speaker, settings_file=tmp_path / "dualuse" / "chat.json"
    )
    app.export_folder = tmp_path
    return app


def fact(app: ChatApp, field: str) -> str:
    return app.chat_screen.query_one("#fact-" + field.replace(".", "--"), Input).value


# --- "we" -----------------------------------------------------------------------------------------


async def test_we_without_a_saved_company_is_asked_once_and_kept(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, WE)
        assert shown(last(app, VerdictCard)).startswith(" PROHIBITED ")
        card = last(app, QuestionCard)
        assert "Who are “we”?" in shown(card)
        assert fact(app, "turnover_cny") == "1200000"
        await say(app, pilot, GANZHOU)
        assert fact(app, "exporter.name") == "Ganzhou Rare Earth Trading"
        assert fact(app, "exporter.country") == "CN"
        changed = shown(last(app, ChangedMessage))
        assert "exporter: unknown → Ganzhou Rare Earth Trading" in changed
        assert "Nobody is exposed" not in shown(last(app, VerdictCard))
        saved = json.loads((tmp_path / "dualuse" / "chat.json").read_text(encoding="utf-8"))
        assert saved == {"speaker": {"name": "Ganzhou Rare Earth Trading", "country": "CN"}}
        await say(app, pilot, "what is the fine?")
        assert isinstance(last(app, LiabilityCard), LiabilityCard)
        assert not any(
            "turnover" in shown(c)
            for c in app.chat_screen.query(QuestionCard)
            if not c.has_class("-answered")
        )
    # The next session knows who "we" are.
    again = officer_app(engine, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await say(again, pilot, WE)
        assert fact(again, "exporter.name") == "Ganzhou Rare Earth Trading"
        assert not again.chat_screen.query(QuestionCard)


async def test_we_with_the_company_given_on_the_command_line(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, WE)
        understood = shown(last(app, UnderstoodCard))
        assert "exporter = Ganzhou Rare Earth Trading" in understood
        assert "the company you speak for" in understood
        assert not app.chat_screen.query(QuestionCard)
        assert "Nobody is exposed" not in shown(last(app, VerdictCard))


# --- sentences read whole -------------------------------------------------------------------------


async def test_a_resale_chain_gives_a_consignee_and_an_end_user(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(
            app,
            pilot,
            "samarium metal to Sojitz, who sell it on to the Maritime Self-Defense Force",
        )
        assert fact(app, "consignee.name") == "Sojitz"
        assert fact(app, "end_user.name") == "Japan Maritime Self-Defense Force"
        assert shown(last(app, VerdictCard)).startswith(" PROHIBITED ")


async def test_a_singapore_branch_re_selling_is_a_re_export_to_japan(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(
            app, pilot, "Our Singapore branch plans to re-sell Chinese dysprosium metal to the ASDF"
        )
        assert fact(app, "transfer") == "re-export"
        assert fact(app, "exporter.country") == "SG"
        assert fact(app, "destination") == "JP"
        assert fact(app, "origin") == "CN"
        assert shown(last(app, VerdictCard)).startswith(" PROHIBITED ")


async def test_end_use_and_purity_are_read(engine: Engine, tmp_path: Path) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "lutetium oxide for JAXA, satellite instruments, 1 April 2026")
        assert fact(app, "end_use.description") == "satellite instruments"
        assert not [c for c in app.chat_screen.query(QuestionCard) if "end use" in shown(c)]
        await say(app, pilot, "new case")
        await say(app, pilot, "dysprosium oxide 99.9% to the JMSDF on 2026-05-01")
        assert fact(app, "item.description") == "Dysprosium oxide and its mixtures, purity 99.9%"
        assert shown(last(app, VerdictCard)).startswith(" PROHIBITED ")


# --- answers change their own fact ----------------------------------------------------------------


async def test_an_answer_in_words_sets_its_field_and_nothing_else(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "terbium metal to Sojitz, who sell it on to TDK, on 2 April 2026")
        assert fact(app, "consignee.name") == "Sojitz"
        card = last(app, QuestionCard)
        assert "military" in shown(card).casefold()
        await say(app, pilot, "no, they sell it on to Toyota for consumer electronics")
        assert fact(app, "consignee.name") == "Sojitz"
        assert fact(app, "end_user.name") == "TDK"
        assert fact(app, "end_use.military") == "no"
        changed = shown(last(app, ChangedMessage))
        assert "military end use: unknown → no" in changed
        assert "consignee" not in changed and "end user:" not in changed
        notes = " ".join(shown(n) for n in app.chat_screen.query(NoteMessage))
        assert "not changed:" in notes and "end user" in notes
        verdict = shown(last(app, VerdictCard))
        assert "(was UNDETERMINED)" in verdict


# --- nothing cut off ------------------------------------------------------------------------------


def _screen_words(widget: BranchTree) -> str:
    width = widget.size.width
    lines = widget.render_lines(Region(0, 0, width, widget.virtual_size.height))
    text = "".join(strip.text for strip in lines)
    return re.sub(r"[\s│├└─┬┃┗┣━]+", "", text)


def _label_words(widget: BranchTree) -> list[str]:
    found: list[str] = []

    def walk(tree: object) -> None:
        label = getattr(tree, "label", None)
        if label is not None and hasattr(label, "plain"):
            found.append(re.sub(r"\s+", "", label.plain))
        for child in getattr(tree, "children", []):
            walk(child)

    walk(widget.drawn)
    return [f for f in found if f]


async def _every_line_whole(engine: Engine, tmp_path: Path, size: tuple[int, int]) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=size) as pilot:
        await say(app, pilot, "Export Dy2O3 to Sony for consumer electronics on 2 March 2026")
        verdict = last(app, VerdictCard)
        for section in verdict.query(Collapsible):  # the sections and the folded reasoning
            section.collapsed = False
        await settle(app, pilot)
        trees = list(verdict.query(BranchTree))
        assert trees
        for tree in trees:
            # the case panel folds away at 80; folded reasoning is indented, never squeezed
            inside = tree.parent.parent if tree.parent is not None else None
            least = size[0] // 2 if isinstance(inside, Section) else size[0] // 3
            assert least <= tree.size.width <= size[0]
            on_screen = _screen_words(tree)
            for label in _label_words(tree):
                assert label in on_screen, f"cut off at {size[0]} columns: {label!r}"


async def test_every_line_wraps_at_140_columns(engine: Engine, tmp_path: Path) -> None:
    await _every_line_whole(engine, tmp_path, (140, 45))


async def test_every_line_wraps_at_80_columns(engine: Engine, tmp_path: Path) -> None:
    await _every_line_whole(engine, tmp_path, (80, 24))


# --- no contradictions, no internal names ---------------------------------------------------------


async def test_a_prohibited_verdict_lists_no_licence_conditions(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "Export Dy2O3 to TDK for radar on 2 April 2026")
        verdict = shown(last(app, VerdictCard))
        assert verdict.startswith(" PROHIBITED ")
        assert "Licence conditions" not in verdict


async def test_the_case_panel_says_what_the_catalogue_says_of_the_item(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "Export Dy2O3 to Sony for consumer electronics on 2 March 2026")
        assert "is on the control list" in shown(last(app, VerdictCard))
        box = app.chat_screen.query_one("#fact-item--listed", Input)
        assert box.value == "" and box.placeholder == "on the control list (catalogue)"


async def test_the_title_follows_the_case_and_its_date(engine: Engine, tmp_path: Path) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "Export Dy2O3 to Sony for consumer electronics")
        title = str(app.chat_screen.sub_title)
        verdict = shown(last(app, VerdictCard))
        assert f"as of {TODAY.isoformat()}" in title and f"as of {TODAY.isoformat()}" in verdict
        assert "no date" not in title and "licence required" in title
        assert "license_required" not in title
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert str(app.chat_screen.sub_title) == "new case"


async def test_was_shows_after_every_answer_that_changes_the_outcome(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "Terbium metal to TDK Corporation on 2 April 2026")
        assert shown(last(app, VerdictCard)).startswith(" UNDETERMINED ")
        for _ in range(4):
            if app.session is None or app.session.pending is None:
                break
            await say(app, pilot, "2" if "military" in app.session.pending.question else "1")
        headlines = [shown(v).splitlines()[0] for v in app.chat_screen.query(VerdictCard)][1:]
        assert headlines
        for line in headlines:
            assert "(was UNDETERMINED)" in line or "(unchanged)" in line


async def test_the_article_quotes_each_text_once(engine: Engine, tmp_path: Path) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "Can we export dysprosium oxide to the JMSDF in March 2026?")
        await say(app, pilot, "show the article")
        article = shown(last(app, ArticleCard))
        quotes = re.findall(r"中文: (.+)", article)
        assert quotes and len(quotes) == len(set(quotes))


async def test_an_interpretation_is_shown_in_full_once_a_session(
    engine: Engine, tmp_path: Path
) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "Dy2O3 to the JMSDF on 2 March 2026")
        await say(app, pilot, "Terbium metal to the JGSDF on 2 March 2026")
        first, second = (
            [s for s in v.query(".interpretation")] for v in app.chat_screen.query(VerdictCard)
        )
        assert any("Interpretation (" in shown(w) for w in first)
        assert not any("Interpretation (" in shown(w) for w in second)
        assert "Interpretation (" in shown(last(app, VerdictCard))  # still in the grounds


async def test_the_chat_s_own_labels_name_no_internal_field(engine: Engine, tmp_path: Path) -> None:
    app = officer_app(engine, tmp_path, speaker=GANZHOU)
    async with app.run_test(size=SIZE) as pilot:
        await say(app, pilot, "Terbium metal to TDK Corporation on 2 April 2026")
        await say(app, pilot, "1")
        own = [
            *app.chat_screen.query(UnderstoodCard),
            *app.chat_screen.query(ChangedMessage),
            *app.chat_screen.query(NoteMessage),
            *(c.query_one(Static) for c in app.chat_screen.query(QuestionCard)),
            *(s.query_one(CollapsibleTitle) for s in app.chat_screen.query(Section)),
        ]
        screen = "\n".join(shown(w) for w in own) + str(app.chat_screen.sub_title)
        headlines = [shown(v).splitlines()[0] for v in app.chat_screen.query(VerdictCard)]
        screen += "\n".join(headlines)
        for internal in (
            "item.listed",
            "end_use.military",
            "end_user.name",
            "settles_one_way",
            "[settles",
            "license_required",
            "sources.md",
            ".csv",
            "catch_all_risk(_)",
        ):
            assert internal not in screen, internal
