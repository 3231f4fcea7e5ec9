"""The Markdown report: the same content, valid nesting, and text from input escaped."""

from __future__ import annotations

from collections.abc import Callable

from dualuse.engine import Decision, Engine
from dualuse.render import render_markdown
from dualuse.render.markdown import escape

BONDED = {
    "date": "2026-01-05",
    "transfer": "bonded-zone",
    "destination": "CN",
    "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"},
}
"""A move into a bonded zone inside China, to a Chinese consignee: out of scope."""

MakeDecision = Callable[..., Decision]


def test_headings_and_headline(decision: MakeDecision) -> None:
    md = render_markdown(decision())
    assert md.startswith(
        "# Decision case-7\n\n**Outcome: Prohibited** — The transfer is prohibited.\\\n"
        "**As of**: 2026-03-02"
    )
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings == [
        "# Decision case-7",
        "## Grounds",
        "## The law relied on",
        "## Why not the other outcomes",
        "## Liability",
        "## Questions that remain (most decisive first)",
        "## What would change the outcome",
        "## Names matched",
        "## Audit record",
    ]


def test_proof_steps_nest_as_lists_with_hard_breaks_and_citations(decision: MakeDecision) -> None:
    md = render_markdown(decision())
    assert (
        "- the transfer is prohibited: \\*Acme\\* \\[JP\\] is a Japanese military user\\\n"
        "  *Announcement 2026 No. 1, cl. 1, first prong · in force from 2026-01-06*\n"
        "  - the end user \\*Acme\\* \\[JP\\] is a Japanese military user\\\n"
        "    *Announcement 2026 No. 1, cl. 1, first prong · "
    ) in md
    assert "`" not in md  # no ids, fields or atoms as code
    assert (
        "    **Interpretation (law-firm commentary, medium):** "
        "A body of the MOD is a military user." in md
    )


def test_names_typed_by_users_cannot_inject_markup(decision: MakeDecision) -> None:
    report = render_markdown(decision())
    assert "*Acme*" not in report.replace("\\*Acme\\*", "")
    assert "[JP]" not in report.replace("\\[JP\\]", "")
    assert escape("<script>") == "\\<script\\>"


def test_questions_are_an_ordered_list_most_decisive_first(decision: MakeDecision) -> None:
    md = render_markdown(decision())
    assert "1. Is the end use military?\\\n   **Fill in**: end use, military · one answer" in md
    assert "2. What was the illegal turnover?" in md


def test_the_audit_input_is_listed_field_by_field(decision: MakeDecision) -> None:
    md = render_markdown(decision())
    assert "- **Id**: case-7\n- **End user, name**: \\*Acme\\* \\[JP\\]" in md


def test_a_sentence_that_starts_like_a_list_marker_stays_text(decision: MakeDecision) -> None:
    condition = {"id": "c", "sentence": "1. file a report", "rule_id": "r", "citation": None}
    md = render_markdown(decision(conditions=[condition], outcome="license_required"))
    assert "- 1\\. file a report\n" in md


def test_a_real_decision_renders() -> None:
    md = render_markdown(Engine().decide(BONDED))
    assert md.startswith("# Decision\n\n**Outcome: Out of scope**")
    assert "*Regs Art. 48(2) · in force from 2024-12-01*" in md


def test_a_commonmark_parser_sees_the_intended_structure(decision: MakeDecision) -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(render_markdown(decision()))
    assert "<em>Acme</em>" not in html and "<a " not in html and "<script" not in html
    assert "*Acme* [JP] is the end user" in html
    assert html.count("<h2>") == 8  # a ban attaches no licence conditions
    assert "<ol>\n<li>Is the end use military?<br />" in html
    # Grounds: outcome step > clause step > its four conditions, as nested lists.
    grounds = html.split("<h2>Grounds</h2>")[1].split("<h2>")[0]
    assert grounds.count("<ul>") == 4  # three levels of steps, and the why-not under the negation
    assert "<em>Announcement 2026 No. 1, cl. 1, first prong · in force" in grounds
    assert "<code>" not in html
