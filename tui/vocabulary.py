"""The chat's own commands: help, new case, why, why not, show the article, who is liable, fines.

These are words to the chat, not facts of a transfer: the chat finds them first and gives the
rest of the message to the interpreter, telling it which words the command took.

>>> command_of("why not prohibited?", has_case=True)
Command(intent='why_not', target='prohibited', span=(0, 18))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dualuse.engine import Outcome
from dualuse.interpret import normalise

__all__ = ["INTENTS", "OUTCOME_WORDS", "Command", "Intent", "command_of"]

_I = re.IGNORECASE

Intent = Literal[
    "assess",
    "what_if",
    "why",
    "why_not",
    "show_article",
    "who_is_liable",
    "fine_for",
    "help",
    "answer",
    "reset",
]
"""What the user asks for: a new case, a what-if on the current one, an explanation, help, ..."""

INTENTS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        "help",
        re.compile(
            r"^\s*(?:help|\?|h|what\s+can\s+(?:you|i)\s+(?:do|ask)|how\s+does\s+"
            r"(?:this|it)\s+work|examples?)\s*[?!.]*\s*$",
            _I,
        ),
    ),
    ("reset", re.compile(r"^\s*(?:new\s+case|start\s+over|reset|clear|new\s+question)\b", _I)),
    (
        "why_not",
        re.compile(
            r"\bwhy\s+(?:is\s+it\s+|was\s+it\s+|it\s+is\s+)?not\b|\bwhy\s+isn'?t\b"
            r"|\bwhy\s+no\b|为什么不",
            _I,
        ),
    ),
    (
        "show_article",
        re.compile(
            r"\b(?:show|quote|read|cite|display|open|give)\b.{0,20}\b(?:article|law|text|provision"
            r"|clause|rule|quote|wording|source)s?\b|^\s*(?:the\s+)?(?:article|quote|wording)\s*[?!.]*$"
            r"|\bwhat\s+does\s+the\s+(?:law|article|announcement|rule)\s+say",
            _I,
        ),
    ),
    (
        "who_is_liable",
        re.compile(
            r"\bwho\b.{0,30}\b(?:liable|responsible|punished|penali[sz]ed"
            r"|exposed|at\s+risk)\b|\bliability\b",
            _I,
        ),
    ),
    ("fine_for", re.compile(r"\b(?:fine|fines|fined|penalt(?:y|ies)|sanctions?)\b|罚款", _I)),
    (
        "why",
        re.compile(
            r"^\s*(?:and\s+)?why\b|\bhow\s+come\b|\bon\s+what\s+(?:grounds|basis)\b"
            r"|\bexplain\b|为什么",
            _I,
        ),
    ),
    (
        "answer",
        re.compile(
            r"^\s*(?:\d{1,2}|yes|no|y|n|yep|nope|unknown|don'?t\s+know|not\s+sure"
            r"|skip|true|false)\s*[.!]?\s*$",
            _I,
        ),
    ),
]

OUTCOME_WORDS: list[tuple[Outcome, re.Pattern[str]]] = [
    ("out_of_scope", re.compile(r"out\s+of\s+scope|\bscope\b|outside", _I)),
    ("license_required", re.compile(r"licen[cs]|permit\b", _I)),
    (
        "not_controlled",
        re.compile(
            r"not[\s_]+controlled|uncontrolled|\bfree\b|\ballowed\b|\bok\b"
            r"|\bfine\b|\blegal\b",
            _I,
        ),
    ),
    ("prohibited", re.compile(r"prohibit|\bban|forbid|illegal", _I)),
]
"""Words for each outcome, for "why not ...?"."""


@dataclass(frozen=True)
class Command:
    """What a message asks of the chat, and the words that ask it."""

    intent: Intent
    target: Outcome | None = None
    """For ``why_not``: the outcome asked about."""
    span: tuple[int, int] = (0, 0)
    """The command's words in the (normalised) message."""


def command_of(text: str, *, has_case: bool) -> Command:
    """The command a message gives; ``assess`` when it gives none (it describes a transfer)."""
    raw = normalise(text)
    for name, rx in INTENTS:
        m = rx.search(raw)
        if m is None or (name == "answer" and not has_case):
            continue
        if name == "why_not":
            target, end = _target(raw, m.end())
            return Command("why_not", target, (m.start(), end))
        return Command(name, None, m.span())
    return Command("assess")


def _target(raw: str, start: int) -> tuple[Outcome | None, int]:
    for outcome, rx in OUTCOME_WORDS:
        m = rx.search(raw, start)
        if m is not None:
            tail = re.match(r"[\w\-]*", raw[m.end() :])
            return outcome, m.end() + (tail.end() if tail else 0)
    return None, start
