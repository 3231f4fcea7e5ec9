"""The plain-text report: every part of a decision, indented by proof depth, no markup."""

from __future__ import annotations

from collections.abc import Callable

from dualuse.engine import Decision, Engine
from dualuse.render import render_text

BONDED = {
    "date": "2026-01-05",
    "transfer": "bonded-zone",
    "destination": "CN",
    "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"},
}
"""A move into a bonded zone inside China, to a Chinese consignee: out of scope."""

CLAUSE_1 = "Announcement 2026 No. 1, cl. 1, first prong"
IN_FORCE = "in force from 2026-01-06"


MakeDecision = Callable[..., Decision]


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_the_outcome_comes_first_in_one_line(decision: MakeDecision) -> None:
    lines = _lines(render_text(decision()))
    assert lines[:3] == [
        "Decision case-7",
        "===============",
        "Outcome: Prohibited — The transfer is prohibited.",
    ]
    assert lines[3] == "As of: 2026-03-02 (the law in force on that date)"
    assert lines[4] == (
        "Relies on interpretations: 1 reading of the law, "
        "marked “Interpretation” where it is applied"
    )


def test_each_proof_step_shows_its_citation_and_interpretation_indented_by_depth(
    decision: MakeDecision,
) -> None:
    lines = _lines(render_text(decision(), width=None))
    start = lines.index("Grounds")
    assert lines[start + 2 : start + 8] == [
        "- the transfer is prohibited: *Acme* [JP] is a Japanese military user",
        f"  {CLAUSE_1} · {IN_FORCE}",
        "  - the end user *Acme* [JP] is a Japanese military user",
        f"    {CLAUSE_1} · {IN_FORCE}",
        "    Interpretation (law-firm commentary, medium): A body of the MOD is a military user.",
        "    - *Acme* [JP] is the end user",
    ]
    text = "\n".join(lines)
    assert "      given in the transfer" in text
    row = "source: dualuse's research notes · confidence V-secondary · valid 2026-01-06 to open"
    assert f"    - *Acme* [JP] is a Japanese military user\n      {row}" in text
    assert "    - no special approval is held for acme\n" in text
    assert "      - the licences name no special approval" in text
    assert "    - Check: 20260302 >= 20260106, met" in text
    for internal in ("outcome.prohibited", "end_user.name", "military_users.csv", "D >="):
        assert internal not in text


def test_the_law_is_quoted_once_per_article_in_both_languages(decision: MakeDecision) -> None:
    text = render_text(decision(), width=None)
    law = text.split("The law relied on\n")[1].split("\n\n")[0]
    article = (
        "- Announcement 2026 No. 1, cl. 1 (商务部公告2026年第1号第一条), in force from 2026-01-06"
    )
    assert law.startswith(
        f"-----------------\n{article}\n"
        "  “Exports to Japanese military users and for military uses are prohibited.”\n"
        "  “禁止所有两用物项对日本军事用户、军事用途出口。”\n  Source: hk01\n"
    )
    # the ground's own, narrower words follow, under the ground's citation
    assert f"- {CLAUSE_1} (商务部公告2026年第1号第一条（first prong）)" in law
    assert law.count("Source: hk01") == 2 and "ECL Art. 34" not in law  # no words: not quoted


def test_why_not_gives_each_route_its_decisive_fact_and_citation(decision: MakeDecision) -> None:
    text = render_text(decision(), width=None)
    assert "- Not licence required: see above (ECL Art. 12(2))\n" in text
    assert "as explained above" not in text
    assert "not banned" not in text and "Values" not in text


def test_liability_shows_penalty_range_arithmetic_and_a_missing_turnover(
    decision: MakeDecision,
) -> None:
    text = render_text(decision(), width=None)
    assert "- ganzhou trading — liable for prohibited export\n" in text
    assert (
        "  - Fine: CNY 4,000,000 to CNY 8,000,000\n    Arithmetic: 800,000 x 5 = 4,000,000" in text
    )
    assert "    Interpretation (PRC drafting convention, high): 以上 includes the number." in text
    assert "  - Sanction: stop\n    ECL Art. 34" in text
    assert "- fastfreight — liable for service provider" in text
    assert "  - Fine: not sized: the illegal turnover is unknown" in text


def test_questions_are_numbered_most_decisive_first(decision: MakeDecision) -> None:
    lines = _lines(render_text(decision(), width=None))
    start = lines.index("Questions that remain (most decisive first)")
    assert lines[start + 2] == "1. Is the end use military?"
    assert lines[start + 3] == "   Fill in: end use, military · one answer settles the outcome"
    assert "   If answered: “yes” → Prohibited" in lines
    assert "2. What was the illegal turnover?" in lines


def test_changes_matches_conditions_and_audit(decision: MakeDecision) -> None:
    text = render_text(decision(), width=None)
    change = (
        "- If the end use is not military and the end user were another party: licence required"
    )
    assert f"{change}\n  then the export needs a licence (ECL Art. 12(2))" in text
    assert "- End user, name: “*Acme* [JP]” → matched Acme Corp, exact" in text
    assert "near match Dysprosium oxide, score 91.5: not assumed, to be confirmed" in text
    assert "no entry of the catalogue or lists matched (best score 54); taken as written" in text
    assert f"Rules digest: {'ab' * 32}" in text
    assert "- Id: case-7\n- End user, name: *Acme* [JP]" in text
    assert "Rules: 2 applied, 1 weighed without applying" in text


def test_licence_conditions_are_listed_only_where_a_licence_is_needed(
    decision: MakeDecision,
) -> None:
    licence = render_text(decision(outcome="license_required"), width=None)
    assert (
        "Licence conditions\n------------------\n- a risk-assessment report is filed\n\n" in licence
    )
    assert "Licence conditions" not in render_text(decision(), width=None)  # prohibited


def test_empty_parts_say_so(decision: MakeDecision) -> None:
    text = render_text(
        decision(
            grounds=[],
            why_not=[],
            liable=[],
            questions=[],
            conditions=[],
            articles={},
            outcome="undetermined",
            possible_outcomes=["prohibited", "license_required"],
        )
    )
    assert "Still possible: Prohibited or Licence required" in text
    assert "No ground settles the outcome yet: see the questions." in text
    assert "The law relied on" not in text
    assert "No party is exposed on these facts." in text


def test_long_lines_wrap_under_their_indent(decision: MakeDecision) -> None:
    for line in render_text(decision(), width=60).splitlines():
        assert len(line) <= 60 or " " not in line.strip(), line


def test_a_real_decision_renders_with_its_citations() -> None:
    text = render_text(Engine().decide(BONDED))
    assert "Outcome: Out of scope" in text
    assert "Regs Art. 48(2) · in force from 2024-12-01" in text
    assert "outcome.out_of_scope" not in text


def test_a_liability_without_proof_is_shown_without_its_why(decision: MakeDecision) -> None:
    liable = {
        "party": "acme",
        "basis": "unlicensed_export",
        "rule_id": "liability.exporter",
        "citation": None,
        "sentence": "acme is liable",
    }
    text = render_text(decision(liable=[liable]), width=None)
    assert "- acme — liable for unlicensed export\n  acme is liable\n  - Fine: not sized" in text
    assert "Why" not in text.split("Liability")[1].split("Questions")[0]
