"""Answers to the engine's questions are applied as the data each option carries.

The chat reads no answer's words back: a party kind opens a pick from the right list or asks for
a name, a country left open asks which one, and a near match takes the listed name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from dualuse.engine import Engine, Question, Transfer
from dualuse.tui import answers
from dualuse.tui.replies import Ask

TODAY = dt.date(2026, 1, 10)

UNNAMED_BUYER: dict[str, Any] = {
    "date": "2026-03-02",
    "transfer": "export",
    "origin": "CN",
    "item": {"description": "dysprosium oxide", "kind": "goods"},
    "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
    "destination": "JP",
}


def question(engine: Engine, case: dict[str, Any], field: str) -> tuple[Transfer, Question]:
    transfer = Transfer.model_validate(case)
    found = [q for q in engine.decide(transfer).questions if q.field == field]
    assert found, f"the engine does not ask for {field}"
    return transfer, found[0]


def pick(engine: Engine, ask: Ask, transfer: Transfer, label: str) -> answers.Answered:
    return answers.apply(
        ask,
        transfer,
        option=ask.options.index(label),
        typed=None,
        catalogue=engine.catalogue(),
        today=TODAY,
    )


def test_a_listed_kind_of_end_user_asks_which_one_from_that_list_only(engine: Engine) -> None:
    transfer, q = question(engine, UNNAMED_BUYER, "end_user.name")
    ask = answers.ask_of(q)
    result = pick(engine, ask, transfer, "a company on the control list")
    assert result.transfer is None and result.follow_up is not None
    follow = result.follow_up
    assert follow.question == "Which one is the end user?"
    listed = {
        e.label for e in engine.catalogue() if e.kind == "party" and "control list" in e.listed_as
    }
    assert follow.options and set(follow.options) == listed
    military = {e.label for e in engine.catalogue() if "military user" in e.listed_as}
    assert not set(follow.options) & (military - listed)
    chosen = answers.apply(
        follow, transfer, option=0, typed=None, catalogue=engine.catalogue(), today=TODAY
    )
    assert chosen.transfer is not None and chosen.transfer.end_user.name == follow.options[0]
    assert engine.decide(chosen.transfer).outcome == q.if_answered[ask.options[1]]


def test_another_japanese_buyer_sets_the_country_and_asks_for_the_name(engine: Engine) -> None:
    transfer, q = question(engine, UNNAMED_BUYER, "end_user.name")
    result = pick(engine, answers.ask_of(q), transfer, "another Japanese organisation or person")
    assert result.transfer is not None and result.transfer.end_user.country == "JP"
    assert result.follow_up is not None and result.follow_up.free_text
    assert result.follow_up.question == "What is the name of the end user?"
    named = answers.apply(
        result.follow_up,
        result.transfer,
        option=None,
        typed="Hokkaido Dairy Cooperative",
        catalogue=engine.catalogue(),
        today=TODAY,
    )
    assert named.transfer is not None
    assert named.transfer.end_user.name == "Hokkaido Dairy Cooperative"
    assert named.transfer.end_user.country == "JP"


def test_a_near_match_confirmed_takes_the_listed_name(engine: Engine) -> None:
    case = {**UNNAMED_BUYER, "end_user": {"name": "Mitsubishi Heavy Industries Shipbuiding"}}
    transfer, q = question(engine, case, "end_user.name")
    ask = answers.ask_of(q)
    assert ask.options[0].startswith("yes, it is ")
    result = answers.apply(
        ask, transfer, option=0, typed=None, catalogue=engine.catalogue(), today=TODAY
    )
    assert result.transfer is not None and result.follow_up is None
    assert result.transfer.end_user.name == q.answers[0].sets[0].value
    assert engine.decide(result.transfer).outcome == "prohibited"
    other = pick(engine, ask, transfer, "no, another party")
    assert other.follow_up is not None and other.follow_up.free_text


def test_another_country_asks_which_and_reads_the_typed_name(engine: Engine) -> None:
    case = {
        **UNNAMED_BUYER,
        "end_user": {"name": "Thales", "located_in": "FR"},
        "consignee": {"name": "Apple", "country": "US"},
        "item": {"description": "ceramic floor tiles", "kind": "goods", "listed": True},
        "end_use": {"military": True},
        "destination": "FR",
        "route": ["FR"],
    }
    transfer, q = question(engine, case, "end_user.country")
    result = pick(engine, answers.ask_of(q), transfer, "another country")
    assert result.transfer is None and result.follow_up is not None
    assert result.follow_up.question == "Which country? Type its name or ISO code."
    typed = answers.apply(
        result.follow_up,
        transfer,
        option=None,
        typed="Germany",
        catalogue=engine.catalogue(),
        today=TODAY,
    )
    assert typed.transfer is not None and typed.transfer.end_user.country == "DE"
    japan = pick(engine, answers.ask_of(q), transfer, "Japan")
    assert japan.transfer is not None and japan.transfer.end_user.country == "JP"


@pytest.mark.parametrize(
    ("label", "route"), [("through China", ["CN", "JP"]), ("not through China", ["JP"])]
)
def test_the_route_answers_end_at_the_destination(
    engine: Engine, label: str, route: list[str]
) -> None:
    case = {
        "date": "2026-03-02",
        "transfer": "re-export",
        "origin": "KR",
        "item": {"description": "germanium dioxide", "kind": "goods", "listed": True},
        "exporter": {"name": "Hanoi Metals", "country": "VN"},
        "consignee": {"name": "Sony", "country": "JP"},
        "end_user": {"name": "Sony", "country": "JP"},
        "destination": "JP",
        "end_use": {"military": False},
    }
    transfer, q = question(engine, case, "route")
    result = pick(engine, answers.ask_of(q), transfer, label)
    assert result.transfer is not None and result.transfer.route == route


def test_a_yes_or_no_answer_sets_the_field(engine: Engine) -> None:
    transfer, q = question(engine, UNNAMED_BUYER, "end_use.military")
    ask = answers.ask_of(q)
    assert answers.choose(ask, "y") == 0
    result = pick(engine, ask, transfer, "yes")
    assert result.transfer is not None and result.transfer.end_use.military is True
    assert engine.decide(result.transfer).outcome == q.if_answered["yes"]


def test_a_catalogue_entry_picked_for_an_item_sets_its_name_and_code(engine: Engine) -> None:
    case = {
        **UNNAMED_BUYER,
        "item": {"description": "terbium", "kind": "goods"},
        "end_user": {"name": "Sony", "country": "JP"},
    }
    transfer, q = question(engine, case, "item.description")
    ask = answers.ask_of(q)
    label = next(o for o in ask.options if o.startswith("it is Terbium metal"))
    result = pick(engine, ask, transfer, label)
    assert result.transfer is not None
    assert result.transfer.item.description == "Terbium metal"
    assert result.transfer.item.code is not None
    after = engine.decide(result.transfer)
    assert "item.description" not in {q.field for q in after.questions}
    none = pick(engine, ask, transfer, "none of these")
    assert none.follow_up is not None and none.follow_up.field == "item.description"
