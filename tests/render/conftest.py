"""A hand-built decision that uses every part of the model, as a fixture for the renderers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from dualuse.engine import Decision

ANN1 = {
    "instrument": "MOFCOM Announcement 2026 No. 1",
    "article": "clause 1",
    "paragraph": "first prong",
}
ECL34 = {"instrument": "Export Control Law", "article": "34"}


def _rule(rule_id: str, sentence: str, children: list[Any], **more: Any) -> dict[str, Any]:
    return {
        "kind": "rule",
        "conclusion": rule_id.replace(".", "_"),
        "pred": rule_id.replace(".", "_"),
        "args": [],
        "rule_id": rule_id,
        "citation": more.pop("citation", ANN1),
        "in_force": "from 2026-01-06",
        "article": more.pop("article", "ann2026_1.c1"),
        "sentence": sentence,
        "bindings": {},
        "children": children,
        **more,
    }


def _why(goal: str, rule_id: str | None, sentence: str, **more: Any) -> dict[str, Any]:
    return {
        "goal": goal,
        "rule_id": rule_id,
        "reason": "condition_failed",
        "sentence": sentence,
        **more,
    }


PROOF = _rule(
    "outcome.prohibited.military_user",
    "the transfer is prohibited: *Acme* [JP] is a Japanese military user",
    [
        _rule(
            "ann2026_1.c1.military_user",
            "the end user *Acme* [JP] is a Japanese military user",
            [
                {
                    "kind": "fact",
                    "atom": 'end_user("acme")',
                    "pred": "end_user",
                    "args": ["acme"],
                    "origin": "transfer",
                    "sentence": "*Acme* [JP] is the end user",
                    "field": "end_user.name",
                },
                {
                    "kind": "fact",
                    "atom": 'jp_military_user("acme")',
                    "pred": "jp_military_user",
                    "args": ["acme"],
                    "origin": "table",
                    "sentence": "*Acme* [JP] is a Japanese military user",
                    "source": "sources.md 6",
                    "confidence": "V-secondary",
                    "location": "rules/data/military_users.csv:5",
                    "valid": "2026-01-06 to open",
                },
                {
                    "kind": "negation",
                    "atom": 'special_approval("acme")',
                    "pred": "special_approval",
                    "args": ["acme"],
                    "sentence": "no special approval is held for acme",
                    "why_not": [
                        _why(
                            'special_approval("acme")',
                            None,
                            "the licences name no special approval",
                            reason="input_false",
                        )
                    ],
                },
                {
                    "kind": "comparison",
                    "text": "D >= 20260106",
                    "evaluated": "20260302 >= 20260106",
                    "holds": True,
                },
            ],
            interpretation={
                "by": "law-firm commentary",
                "confidence": "medium",
                "reading": "A body of the MOD is a military user.",
            },
        )
    ],
    quote={
        "zh": "禁止所有两用物项对日本军事用户出口。",
        "en": "Exports to Japanese military users are prohibited.",
        "source": "hk01",
    },
)

DECISION: dict[str, Any] = {
    "id": "case-7",
    "outcome": "prohibited",
    "summary": "The transfer is prohibited.",
    "as_of": "2026-03-02",
    "possible_outcomes": [],
    "grounds": [PROOF],
    "why_not": [
        {
            "outcome": "license_required",
            "rules": [
                _why(
                    'outcome("license_required")',
                    "outcome.license_required.listed",
                    "a ban applies to the transfer",
                    citation={
                        "instrument": "Export Control Law",
                        "article": "12",
                        "paragraph": "2",
                    },
                    failed_condition="not banned",
                    values=["banned"],
                    because=[
                        _why("banned", "outcome.banned.military_user", "see above", see="banned")
                    ],
                )
            ],
        }
    ],
    "conditions": [
        {
            "id": "risk_report",
            "sentence": "a risk-assessment report is filed",
            "rule_id": "ann2026_12.report",
            "citation": None,
        }
    ],
    "liable": [
        {
            "party": "ganzhou trading",
            "basis": "prohibited_export",
            "rule_id": "liability.exporter",
            "citation": ECL34,
            "sentence": "ganzhou trading, the exporter, is liable for prohibited_export",
            "penalties": [
                {
                    "basis": "prohibited_export",
                    "rule_id": "ecl_art34.fine.multiple",
                    "citation": ECL34,
                    "min_cny": 4000000,
                    "max_cny": 8000000,
                    "arithmetic": "800,000 x 5 = 4,000,000 to 800,000 x 10 = 8,000,000 yuan",
                    "interpretation": {
                        "by": "PRC drafting convention",
                        "confidence": "high",
                        "reading": "以上 includes the number.",
                    },
                }
            ],
            "sanctions": [
                {
                    "basis": "prohibited_export",
                    "sanction": "order_to_stop",
                    "sentence": "stop",
                    "rule_id": "ecl_art34.sanctions",
                    "citation": ECL34,
                }
            ],
            "proof": _rule(
                "liability.exporter",
                "ganzhou trading is liable",
                [],
                citation=ECL34,
                article="ecl.art34",
            ),
        },
        {
            "party": "fastfreight",
            "basis": "service_provider",
            "rule_id": "ecl_art36.service_provider",
            "citation": {"instrument": "Export Control Law", "article": "36"},
            "sentence": "fastfreight is liable",
            "penalties": [],
            "sanctions": [],
            "proof": _rule(
                "ecl_art36.service_provider", "fastfreight knowingly helped", [], article=None
            ),
        },
    ],
    "questions": [
        {
            "field": "turnover_cny",
            "question": "What was the illegal turnover?",
            "options": [],
            "decisive": "penalty",
            "reason": "sizes the fine under ECL Art. 34",
            "rule_ids": ["ecl_art34.fine.multiple"],
        },
        {
            "field": "end_use.military",
            "question": "Is the end use military?",
            "options": ["yes", "no"],
            "decisive": "settles_one_way",
            "reason": "if yes: prohibited",
            "rule_ids": ["outcome.prohibited.military_use"],
            "if_answered": {"yes": "prohibited"},
        },
    ],
    "what_would_change": [
        {
            "changes": ["the end use is not military", "the end user were another party"],
            "fields": ["end_use.military", "end_user.name"],
            "outcome": "license_required",
            "rule_ids": ["outcome.license_required.listed"],
            "actionable": True,
            "because": "then the export needs a licence (ECL Art. 12(2))",
        }
    ],
    "interpretations": ["ann2026_1.c1.military_user"],
    "articles": {
        "ann2026_1.c1": {
            "citation": {"instrument": "MOFCOM Announcement 2026 No. 1", "article": "clause 1"},
            "in_force": "from 2026-01-06",
            "quote": {
                "zh": "禁止所有两用物项对日本军事用户、军事用途出口。",
                "en": "Exports to Japanese military users and for military uses are prohibited.",
                "source": "hk01",
            },
        },
        "ecl.art34": {"citation": ECL34, "in_force": "from 2020-12-01"},
    },
    "matches": [
        {
            "field": "end_user.name",
            "text": "*Acme* [JP]",
            "matched": "acme",
            "label": "Acme Corp",
            "score": 100.0,
            "exact": True,
        },
        {
            "field": "item.description",
            "text": "dysprosiun",
            "matched": "dysprosium_oxide",
            "label": "Dysprosium oxide",
            "score": 91.5,
            "exact": False,
        },
        {
            "field": "exporter.name",
            "text": "Ganzhou",
            "matched": None,
            "score": 54.0,
            "exact": False,
        },
    ],
    "audit": {
        "engine_version": "0.1.0",
        "rules_digest": "ab" * 32,
        "as_of": "2026-03-02",
        "input": {"id": "case-7", "end_user": {"name": "*Acme* [JP]"}},
        "rules_fired": ["outcome.prohibited.military_user", "ann2026_1.c1.military_user"],
        "rules_weighed": 1,
    },
}


MakeDecision = Callable[..., Decision]


@pytest.fixture
def decision() -> MakeDecision:
    """Build the sample decision, with top-level fields replaced by keyword."""

    def make(**changes: Any) -> Decision:
        return Decision.model_validate({**DECISION, **changes})

    return make
