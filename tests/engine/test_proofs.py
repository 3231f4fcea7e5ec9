"""Proofs, why-nots, penalties and questions on the bundled rule base, checked independently.

Expected rule ids, citations, dates and amounts come from /work/shared/legal/sources.md:
Announcement 2026 No. 1 (section 1: three prongs of clause 1, in force on publication,
2026-01-06); Announcement 2026 No. 11 (section 1.5, 2026-02-24); Announcement 2025 No. 18
(section 4.1: dysprosium is listed from 2025-04-04); ECL Art. 34 (section 2: turnover of 500,000
yuan or more is fined 5 to 10 times, otherwise 500,000 to 5,000,000; 以上 includes the threshold).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from dualuse.engine import (
    ComparisonNode,
    Decision,
    Engine,
    FactNode,
    ProofNode,
    RuleNode,
    Transfer,
    WhyNot,
)
from dualuse.engine.decide.facts import InputFacts, input_facts
from dualuse.engine.decide.resolve import Resolver
from dualuse.engine.explain.proofcheck import check_proof
from dualuse.engine.law.rulebase import RuleBase

from tests.engine.test_compact import SCANDIUM_CASE

Path = tuple[int, ...]

Decide = Callable[..., Decision]


Samples = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def decide(engine: Engine, samples: Samples) -> Decide:
    cache: dict[tuple[str, dt.date | None], Decision] = {}

    def run(name: str, as_of: dt.date | None = None) -> Decision:
        if (name, as_of) not in cache:
            cache[name, as_of] = engine.decide(samples[name], as_of)
        return cache[name, as_of]

    return run


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return RuleBase.load()


def facts_of(base: RuleBase, transfer: dict[str, Any]) -> InputFacts:
    return input_facts(Transfer.model_validate(transfer), Resolver(base), {})


def forged(decision: Decision, ground: ProofNode) -> Decision:
    """The decision with its first ground replaced (the others dropped) and no liabilities."""
    return decision.model_copy(update={"grounds": [ground], "liable": []})


def walk(node: ProofNode, path: Path = ()) -> Iterator[tuple[Path, ProofNode]]:
    yield path, node
    if isinstance(node, RuleNode):
        for i, child in enumerate(node.children):
            yield from walk(child, (*path, i))


def find(node: ProofNode, match: Callable[[ProofNode], bool]) -> tuple[Path, ProofNode]:
    return next((p, n) for p, n in walk(node) if match(n))


def rule_step(node: ProofNode, rule_id: str) -> tuple[Path, RuleNode]:
    path, found = find(node, lambda n: isinstance(n, RuleNode) and n.rule_id == rule_id)
    assert isinstance(found, RuleNode)
    return path, found


def replace(node: ProofNode, path: Path, new: ProofNode | None) -> ProofNode:
    """A copy of ``node`` with the node at ``path`` replaced (or dropped when ``new`` is None)."""
    if not path:
        assert new is not None
        return new
    assert isinstance(node, RuleNode)
    children = list(node.children)
    head, rest = path[0], path[1:]
    if not rest and new is None:
        del children[head]
    else:
        children[head] = replace(children[head], rest, new)
    return node.model_copy(update={"children": children})


def where(path: Path) -> str:
    return "grounds[0]" + "".join(f".children[{i}]" for i in path)


# -- grounds ------------------------------------------------------------------------------------


def test_an_export_to_the_jmsdf_is_banned_by_clause_1_first_prong(
    engine: Engine, decide: Decide
) -> None:
    decision = decide("jmsdf")
    assert decision.outcome == "prohibited"
    assert [g.rule_id for g in decision.grounds if isinstance(g, RuleNode)] == [
        "outcome.prohibited.military_user"
    ]
    ground = decision.grounds[0]
    assert isinstance(ground, RuleNode) and ground.citation is not None
    assert ground.citation.instrument == "MOFCOM Announcement 2026 No. 1"
    assert (ground.citation.article, ground.citation.paragraph) == ("clause 1", "first prong")
    assert ground.bindings == {"U": "jmsdf"}
    _, ban = rule_step(ground, "ann2026_1.c1.military_user")
    assert ban.bindings == {"U": "jmsdf"}
    assert ban.in_force == "from 2026-01-06"
    assert ban.quote is None and ban.article == "ann2026_1.c1"  # the article's words, once
    quote = decision.articles["ann2026_1.c1"].quote
    assert quote is not None and "禁止所有两用物项对日本军事用户" in quote.zh
    assert ban.interpretation is not None  # "military user" is a reading, and says so
    assert "ann2026_1.c1.military_user" in decision.interpretations
    (template,) = [r.says for r in engine.rules() if r.id == "ann2026_1.c1.military_user"]
    assert "{U}" in template
    assert ban.sentence == template.replace("{U}", "Japan Maritime Self-Defense Force")


def test_the_jmsdf_ground_rests_on_the_transfer_and_the_military_user_list(
    decide: Decide,
) -> None:
    ground = decide("jmsdf").grounds[0]
    leaves = {n.atom: n for _, n in walk(ground) if isinstance(n, FactNode)}
    end_user = leaves['end_user("jmsdf")']
    assert (end_user.origin, end_user.field) == ("transfer", "end_user.name")
    listed = leaves['jp_military_user("jmsdf")']
    assert listed.origin == "table" and listed.source is not None and "gtlaw" in listed.source
    assert listed.valid is not None and listed.valid.startswith("2026-01-06")
    assert leaves['transfer_kind("export")'].field == "transfer"


def test_both_prongs_are_shown_when_both_apply(decide: Decide) -> None:
    decision = decide("two_prongs")
    assert decision.outcome == "prohibited"
    grounds = [g for g in decision.grounds if isinstance(g, RuleNode)]
    assert {g.rule_id for g in grounds} == {
        "outcome.prohibited.military_user",
        "outcome.prohibited.military_use",
    }
    assert {g.citation.paragraph for g in grounds if g.citation} == {"first prong", "second prong"}
    _, use = rule_step(decision.grounds[1], "ann2026_1.c1.military_use")
    assert any(isinstance(n, FactNode) and n.atom == "end_use_military" for _, n in walk(use))


def test_a_control_listed_end_user_is_banned_on_two_grounds(decide: Decide) -> None:
    decision = decide("control_listed")
    assert decision.outcome == "prohibited"
    ids = {g.rule_id for g in decision.grounds if isinstance(g, RuleNode)}
    assert ids == {"outcome.prohibited.control_list", "outcome.prohibited.military_strength_user"}
    for ground in decision.grounds:
        assert isinstance(ground, RuleNode) and ground.in_force == "from 2026-02-24"


# -- the checker on real proofs -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["jmsdf", "two_prongs", "civilian", "gift", "bonded", "control_listed", "re_export"]
)
def test_the_checker_accepts_every_ground_and_liability(
    engine: Engine, decide: Decide, name: str
) -> None:
    decision = decide(name)
    assert decision.grounds
    assert all(liability.proof is not None for liability in decision.liable)
    assert engine.check(decision) == []


def test_the_check_rebuilds_the_facts_from_the_audit_record(engine: Engine, decide: Decide) -> None:
    decision = decide("jmsdf")
    audit = decision.audit
    elsewhere = {**audit.input, "end_user": {"name": "Toyota Motor", "country": "JP"}}
    moved = decision.model_copy(update={"audit": audit.model_copy(update={"input": elsewhere})})
    problems = engine.check(moved)
    assert any(p.startswith("grounds[0]") and "neither a fact" in p for p in problems)
    assert any(p.startswith("liable[0].proof") for p in problems)
    stale = decision.model_copy(
        update={"audit": audit.model_copy(update={"rules_digest": "0" * 64})}
    )
    assert engine.check(stale)[0].startswith("audit: the decision was made under rules 000000")


def test_the_checker_rejects_a_changed_binding(engine: Engine, decide: Decide) -> None:
    ground = decide("jmsdf").grounds[0]
    path, ban = rule_step(ground, "ann2026_1.c1.military_user")
    changed = replace(ground, path, ban.model_copy(update={"bindings": {"U": "jasdf"}}))
    problems = engine.check(forged(decide("jmsdf"), changed))
    assert any(
        p.startswith(where(path)) and 'gives ban_military_user("jasdf")' in p for p in problems
    )


def test_the_checker_rejects_a_swapped_fact(engine: Engine, decide: Decide) -> None:
    ground = decide("jmsdf").grounds[0]
    path, _ = find(ground, lambda n: isinstance(n, FactNode) and n.atom == 'end_user("jmsdf")')
    other = FactNode(
        atom='end_user("jasdf")',
        pred="end_user",
        args=["jasdf"],
        origin="transfer",
        field="end_user.name",
    )
    problems = engine.check(forged(decide("jmsdf"), replace(ground, path, other)))
    assert any(p.startswith(where(path)) and "neither a fact" in p for p in problems)


def test_the_checker_rejects_a_dropped_child(engine: Engine, decide: Decide) -> None:
    ground = decide("jmsdf").grounds[0]
    path, ban = rule_step(ground, "ann2026_1.c1.military_user")
    dropped = replace(ground, (*path, len(ban.children) - 1), None)
    problems = engine.check(forged(decide("jmsdf"), dropped))
    assert any(
        p.startswith(where(path)) and f"has {len(ban.children) - 1} children" in p for p in problems
    )


def test_the_checker_rejects_a_changed_comparison_value(engine: Engine, decide: Decide) -> None:
    ground = decide("gift").grounds[0]
    path, cmp = find(ground, lambda n: isinstance(n, ComparisonNode))
    assert isinstance(cmp, ComparisonNode) and cmp.evaluated == '"JP" != "CN"'
    changed = replace(ground, path, cmp.model_copy(update={"evaluated": '"CN" != "CN"'}))
    problems = engine.check(forged(decide("gift"), changed))
    assert [p for p in problems if p.startswith(where(path))] == [
        f'{where(path)} (comparison C != "CN"): the bindings give "JP" != "CN", not "CN" != "CN"'
    ]


def test_the_checker_rejects_a_ground_on_a_day_its_rules_were_not_in_force(
    engine: Engine, decide: Decide
) -> None:
    early = decide("jmsdf").model_copy(update={"as_of": dt.date(2026, 1, 5)})
    problems = engine.check(early)
    assert any("not in force on 2026-01-05 (in force from 2026-01-06)" in p for p in problems)


# -- why not ------------------------------------------------------------------------------------


def why_not(decision: Decision, outcome: str) -> list[WhyNot]:
    (entry,) = [w for w in decision.why_not if w.outcome == outcome]
    return entry.rules


def prohibited_rule_ids(engine: Engine) -> set[str]:
    return {r.id for r in engine.rules() if r.text.startswith('outcome("prohibited") :-')}


def test_why_a_civilian_export_is_not_prohibited(engine: Engine, decide: Decide) -> None:
    decision = decide("civilian")
    assert decision.outcome == "license_required"  # a listed rare earth still needs a licence
    rules = why_not(decision, "prohibited")
    assert {r.rule_id for r in rules} == prohibited_rule_ids(engine)
    later = {r.rule_id for r in rules if r.reason == "not_in_force"}
    assert later == {"second_wave.prohibited"}  # the reported listing of 29 June 2026
    rules = [r for r in rules if r.rule_id not in later]
    assert all(r.reason == "condition_failed" and r.failed_condition for r in rules)
    deeper = {b.rule_id: b for r in rules for b in r.because}
    expected = {
        "ann2026_1.c1.military_user": "jp_military_user(U)",
        "ann2026_1.c1.military_use": "end_use_military",
        "ann2026_1.c1.military_strength": "end_use_helps_military_strength",
        "ann2026_1.c1.military_strength.listed_user": "control_listed(U)",
    }
    for rule_id, condition in expected.items():
        assert deeper[rule_id].failed_condition == condition
    assert deeper["ann2026_1.c1.military_user"].bindings == {"U": "Toyota Motor"}
    assert "not a Japanese military user" in deeper["ann2026_1.c1.military_user"].sentence
    assert deeper["ann2026_1.c1.military_use"].sentence == "the end use is not military"


def _deepest(entry: WhyNot) -> WhyNot:
    return _deepest(entry.because[0]) if entry.because else entry


def test_a_route_closed_by_a_known_fact_is_explained_by_it_not_by_an_unknown(
    engine: Engine,
) -> None:
    # Scandium oxide is listed by MOFCOM & GACC Announcement 2025 No. 18 (sources.md 4.1), so
    # the route for an item the user declares listed (ECL Art. 9) is closed whatever the user
    # would say; the catch-all of ECL Art. 12(3) turns on the exporter's knowledge, not given.
    decision = engine.decide(SCANDIUM_CASE)
    assert decision.outcome == "undetermined"
    routes = {r.rule_id: r for r in why_not(decision, "license_required")}
    declared = _deepest(routes["outcome.license_required.declared"])
    assert declared.rule_id == "ecl_art9.declared_listed"
    assert declared.failed_condition == "not catalogue_settles(I)"
    assert (
        declared.sentence
        == "the catalogue records Scandium oxide and its mixtures as a listed item"
    )
    assert "not known" not in routes["outcome.license_required.declared"].sentence
    catch_all = routes["outcome.license_required.catch_all"]
    assert catch_all.sentence.startswith("it is not known whether the exporter knows")


def test_before_announcement_1_the_ban_is_not_in_force(engine: Engine, decide: Decide) -> None:
    decision = decide("jmsdf", dt.date(2026, 1, 5))
    assert decision.outcome == "license_required"  # dysprosium oxide is listed since 2025-04-04
    rules = why_not(decision, "prohibited")
    assert {r.rule_id for r in rules} == prohibited_rule_ids(engine)
    for r in rules:
        assert r.reason == "not_in_force"
        assert r.sentence.endswith("and the transfer is assessed as of 2026-01-05")
        assert r.citation is not None
        if r.citation.instrument == "MOFCOM Announcement 2026 No. 1" and r.rule_id != (
            "outcome.prohibited.military_strength_user"
        ):
            assert "applies only from 2026-01-06" in r.sentence
    no11 = next(r for r in rules if r.rule_id == "outcome.prohibited.control_list")
    assert (
        "Announcement 2026 No. 11, measure 1" in no11.sentence
        and "from 2026-02-24" in no11.sentence
    )


def test_on_the_day_announcement_1_takes_effect_the_export_is_banned(decide: Decide) -> None:
    assert decide("jmsdf", dt.date(2026, 1, 6)).outcome == "prohibited"


# -- penalties ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rule_id", "low", "high"),
    [
        ("turnover_below", "ecl_art34.fine.fixed", 500_000, 5_000_000),
        ("turnover_at", "ecl_art34.fine.multiple", 2_500_000, 5_000_000),  # 以上 includes 500,000
        ("jmsdf", "ecl_art34.fine.multiple", 4_000_000, 8_000_000),  # 800,000 x 5 to x 10
    ],
)
def test_ecl_article_34_fines_a_banned_export(
    decide: Decide, name: str, rule_id: str, low: int, high: int
) -> None:
    decision = decide(name)
    (liability,) = decision.liable
    assert liability.basis == "prohibited_export"
    (penalty,) = liability.penalties
    assert (penalty.rule_id, penalty.min_cny, penalty.max_cny) == (rule_id, low, high)
    assert penalty.citation is not None
    assert (penalty.citation.instrument, penalty.citation.article) == ("Export Control Law", "34")


# -- questions ----------------------------------------------------------------------------------

RANK = {"settles": 0, "settles_one_way": 1, "narrows": 2, "penalty": 3}


def test_a_question_gives_each_answer_its_outcome_once_with_every_provision(
    engine: Engine,
) -> None:
    # An item the catalogue does not know, for the JMSDF, the exporter knowing of no risk: if it
    # is on the list, two prongs of clause 1 ban it (the military user, the military use); if
    # not, nothing controls it.
    decision = engine.decide(
        {
            "date": "2026-03-10",
            "transfer": "export",
            "origin": "CN",
            "item": {"description": "Rare earth polishing powder", "kind": "goods"},
            "exporter": {"name": "Hunan Rare Metals Co.", "country": "CN"},
            "consignee": {"name": "Japan Maritime Self-Defence Force"},
            "end_user": {"name": "Japan Maritime Self-Defence Force"},
            "end_use": {"military": True, "helps_military_strength": False},
            "exporter_knowledge": {
                "wmd": False,
                "terrorism": False,
                "national_security": False,
                "notified": False,
            },
            "destination": "JP",
            "route": ["JP"],
        },
        explain=False,
    )
    (listed,) = [q for q in decision.questions if q.field == "item.listed"]
    clauses = listed.reason.split("; if ")
    assert [c.split(":")[0].removeprefix("if ") for c in clauses] == ["yes", "no"]
    assert clauses[0].startswith("if yes: prohibited (Announcement 2026 No. 1, cl. 1, first prong")
    assert "first prong and second prong" in clauses[0]
    assert listed.reason.count("prohibited") == 1
    assert clauses[1].startswith("no: not controlled (")


def test_an_undetermined_transfer_asks_the_most_decisive_question_first(
    engine: Engine, decide: Decide, samples: Samples
) -> None:
    decision = decide("undetermined")
    assert decision.outcome == "undetermined"
    assert set(decision.possible_outcomes) == {"prohibited", "license_required", "not_controlled"}
    ranks = [RANK[q.decisive] for q in decision.questions]
    assert ranks == sorted(ranks)
    first = decision.questions[0]
    # An unlisted item is only controlled through the catch-all (ECL Art. 12(3)).
    assert first.field == "exporter_knowledge.wmd"
    assert first.if_answered == {"no": "not_controlled"}
    assert any(q.field == "end_use.military" for q in decision.questions[1:])
    answered = {
        **samples["undetermined"],
        "exporter_knowledge": {**samples["undetermined"]["exporter_knowledge"], "wmd": False},
    }
    after = engine.decide(answered)
    assert after.outcome == first.if_answered["no"]
    assert [g.rule_id for g in after.grounds if isinstance(g, RuleNode)] == [
        "outcome.not_controlled"
    ]


# -- proofs from a three-valued evaluation and penalty proofs ------------------------------------


def test_the_checker_accepts_grounds_built_while_questions_are_open(
    engine: Engine, base: RuleBase, variant: Callable[..., dict[str, Any]]
) -> None:
    transfer = variant(licences=None, end_user={"name": "Toyota Motor"})  # two open facts
    decision = engine.decide(transfer)
    facts = facts_of(base, transfer)
    assert facts.open  # the evaluation was three-valued
    assert decision.outcome == "license_required"
    assert decision.grounds and engine.check(decision) == []
    # A negation the ground rests on may not be one an open question could still make true.
    licence_open = [o for o in facts.open if o.field == "licences"]
    assert licence_open and ("licence_held", ()) in licence_open[0].answers["yes"]


def fine_proof(base: RuleBase, transfer: dict[str, Any]) -> tuple[RuleNode, InputFacts]:
    """The proof of a fine, which a decision shows only as its range: built from the parts."""
    from dualuse.engine.decide.decider import Decider
    from dualuse.engine.explain.prover import Prover
    from dualuse.engine.law.inforce import Law

    day = dt.date.fromisoformat(transfer["date"])
    facts = facts_of(base, transfer)
    decider = Decider(base, Resolver(base), Law(base).on(day), day, {}, "")
    world = decider.world(facts)
    (row,) = world.surely("fine")
    proof = Prover(base, world, day, facts.fields, decider.label).proof("fine", row)
    assert isinstance(proof, RuleNode)
    return proof, facts


def test_the_checker_recomputes_a_fine_and_its_tier(base: RuleBase, samples: Samples) -> None:
    proof, facts = fine_proof(base, samples["turnover_at"])
    day = dt.date(2026, 3, 2)
    assert proof.rule_id == "ecl_art34.fine.multiple"
    assert proof.conclusion.endswith(', "prohibited_export", 2500000, 5000000)')
    assert proof.pred == "fine" and proof.args[-2:] == [2500000, 5000000]
    assert check_proof(proof, base, facts, day) == []
    path, cmp = find(proof, lambda n: isinstance(n, ComparisonNode))
    assert isinstance(cmp, ComparisonNode) and cmp.evaluated == "500000 >= 500000"
    changed = replace(proof, path, cmp.model_copy(update={"evaluated": "5000000 >= 500000"}))
    problems = check_proof(changed, base, facts, day)
    assert any("the bindings give 500000 >= 500000" in p for p in problems)
    inflated = proof.model_copy(
        update={
            "conclusion": proof.conclusion.replace("5000000)", "6000000)"),
            "args": [*proof.args[:-1], 6000000],
        }
    )
    assert any("gives fine(" in p for p in check_proof(inflated, base, facts, day))
    misspelt = proof.model_copy(update={"conclusion": proof.conclusion.replace("5000000)", "6)")})
    assert any("is not its pred and args" in p for p in check_proof(misspelt, base, facts, day))
