"""The chat's own commands are found before the interpreter reads the facts."""

from __future__ import annotations

import datetime as dt

import pytest
from dualuse.engine import Engine
from dualuse.interpret import Interpreter
from dualuse.tui.vocabulary import command_of

TODAY = dt.date(2026, 1, 10)


@pytest.fixture(scope="module")
def reader(engine: Engine) -> Interpreter:
    return Interpreter(engine)


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("why not prohibited?", "why_not", "prohibited"),
        ("why isn't it a licence case?", "why_not", "license_required"),
        ("show the article", "show_article", None),
        ("who is liable?", "who_is_liable", None),
        ("what is the fine for 800,000 yuan?", "fine_for", None),
        ("help", "help", None),
        ("why?", "why", None),
        ("new case", "reset", None),
        ("2", "answer", None),
        ("export Dy2O3 to JMSDF", "assess", None),
    ],
)
def test_commands(reader: Interpreter, text: str, intent: str, target: str | None) -> None:
    command = command_of(text, has_case=True)
    assert (command.intent, command.target) == (intent, target)
    if intent not in ("assess", "answer", "fine_for"):
        current = reader.read("export Dy2O3 to JMSDF", today=TODAY).transfer
        r = reader.read(text, current=current, today=TODAY, skip=[command.span])
        assert r.understood == [] and r.unresolved == []


def test_an_answer_needs_a_question_to_answer() -> None:
    assert command_of("2", has_case=False).intent == "assess"


def test_the_fine_question_leaves_the_turnover_to_the_interpreter(reader: Interpreter) -> None:
    current = reader.read("export Dy2O3 to Sony", today=TODAY).transfer
    text = "what is the fine for 800,000 yuan?"
    command = command_of(text, has_case=True)
    r = reader.read(text, current=current, today=TODAY, skip=[command.span])
    assert command.intent == "fine_for"
    assert r.transfer.turnover_cny == 800_000
    assert r.transfer.end_user.name == "Sony"
