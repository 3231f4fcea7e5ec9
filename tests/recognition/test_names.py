"""One name normaliser for every path, and the static check over the entity tables."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import Engine, check_rules, normalise_name
from dualuse.interpret import interpret

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ministry of Defence", "Ministry of Defense"),
        ("Defense, Ministry of (Japan)", "Japan Ministry of Defense"),
        ("SUBARU Kabushiki Kaisha", "株式会社SUBARU"),
        ("IHI Aerospace Co., Ltd.", "IHI AEROSPACE K.K."),
        ("Mitsubishi Heavy Industries, Ltd.", "the Mitsubishi Heavy Industries Corporation"),
        (
            "Acquisition, Technology & Logistics Agency",
            "Acquisition Technology and Logistics Agency",
        ),
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("TDK Europe", "TDK"),
        ("Kawasaki", "Kawasaki Heavy Industries"),
        ("Mitsui", "Mitsui E&S"),
        ("IHI Aerospace", "IHI Aerospace Engineering"),
    ],
)
def test_different_key(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


def _decide(engine: Engine, name: str) -> Any:
    return engine.decide(
        {
            "date": "2026-03-02",
            "transfer": "export",
            "item": {"description": "dysprosium oxide", "kind": "goods"},
            "end_user": {"name": name},
        }
    )


@pytest.mark.parametrize(
    ("words", "listed"),
    [
        ("TDK GmbH", None),
        ("TDK Corporation", "tdk"),
        ("IHI Aerospace K.K.", "ihi_aerospace"),
    ],
)
def test_chat_and_json_agree(engine: Engine, words: str, listed: str | None) -> None:
    """The same words give the same party in the chat and in JSON: taken, or both ask."""
    decision = _decide(engine, words)
    match = next(m for m in decision.matches if m.field == "end_user.name")
    reading = interpret(f"export dysprosium oxide to {words}", engine, today=dt.date(2026, 3, 2))
    asked = [c for c in reading.clarifications if c.field == "end_user.name"]
    set_to = {u.field: u.value for u in reading.understood}.get("end_user.name")
    if listed is None:
        assert not match.exact and match.candidates == ["tdk"]
        assert asked and set_to is None
    else:
        assert match.exact and match.matched == listed
        assert not asked and set_to == engine.match_party(words).label


def test_a_group_name_is_not_a_listed_unit(engine: Engine) -> None:
    entries = {e.id: e for e in engine.catalogue()}
    for name in ("Kawasaki", "Mitsui", "Mitsubishi", "IHI"):
        match = engine.match_party(name)
        listed = entries[match.matched] if match.matched else None
        assert listed is None or not any("list" in x for x in listed.listed_as), name


def test_bundled_entities_pass_the_alias_check() -> None:
    assert [e for e in check_rules() if e.code == "bare_group_alias"] == []


@pytest.mark.parametrize(
    ("entity", "alias", "why"),
    [
        ("khi_aerospace_systems", "Kawasaki", "bare group name"),
        ("mitsui_e_s", "Mitsui", "bare group name"),
        ("mhi_aero_engines", "MHI", "parent"),
        ("ihi_aerospace", "IHI Corporation", "parent"),
        ("tdk", "Terra Drone", "also a name of terra_drone"),
    ],
)
def test_alias_check_flags(tmp_path: Path, entity: str, alias: str, why: str) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    table = rules / "data" / "entities.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(entity + ","))
    head, sep, rest = lines[at].partition(",JP,")
    cells = head.rsplit(",", 1)
    aliases = f"{cells[1]}|{alias}" if cells[1] else alias
    lines[at] = f"{cells[0]},{aliases},JP,{rest}"
    assert sep
    table.write_text("".join(lines), encoding="utf-8")
    errors = [e for e in check_rules(rules) if e.code == "bare_group_alias"]
    assert errors, "the alias was not flagged"
    assert all((e.file or "").endswith("entities.csv") for e in errors)
    assert any(e.line == at + 1 and alias in e.message and why in e.message for e in errors), [
        str(e) for e in errors
    ]
