"""First-reply accuracy of the chat on officers' questions (tests/corpus/officers.toml).

A case is read right when, after the first message, every fact the corpus gives is in the case as
given and the chat asks no question whose answer was in the message. The figure is printed (run
with ``-s``) and held at 95% or more; so is the agreement of the first verdict with the corpus.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import Engine, Transfer
from dualuse.interpret import Interpreter
from dualuse.tui.replies import Ask, VerdictReply
from dualuse.tui.session import Session

CORPUS = Path(__file__).parents[1] / "corpus" / "officers.toml"
TARGET = 0.95


@dataclass(frozen=True)
class Result:
    text: str
    wrong: list[str]
    asked: list[str]
    verdict: str
    expected: str

    @property
    def read_right(self) -> bool:
        return not self.wrong and not self.asked


def _load() -> dict[str, Any]:
    with CORPUS.open("rb") as f:
        return tomllib.load(f)


def _value(transfer: Transfer | None, field: str) -> Any:
    node: Any = transfer.model_dump(mode="json") if transfer is not None else {}
    for part in field.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _fits(expected: Any, got: Any) -> bool:
    if isinstance(expected, str) and expected.startswith("~"):
        return isinstance(got, str) and expected[1:].casefold() in got.casefold()
    return bool(expected == got)


def _answered_in(field: str, facts: dict[str, Any]) -> bool:
    if field in facts:
        return True
    return field.startswith("end_use.") and any(f.startswith("end_use.") for f in facts)


def _session(engine: Engine, corpus: dict[str, Any], interpreter: Interpreter) -> Session:
    today = dt.date.fromisoformat(corpus["today"])
    return Session(engine, today=today, speaker=corpus["speaker"], interpreter=interpreter)


def run(engine: Engine) -> list[Result]:
    """Put every question of the corpus to a fresh session and score its first reply."""
    corpus = _load()
    interpreter = Interpreter(engine)  # one index of the catalogue's names for every case
    results = []
    for case in corpus["case"]:
        session = _session(engine, corpus, interpreter)
        replies = session.turn(case["text"])
        facts: dict[str, Any] = case["facts"]
        wrong = [
            f"{field}: read {_value(session.transfer, field)!r}, expected {want!r}"
            for field, want in facts.items()
            if not _fits(want, _value(session.transfer, field))
        ]
        expected_ask = case.get("asks")
        asked = [
            r.field
            for r in replies
            if isinstance(r, Ask) and _answered_in(r.field, facts) and r.field != expected_ask
        ]
        if expected_ask and not any(
            isinstance(r, Ask) and r.field == expected_ask for r in replies
        ):
            wrong.append(f"no question about {expected_ask}")
        verdicts = [r.decision.outcome for r in replies if isinstance(r, VerdictReply)]
        results.append(
            Result(
                case["text"].strip(),
                wrong,
                asked,
                verdicts[0] if verdicts else "none",
                case["verdict"],
            )
        )
    return results


@pytest.fixture(scope="module")
def results(engine: Engine) -> list[Result]:
    return run(engine)


def test_the_corpus_has_at_least_80_questions() -> None:
    assert len(_load()["case"]) >= 80


def test_first_replies_read_the_facts_and_ask_nothing_already_said(results: list[Result]) -> None:
    right = sum(r.read_right for r in results)
    failures = [
        f"{r.text[:70]!r}: {r.wrong + [f'asked {a}' for a in r.asked]}"
        for r in results
        if not r.read_right
    ]
    print(f"\nfirst-reply accuracy: {right}/{len(results)} = {right / len(results):.1%}")
    print("\n".join(failures))
    assert right / len(results) >= TARGET, "\n".join(failures)


def test_first_verdicts_agree_with_the_corpus(results: list[Result]) -> None:
    agree = sum(r.verdict == r.expected for r in results)
    failures = [
        f"{r.text[:70]!r}: {r.verdict} (expected {r.expected})"
        for r in results
        if r.verdict != r.expected
    ]
    print(f"\nverdict agreement: {agree}/{len(results)} = {agree / len(results):.1%}")
    print("\n".join(failures))
    assert agree / len(results) >= TARGET, "\n".join(failures)
