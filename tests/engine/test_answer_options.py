"""Every answer the engine offers applies to a transfer and gives what it claims.

Open cases, written as an officer states them, ask every kind of question; each answer's
settings (and its follow-up, given as a person would) make a transfer the engine decides as the
question promised.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import (
    INPUT_FIELDS,
    AnswerOption,
    CatalogueEntry,
    Decision,
    Engine,
    Question,
    Transfer,
)
from dualuse.engine.datalog.parser import parse_file
from dualuse.engine.decide.facts import input_facts
from dualuse.engine.decide.resolve import Resolver
from dualuse.engine.decide.vocabulary import field_of
from dualuse.engine.law.rulebase import RuleBase

ROOT = Path(__file__).resolve().parents[2]
ASKS = {
    d.pred: d.meta.asks
    for path in sorted((ROOT / "rules").glob("*.dl"))
    for d in parse_file(path).declarations
    if d.kind == "input" and d.meta.asks
}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(RuleBase.load())


# -- every answer offered applies to a transfer and gives what it claims --------------------------

OPEN_CASES: dict[str, dict[str, Any]] = {
    "nothing but the item and the date": {
        "date": "2026-03-02",
        "item": {"description": "gallium metal"},
    },
    "an unnamed Japanese buyer of a listed item": {
        "date": "2026-03-02",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "dysprosium oxide", "kind": "goods"},
        "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
        "destination": "JP",
    },
    "a misspelt shipyard": {
        "date": "2026-03-02",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "gallium metal", "kind": "goods"},
        "exporter": {"name": "Yunnan Germanium Export", "country": "CN"},
        "end_user": {"name": "Mitsubishi Heavy Industries Shipbuiding"},
        "destination": "JP",
        "route": ["CN", "JP"],
    },
    "a Korean-made item re-exported from Vietnam, route not stated": {
        "date": "2026-03-02",
        "transfer": "re-export",
        "origin": "KR",
        "item": {"description": "germanium dioxide", "kind": "goods", "listed": True},
        "exporter": {"name": "Hanoi Metals", "country": "VN"},
        "consignee": {"name": "Sony", "country": "JP"},
        "end_user": {"name": "Sony", "country": "JP"},
        "destination": "JP",
        "end_use": {"description": "image sensors", "military": False},
    },
    "terbium for Sony, the form not stated": {
        "date": "2026-03-02",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "terbium", "kind": "goods"},
        "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
        "consignee": {"name": "Sony", "country": "JP"},
        "end_user": {"name": "Sony", "country": "JP"},
        "destination": "JP",
        "route": ["JP"],
        "end_use": {"military": False, "helps_military_strength": False},
    },
    "samples for a trade fair, country not stated": {
        "date": "2026-03-02",
        "transfer": "exhibition",
        "origin": "CN",
        "item": {"code": "1C906.a", "kind": "goods", "listed": True},
        "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
        "consignee": {"name": "Apple", "country": "US"},
        "end_user": {"name": "Apple", "country": "US"},
        "end_use": {"military": True, "helps_military_strength": False},
        "route": ["US"],
        "licences": ["L-2026-0017"],
    },
    "holmium oxide for a Japanese maker, after the suspension's known end": {
        "date": "2026-12-03",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "holmium oxide", "kind": "goods"},
        "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
        "consignee": {"name": "Example Ceramics K.K.", "country": "JP"},
        "end_user": {"name": "Example Ceramics K.K.", "country": "JP"},
        "destination": "JP",
        "route": ["JP"],
        "end_use": {"military": False, "helps_military_strength": False},
        "exporter_knowledge": {
            "wmd": False,
            "terrorism": False,
            "national_security": False,
            "notified": False,
        },
    },
    "sonar parts for a buyer whose nationality is not stated": {
        "date": "2026-03-02",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "ceramic floor tiles", "kind": "goods", "listed": True},
        "exporter": {"name": "Inner Mongolia Graphite Export", "country": "CN"},
        "consignee": {"name": "Apple", "country": "US"},
        "end_user": {"name": "Thales", "located_in": "FR"},
        "destination": "FR",
        "route": ["FR"],
        "end_use": {"description": "submarine sonar", "military": True},
        "licences": [],
    },
}


def _fill(option: AnswerOption, transfer: Transfer, catalogue: list[CatalogueEntry]) -> Transfer:
    """Apply an answer, and give its follow-up the way a person would."""
    revised = option.apply(transfer)
    then = option.then
    if then is None:
        return revised
    declared = INPUT_FIELDS[then.field]
    if then.among is not None:
        among = then.among
        names = sorted(e.label for e in catalogue if e.kind == "party" and among in e.listed_as)
        assert names, f"no party on the {among} list to pick"
        value: Any = names[0]
    elif declared.kind == "country":
        value = "DE"
    else:
        value = "Hokkaido Dairy Cooperative"
    data = revised.model_dump(mode="json")
    head, _, leaf = then.field.rpartition(".")
    (data[head] if head else data)[leaf] = value
    return Transfer.model_validate(data)


def _answered(engine: Engine) -> Iterator[tuple[str, Transfer, Question, AnswerOption]]:
    for name, case in OPEN_CASES.items():
        transfer = Transfer.model_validate(case)
        decision = engine.decide(transfer)
        assert decision.outcome == "undetermined", name
        for question in decision.questions:
            assert [a.label for a in question.answers] == question.options
            for option in question.answers:
                yield name, transfer, question, option


def test_the_open_cases_ask_every_kind_of_question(engine: Engine) -> None:
    kinds = set()
    for _, _, question, _ in _answered(engine):
        declared = field_of(question.field)
        assert declared is not None
        kinds.add(declared.kind)
    assert {"yes_no", "country", "choice", "party", "countries", "text"} <= kinds


def test_every_answer_applies_and_gives_the_outcome_the_engine_said_it_would(
    engine: Engine,
) -> None:
    checked = 0
    for name, transfer, question, option in _answered(engine):
        revised = _fill(option, transfer, engine.catalogue())
        assert revised != transfer, (name, question.field, option.label)
        after: Decision = engine.decide(revised)
        again = [q for q in after.questions if q.field == question.field]
        assert not again or again[0].question != question.question, (name, option.label)
        if option.label in question.if_answered:
            assert after.outcome == question.if_answered[option.label], (name, option.label)
            checked += 1
    assert checked >= 10


def test_an_answer_that_names_its_value_gives_the_facts_it_stands_for(resolver: Resolver) -> None:
    for case in OPEN_CASES.values():
        transfer = Transfer.model_validate(case)
        facts = input_facts(transfer, resolver, ASKS)
        for opened in facts.open:
            assert [o.label for o in opened.options] == list(opened.answers)
            for option in opened.options:
                if option.then is not None:
                    continue
                after = input_facts(option.apply(transfer), resolver, ASKS)
                assert not any(o.field == opened.field for o in after.open), opened.field
                for pred, row in opened.answers[option.label]:
                    assert row in after.known.get(pred, set()), (opened.field, option.label, pred)


def test_a_question_in_the_decision_json_carries_its_answers_as_data(engine: Engine) -> None:
    decision = engine.decide(OPEN_CASES["an unnamed Japanese buyer of a listed item"])
    asked = {q.field: q for q in decision.questions}
    who = asked["end_user.name"].model_dump(mode="json")["answers"]
    assert who[1] == {
        "label": "a company on the control list",
        "sets": [],
        "then": {"field": "end_user.name", "among": "control list"},
    }
    assert who[3]["sets"] == [{"field": "end_user.country", "value": "JP"}]
