"""No internal names in what a person reads: the checker itself, and real decisions through it.

Every scenario under ``features/`` runs its decision through the same check (its *When* step);
here the sample transfers and the two decisions of the closing note do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from dualuse.engine import Engine, Transfer
from dualuse.render import internal_names, render_markdown, render_text

from tests.engine.test_compact import README_CASE


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("none of the 2 ways to establish ban_military_user(_) applies", 3),
        ("a condition fails: consignee(U)", 1),
        ("it may be that banned holds", 1),
        ("catch_all_risk(_)", 2),
        ("explained above under control_listed(...)", 1),
        ("the condition N >= T fails", 1),
        ("a transfer of the kind {K}", 1),
        (
            "the end user, Example Ceramics K.K., is not a Japanese military user (ECL Art. 12(2))",
            0,
        ),
        ("Announcement 2026 No. 1, cl. 1 (商务部公告2026年第1号第一条)", 0),
    ],
)
def test_the_checker_finds_what_a_reader_was_never_told_about(text: str, found: int) -> None:
    assert len(internal_names(text)) == found, internal_names(text)


SCANDIUM: dict[str, Any] = {
    "date": "2026-03-02",
    "transfer": "export",
    "origin": "CN",
    "item": {"description": "scandium oxide"},
    "exporter": {"name": "Example Exporter Co.", "country": "CN"},
    "end_user": {"name": "Example Ceramics K.K.", "country": "JP"},
    "end_use": {"military": False, "helps_military_strength": False},
}
"""A civilian export of scandium oxide to a Japanese maker, the consignee not given."""


def _clean(engine: Engine, transfer: dict[str, Any]) -> None:
    decision = engine.decide(transfer)
    for text in (render_text(decision, width=None), render_markdown(decision).replace("\\", "")):
        assert internal_names(text) == []
    assert internal_names(decision.summary) == []
    for q in decision.questions:
        assert internal_names(q.reason) == []


def test_every_sample_decision_reads_without_internal_names(
    engine: Engine, samples: dict[str, dict[str, Any]]
) -> None:
    for transfer in samples.values():
        _clean(engine, transfer)


def test_an_open_decision_leads_with_the_fact_it_turns_on(engine: Engine) -> None:
    _clean(engine, SCANDIUM)
    decision = engine.decide(SCANDIUM)
    assert decision.outcome == "undetermined"
    assert decision.summary.startswith(
        "The outcome depends on facts that are not known yet. Open: Who is the consignee"
    )
    assert "If a Japanese military body (Ministry of Defense, SDF, ATLA)" in decision.summary
    text = render_text(decision, width=None)
    why_not = text.split("Why not the other outcomes")[1]
    first_route = why_not.splitlines()[3]
    assert first_route.startswith("  - Open: Who is the consignee")
    assert text.count("Still possible") == 1


def _law_entries(text: str) -> list[list[str]]:
    """The entries of "The law relied on": each a heading line and the lines beneath it."""
    section = text.split("The law relied on\n")[1].split("\n\n")[0].splitlines()[1:]
    entries: list[list[str]] = []
    for row in section:
        if row.startswith("- "):
            entries.append([row])
        else:
            entries[-1].append(row)
    return entries


def test_the_law_relied_on_heads_each_provision_once_and_names_its_source_in_words(
    engine: Engine, samples: dict[str, dict[str, Any]]
) -> None:
    both_limbs = 0
    for name, transfer in samples.items():
        text = render_text(engine.decide(transfer), width=None)
        if "The law relied on\n" not in text:
            continue
        entries = _law_entries(text)
        headings = [entry[0].split(" (")[0] for entry in entries]
        assert len(headings) == len(set(headings)), (name, headings)
        for entry in entries:
            sources = [row for row in entry if row.strip().startswith("Source:")]
            assert len(sources) == len(set(sources)), (name, entry)
            for row in sources:
                assert ".md" not in row and "the sources" not in row, row
        # ECL Art. 2(3) has two limbs: the transfer out of China and the provision to a foreigner
        limbs = [e for e in entries if e[0].startswith("- ECL Art. 2(3) ")]
        both_limbs += any(sum(r.strip().startswith("“") for r in e) == 2 for e in limbs)
    assert both_limbs > 0


def test_a_fine_and_the_sanctions_read_as_a_memo_writes_them(engine: Engine) -> None:
    # the README's export: banned by Ann. 2026 No. 1; ECL Art. 34 fines 5 to 10 times a turnover
    # of 500,000 yuan or more
    text = render_text(engine.decide(README_CASE), width=None)
    assert "Fine: CNY 4,000,000 to CNY 8,000,000\n" in text
    assert "8,000,000 yuan (tier: 800,000 is 500,000 or more)\n" in text
    assert "  - Sanction: confiscation of illegal gains\n    ECL Art. 34\n" in text
    assert "Sanction: ECL Art." not in text  # the citation once, beneath the sanction


def test_an_open_question_whose_every_answer_gives_one_outcome_says_so(
    engine: Engine, variant: Callable[..., Transfer]
) -> None:
    # Ytterbium compounds are listed by MOFCOM & GACC Announcement 2025 No. 57, suspended by
    # No. 70 from 2025-11-07 (sources.md 4.2); the exporter knows of no risk and the end use is
    # civilian, so whatever kind of transfer it is, nothing bans it or needs a licence.
    transfer = variant(
        date="2026-01-06",
        transfer=None,
        origin="KR",
        item={"description": "Yb compound", "listed": False},
        exporter={"name": "Ningbo Permanent Magnet Works", "country": "CN"},
        consignee={"name": "VinFast", "country": "VN"},
        end_user={"name": "Example Ceramics K.K.", "country": "JP"},
        route=["KR", "JP"],
    )
    decision = engine.decide(transfer)
    (kind,) = [q for q in decision.questions if q.field == "transfer"]
    assert set(kind.if_answered.values()) == {"not_controlled"}
    assert len(kind.if_answered) == len(kind.options)
    assert decision.summary.endswith("Every answer gives: not controlled.")
