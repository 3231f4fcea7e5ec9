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

CLAUSE_1 = "MOFCOM Announcement 2026 No. 1, clause 1, first prong"
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
    assert lines[4] == "Relies on interpretations: ann2026_1.c1.military_user"


def test_each_proof_step_shows_its_rule_citation_and_interpretation_indented_by_depth(
    decision: MakeDecision,
) -> None:
    lines = _lines(render_text(decision(), width=None))
    start = lines.index("Grounds")
    assert lines[start + 2 : start + 8] == [
        "- the transfer is prohibited: *Acme* [JP] is a Japanese military user",
        f"  outcome.prohibited.military_user · {CLAUSE_1} · {IN_FORCE}",
        "  - the end user *Acme* [JP] is a Japanese military user",
        f"    ann2026_1.c1.military_user · {CLAUSE_1} · {IN_FORCE}",
        "    Interpretation (law-firm commentary, medium): A body of the MOD is a military user.",
        "    - *Acme* [JP] is the end user",
    ]
    text = "\n".join(lines)
    assert "      Given in the input field end_user.name" in text
    row = "rules/data/military_users.csv:5 · source: sources.md 6 · confidence V-secondary"
    assert f"      Table row {row} · valid 2026-01-06 to open" in text
    assert '      Absent: special_approval("acme")' in text
    assert "      - the licences name no special approval" in text
    assert "    - Check: 20260302 >= 20260106 (D >= 20260106) holds" in text


def test_the_law_is_quoted_in_both_languages_with_its_source(decision: MakeDecision) -> None:
    text = render_text(decision(), width=None)
    assert f"- outcome.prohibited.military_user · {CLAUSE_1}\n" in text
    english = "  “Exports to Japanese military users are prohibited.”"
    assert f"{english}\n  “禁止所有两用物项对日本军事用户出口。”\n  Source: hk01" in text


def test_why_not_each_other_outcome_names_the_failed_condition(decision: MakeDecision) -> None:
    text = render_text(decision(), width=None)
    assert "- Licence required\n  - a ban applies to the transfer\n" in text
    failed = "a condition fails: not banned"
    assert f"outcome.license_required.listed · Export Control Law, 12, 2 · {failed}" in text
    assert "    Values: banned" in text
    assert "      explained above under banned" in text


def test_liability_shows_penalty_range_arithmetic_and_a_missing_turnover(
    decision: MakeDecision,
) -> None:
    text = render_text(decision(), width=None)
    assert "- ganzhou trading — liable for prohibited export\n" in text
    assert (
        "  - Fine: CNY 4,000,000 to CNY 8,000,000\n    Arithmetic: 800,000 x 5 = 4,000,000" in text
    )
    assert "    Interpretation (PRC drafting convention, high): 以上 includes the number." in text
    assert "  - Sanction: order to stop\n    ecl_art34.sanctions · Export Control Law, 34" in text
    assert "- fastfreight — liable for service provider" in text
    assert "  - Fine: not sized: the illegal turnover is unknown" in text


def test_questions_are_numbered_most_decisive_first(decision: MakeDecision) -> None:
    lines = _lines(render_text(decision(), width=None))
    start = lines.index("Questions that remain (most decisive first)")
    assert lines[start + 2] == "1. Is the end use military?"
    assert lines[start + 3] == "   Field: end_use.military · one answer settles the outcome"
    assert "   If answered: “yes” → Prohibited" in lines
    assert "2. What was the illegal turnover?" in lines


def test_changes_matches_conditions_and_audit(decision: MakeDecision) -> None:
    text = render_text(decision(), width=None)
    assert "- end_user.name: a civilian company → Licence required" in text
    assert "- end_user.name: “*Acme* [JP]” → matched Acme Corp (acme), exact" in text
    assert (
        "near match Dysprosium oxide (dysprosium_oxide), score 91.5: not assumed, to be confirmed"
        in text
    )
    assert "no entry of the catalogue or lists matched (best score 54); taken as written" in text
    assert "- a risk-assessment report is filed\n  ann2026_12.report\n" in text
    assert f"Rules digest: {'ab' * 32}" in text
    assert '    "id": "case-7",' in text
    fired = "outcome.prohibited.military_user, ann2026_1.c1.military_user"
    assert f"Rules that fired (2): {fired}\nRules in force that did not fire (1): " in text


def test_empty_parts_say_so(decision: MakeDecision) -> None:
    text = render_text(
        decision(
            grounds=[],
            why_not=[],
            liable=[],
            questions=[],
            conditions=[],
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
        if not line.startswith("    ") or "{" not in line:  # the audit JSON is not wrapped
            assert len(line) <= 60 or " " not in line.strip(), line


def test_a_real_decision_renders_with_its_rule_ids() -> None:
    text = render_text(Engine().decide(BONDED))
    assert "Outcome: Out of scope" in text
    assert "outcome.out_of_scope.bonded_zone · Export Control Law, 2, 3" in text


def test_a_liability_without_proof_is_shown_without_its_why(decision: MakeDecision) -> None:
    liable = {
        "party": "acme",
        "basis": "unlicensed_export",
        "rule_id": "liability.exporter",
        "citation": None,
        "sentence": "acme is liable",
    }
    text = render_text(decision(liable=[liable]), width=None)
    assert "- acme — liable for unlicensed export\n  acme is liable\n  liability.exporter\n" in text
    assert "Why" not in text.split("Liability")[1].split("Questions")[0]
