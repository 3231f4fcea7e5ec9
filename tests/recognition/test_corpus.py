"""Precision and recall of recognition on the corpus; every line settled as the law reads it.

Each row of ``items.csv`` and ``parties.csv`` says what the line must be read as: a catalogue
entry (it must be taken, and nothing else), ``unknown`` (never taken: asked), or ``ask:a|b`` (a
question offering at least those entries). Printed with ``pytest -s``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from dualuse.engine import Engine, Match

from tests.recognition.conftest import corpus

ITEMS = corpus("items.csv")
PARTIES = corpus("parties.csv")
LISTED = {"yes": True, "no": False, "": None}


@dataclass
class Score:
    """Counts over one corpus."""

    taken: int = 0
    right: int = 0
    entries: int = 0
    unknown_kept: int = 0
    unknown: int = 0
    asked_right: int = 0
    asked: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, text: str, expect: str, match: Match, listed: bool | None = None) -> None:
        if match.exact:
            self.taken += 1
        if expect == "unknown":
            self.unknown += 1
            if not match.exact:
                self.unknown_kept += 1
            else:
                self.wrong.append(f"{text!r}: taken as {match.matched}, the catalogue lacks it")
        elif expect.startswith("ask:"):
            self.asked += 1
            offered = set(expect[4:].split("|"))
            if not match.exact and offered <= set(match.candidates):
                self.asked_right += 1
            else:
                self.wrong.append(f"{text!r}: expected a question offering {sorted(offered)}")
        else:
            self.entries += 1
            if match.exact and match.matched == expect and match.listed == listed:
                self.right += 1
            else:
                self.wrong.append(
                    f"{text!r}: expected {expect} (listed {listed}), got {match.matched} "
                    f"taken={match.exact} by {match.evidence}, listed {match.listed}"
                )

    @property
    def precision(self) -> float:
        return self.right / self.taken if self.taken else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.entries if self.entries else 1.0

    def report(self, name: str) -> str:
        return (
            f"{name}: {self.entries} lines of catalogued entries, {self.unknown} unknown, "
            f"{self.asked} ambiguous; precision {self.precision:.1%} ({self.right}/{self.taken} "
            f"taken), recall {self.recall:.1%} ({self.right}/{self.entries}); unknown kept as "
            f"questions {self.unknown_kept}/{self.unknown}; questions offering the candidates "
            f"{self.asked_right}/{self.asked}"
        )


def test_corpus_is_large_enough() -> None:
    assert len(ITEMS) >= 150
    assert len(PARTIES) >= 80
    assert len({r["text"] for r in ITEMS}) == len(ITEMS)
    assert len({r["text"] for r in PARTIES}) == len(PARTIES)


def test_expected_entries_are_catalogued(engine: Engine) -> None:
    known = {e.id: e.kind for e in engine.catalogue()}
    for rows, kind in ((ITEMS, "item"), (PARTIES, "party")):
        for row in rows:
            expect = row["expect"]
            ids = expect[4:].split("|") if expect.startswith("ask:") else [expect]
            for ident in ids:
                assert ident == "unknown" or known.get(ident) == kind, row


def test_items(engine: Engine) -> None:
    score = Score()
    for row in ITEMS:
        score.add(row["text"], row["expect"], engine.match_item(row["text"]), LISTED[row["listed"]])
    print("\n" + score.report("items"))
    assert score.wrong == []
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_parties(engine: Engine) -> None:
    score = Score()
    for row in PARTIES:
        score.add(row["text"], row["expect"], engine.match_party(row["text"]))
    print("\n" + score.report("parties"))
    assert score.wrong == []
    assert (score.precision, score.recall) == (1.0, 1.0)


CIVILIAN: dict[str, Any] = {
    "date": "2025-10-01",
    "transfer": "export",
    "origin": "CN",
    "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
    "consignee": {"name": "Toyota Motor Corporation", "country": "JP"},
    "end_user": {"name": "Toyota Motor Corporation", "country": "JP"},
    "destination": "JP",
    "route": ["JP"],
    "end_use": {"military": False, "helps_military_strength": False},
    "exporter_knowledge": {
        "wmd": False,
        "terrorism": False,
        "national_security": False,
        "notified": False,
    },
    "licences": [],
}
"""A civilian export to Japan before the ban: the item alone decides licence or not."""


@pytest.mark.parametrize("row", ITEMS, ids=[r["text"] for r in ITEMS])
def test_no_line_taken_as_unlisted(engine: Engine, row: dict[str, str]) -> None:
    """Only a purity below the listing threshold, or a measure not in force, settles "not listed";
    an unknown or ambiguous line is asked about."""
    kind = "technology" if "technology" in row["text"].casefold() else "goods"
    decision = engine.decide({**CIVILIAN, "item": {"description": row["text"], "kind": kind}})
    if row["listed"] == "no":
        assert decision.outcome == "not_controlled"
    elif row["expect"] == "unknown" or row["expect"].startswith("ask:"):
        assert decision.outcome == "undetermined"
        assert any(q.field.startswith("item.") for q in decision.questions)
    else:
        assert decision.outcome in ("license_required", "undetermined")


@pytest.mark.parametrize(
    "variants",
    [
        ("Dysprosium oxide", "DYSPROSIUM OXIDES", "oxide, dysprosium", "Dysprosium-oxide"),
        ("Samarium cobalt magnets", "samarium-cobalt magnet", "magnets (samarium cobalt)"),
        ("Terbium metal", "TERBIUM METALS", "metal, terbium", "[Terbium] metal"),
        ("Gallium arsenide wafers", "wafer, gallium arsenide", "GALLIUM-ARSENIDE WAFER"),
    ],
)
def test_case_plurals_hyphens_brackets_and_order_never_decide(
    engine: Engine, variants: tuple[str, ...]
) -> None:
    readings = {(m.matched, m.exact) for m in map(engine.match_item, variants)}
    assert len(readings) == 1 and next(iter(readings))[1], readings
