"""What recognition does to a decision: the proof step, what would change, questions, purity."""

from __future__ import annotations

from typing import Any

from dualuse.engine import Decision, Engine, FactNode, ProofNode, RuleNode

from tests.recognition.test_corpus import CIVILIAN


def _decide(engine: Engine, description: str, **item: Any) -> Decision:
    return engine.decide(
        {**CIVILIAN, "date": "2026-03-02", "item": {"description": description, **item}}
    )


def _facts(node: ProofNode) -> list[FactNode]:
    if isinstance(node, FactNode):
        return [node]
    if isinstance(node, RuleNode):
        return [f for child in node.children for f in _facts(child)]
    return []


def test_a_recognised_item_is_a_step_of_the_proof(engine: Engine) -> None:
    decision = _decide(engine, "SmCo5 magnet blocks", kind="goods")
    assert decision.outcome == "license_required"
    steps = [f for g in decision.grounds for f in _facts(g) if f.field == "item.description"]
    assert steps
    assert steps[0].sentence == (
        "'SmCo5 magnet blocks' read as catalogue entry Samarium-cobalt permanent-magnet "
        "materials (1C902.a): samarium, cobalt, magnet"
    )
    match = next(m for m in decision.matches if m.field == "item.description")
    assert (match.matched, match.exact, match.evidence) == ("samarium_magnet", True, "parts")
    change = [c for c in decision.what_would_change if "item.description" in c.fields]
    assert change and change[0].outcome == "not_controlled"
    assert change[0].changes == [
        "the item were not Samarium-cobalt permanent-magnet materials "
        "(1C902.a), nor otherwise listed"
    ]


def test_an_ambiguous_line_is_a_question_offering_the_candidates(engine: Engine) -> None:
    decision = _decide(engine, "Dy-Tb alloy", kind="goods")
    assert decision.outcome == "undetermined"
    match = next(m for m in decision.matches if m.field == "item.description")
    assert not match.exact and match.evidence == "ambiguous"
    question = next(q for q in decision.questions if q.field == "item.description")
    assert "it is Terbium alloys (1C904.a)" in question.options
    assert "it is Dysprosium alloys (1C905.a)" in question.options
    assert "none of these" in question.options
    assert question.if_answered.get("it is Terbium alloys (1C904.a)") == "license_required"


def test_a_stated_purity_settles_the_threshold_either_way(engine: Engine) -> None:
    above = _decide(engine, "antimony trioxide 99.995%", kind="goods")
    below = _decide(engine, "Sb2O3 99.8%, 25 kg bags", kind="goods")
    missing = _decide(engine, "antimony trioxide", kind="goods")
    assert above.outcome == "license_required"
    assert below.outcome == "not_controlled"
    assert missing.outcome == "undetermined"
    assert any(q.field == "item.listed" for q in missing.questions)
    reading = next(m for m in above.matches if m.field == "item.description").reading
    assert reading is not None and "meets the listing threshold (99.99% or more)" in reading


def test_a_line_the_catalogue_does_not_know_is_asked(engine: Engine) -> None:
    decision = _decide(engine, "NdFeB magnets N42, Dy-free", kind="goods")
    assert decision.outcome == "undetermined"
    assert any(q.field == "item.listed" for q in decision.questions)


def test_a_code_on_the_line_and_its_parts_agree(engine: Engine) -> None:
    decision = _decide(engine, "Gd metal chips", code="1C903.a", kind="goods")
    match = next(m for m in decision.matches if m.field == "item.description")
    assert (match.matched, match.evidence) == ("gadolinium_metal", "code")
    decision = _decide(engine, "Dy2O3 99.9%", code="1C902.b", kind="goods")
    match = next(m for m in decision.matches if m.field == "item.description")
    assert not match.exact and {"samarium_oxide", "dysprosium_oxide"} <= set(match.candidates)
