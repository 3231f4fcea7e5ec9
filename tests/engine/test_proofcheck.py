"""The proof checker on a small rule base with hand-built proofs: each check, one at a time."""

from __future__ import annotations

import ast
import doctest
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from dualuse.engine.datalog.parser import parse_text
from dualuse.engine.datalog.syntax import Value
from dualuse.engine.explain import proofcheck
from dualuse.engine.explain.proof import (
    ComparisonNode,
    FactNode,
    NegationNode,
    ProofNode,
    RuleNode,
)
from dualuse.engine.explain.proofcheck import check_proof
from dualuse.engine.law.rulebase import RuleBase, TableRow

RULES = """
.input kind(K)
.input user(U)
.input flag
.input turnover(N)
.table military(U) from "data/military.csv"

@id("r.ban")
@cites(instrument="Test Act", article="1", paragraph="first prong")
@in_force(from="2026-01-06")
@quote(zh="禁止", en="It is prohibited.", source="test")
@interpretation(by="tests", confidence="high", reading="a reading")
@says("{U} is a military user, so the export is banned")
ban(U) :- kind("export"), user(U), military(U), not flag.

@id("r.any")
@cites(instrument="Test Act", article="1")
@in_force(from="2020-12-01")
@says("some end user is banned")
any_ban :- ban(_).

@id("r.clear")
@cites(instrument="Test Act", article="2")
@in_force(from="2020-12-01")
@says("{U} is clear")
clear(U) :- user(U), not ban(U).

@id("r.civil")
@cites(instrument="Test Act", article="2")
@in_force(from="2020-12-01")
@says("{U} is a civil user")
civil(U) :- user(U), not military(U).

@id("r.both")
@cites(instrument="Test Act", article="3")
@in_force(from="2020-12-01")
@says("{U} is both")
both(U) :- ban(U), clear(U).

@id("r.fine")
@cites(instrument="Test Act", article="34")
@in_force(from="2020-12-01")
@says("a turnover of {N} is fined {Low} to {High} times")
fine(N * Low, N * High) :- turnover(N), N >= 500000, Low = 5, High = 10.

@id("r.form")
@cites(instrument="Test Act", article="4")
@in_force(from="2020-12-01", until="2025-12-31")
@says("a gift is a form of transfer")
form("gift").

@id("r.gift")
@cites(instrument="Test Act", article="4")
@in_force(from="2020-12-01")
@says("the {K} is an export")
exported(K) :- kind(K), form(K).
"""

DAY = date(2026, 3, 2)
ROW = TableRow(
    values=("jmsdf",),
    valid_from=date(2026, 1, 6),
    valid_until=None,
    source="list A",
    confidence="V-secondary",
    file="data/military.csv",
    line=2,
)


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return RuleBase(Path("."), parse_text(RULES, file="test.dl"), {"military": [ROW]})


def text(pred: str, *args: Value) -> str:
    if not args:
        return pred
    shown = [f'"{a}"' if isinstance(a, str) else str(a) for a in args]
    return f"{pred}({', '.join(shown)})"


def fact(pred: str, *args: Value, origin: str = "transfer", **extra: str) -> FactNode:
    return FactNode.model_validate(
        {"atom": text(pred, *args), "pred": pred, "args": list(args), "origin": origin, **extra}
    )


def negation(pred: str, *args: Value, sentence: str = "") -> NegationNode:
    return NegationNode(atom=text(pred, *args), pred=pred, args=list(args), sentence=sentence)


def step(
    base: RuleBase,
    rule_id: str,
    head: tuple[str, *tuple[Value, ...]],
    bindings: dict[str, Value],
    sentence: str,
    children: Sequence[ProofNode],
) -> RuleNode:
    meta = base.rule(rule_id).meta
    pred, *args = head
    return RuleNode(
        conclusion=text(pred, *args),
        pred=pred,
        args=args,
        rule_id=rule_id,
        citation=meta.cites,
        in_force=meta.in_force.text() if meta.in_force else None,
        sentence=sentence,
        bindings=bindings,
        interpretation=meta.interpretation,
        quote=meta.quote,
        children=list(children),
    )


def ban_proof(base: RuleBase, user: str = "jmsdf") -> RuleNode:
    return step(
        base,
        "r.ban",
        ("ban", user),
        {"U": user},
        "Japan Maritime Self-Defense Force is a military user, so the export is banned",
        [
            fact("kind", "export"),
            fact("user", user),
            fact("military", user, origin="table", source="list A"),
            negation("flag", sentence="the flag is not set"),
        ],
    )


FACTS: dict[str, set[tuple[Value, ...]]] = {
    "kind": {("export",)},
    "user": {("jmsdf",)},
    "turnover": {(500000,)},
}


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


# -- valid proofs ---------------------------------------------------------------------------------


def test_a_correct_proof_checks(base: RuleBase) -> None:
    assert check_proof(ban_proof(base), base, FACTS, DAY) == []


def test_anonymous_argument_matches_any_child_conclusion(base: RuleBase) -> None:
    proof = step(base, "r.any", ("any_ban",), {}, "some end user is banned", [ban_proof(base)])
    assert check_proof(proof, base, FACTS, DAY) == []


def test_arithmetic_in_the_head_is_recomputed(base: RuleBase) -> None:
    tier = ComparisonNode(text="N >= 500000", evaluated="500000 >= 500000", holds=True)
    proof = fine_proof(base, tier, turnover=500000)
    assert check_proof(proof, base, FACTS, DAY) == []
    wrong = proof.model_copy(
        update={"conclusion": "fine(2500000, 5000001)", "args": [2500000, 5000001]}
    )
    assert "gives fine(2500000, 5000000)" in only(check_proof(wrong, base, FACTS, DAY))


def test_a_fact_stated_by_a_rule_file_checks_only_while_that_rule_is_in_force(
    base: RuleBase,
) -> None:
    proof = step(
        base,
        "r.gift",
        ("exported", "gift"),
        {"K": "gift"},
        "the gift is an export",
        [fact("kind", "gift"), fact("form", "gift", origin="rules")],
    )
    facts = {"kind": {("gift",)}}
    assert check_proof(proof, base, facts, date(2025, 12, 31)) == []
    problems = check_proof(proof, base, facts, date(2026, 1, 1))
    assert any("proof.children[1]" in p and "nor a fact of the rules" in p for p in problems)


def test_a_negation_written_with_the_internal_suffix_is_read_as_the_predicate(
    base: RuleBase,
) -> None:
    proof = ban_proof(base)
    children = [*proof.children[:3], negation("flag__hi", sentence="not set")]
    assert check_proof(proof.model_copy(update={"children": children}), base, FACTS, DAY) == []


# -- rule nodes -----------------------------------------------------------------------------------


def test_an_unknown_rule_id(base: RuleBase) -> None:
    proof = ban_proof(base).model_copy(update={"rule_id": "r.invented"})
    problem = only(check_proof(proof, base, FACTS, DAY))
    assert problem.startswith('proof (ban("jmsdf") by r.invented): ')
    assert "no rule with id 'r.invented'" in problem


def test_a_rule_out_of_force_on_the_date(base: RuleBase) -> None:
    problems = check_proof(ban_proof(base), base, FACTS, date(2026, 1, 5))
    assert any(
        p.startswith("proof (") and "not in force on 2026-01-05 (in force from 2026-01-06)" in p
        for p in problems
    )
    # The table row is not valid yet either.
    assert any(p.startswith("proof.children[2] (fact military(") for p in problems)


def test_a_changed_binding_breaks_the_head_and_the_body(base: RuleBase) -> None:
    proof = ban_proof(base).model_copy(update={"bindings": {"U": "jasdf"}})
    problems = check_proof(proof, base, FACTS, DAY)
    assert any('gives ban("jasdf"), but the node concludes ban("jmsdf")' in p for p in problems)
    assert any(
        p.startswith('proof.children[1] (fact user("jmsdf"))')
        and 'the literal user("jasdf") is proved by user("jmsdf")' in p
        for p in problems
    )


def test_missing_and_extra_bindings(base: RuleBase) -> None:
    missing = ban_proof(base).model_copy(update={"bindings": {}})
    assert any(
        "the variable U of rule r.ban is not bound" in p
        for p in check_proof(missing, base, FACTS, DAY)
    )
    extra = ban_proof(base).model_copy(update={"bindings": {"U": "jmsdf", "V": 1}})
    assert "binds V, which rule r.ban does not have" in only(check_proof(extra, base, FACTS, DAY))


def test_a_dropped_child(base: RuleBase) -> None:
    proof = ban_proof(base)
    dropped = proof.model_copy(update={"children": proof.children[:2] + proof.children[3:]})
    problems = check_proof(dropped, base, FACTS, DAY)
    assert any("has 3 children but rule r.ban has 4 body literals" in p for p in problems)


def test_a_citation_or_quote_not_the_rules_own(base: RuleBase) -> None:
    proof = ban_proof(base)
    assert proof.citation is not None
    cited = proof.model_copy(
        update={"citation": proof.citation.model_copy(update={"article": "9"})}
    )
    assert "cites 'Test Act, 9, first prong'" in only(check_proof(cited, base, FACTS, DAY))
    unquoted = proof.model_copy(update={"quote": None})
    assert "quoted text" in only(check_proof(unquoted, base, FACTS, DAY))
    reread = proof.model_copy(update={"interpretation": None})
    assert "interpretation" in only(check_proof(reread, base, FACTS, DAY))
    redated = proof.model_copy(update={"in_force": "from 2020-12-01"})
    assert "in force" in only(check_proof(redated, base, FACTS, DAY))


def test_a_sentence_that_does_not_follow_the_template(base: RuleBase) -> None:
    proof = ban_proof(base).model_copy(update={"sentence": "the export is allowed"})
    assert "does not follow the rule's @says" in only(check_proof(proof, base, FACTS, DAY))


# -- facts ----------------------------------------------------------------------------------------


def test_a_swapped_fact(base: RuleBase) -> None:
    proof = ban_proof(base)
    children = [proof.children[0], fact("user", "toyota"), *proof.children[2:]]
    problems = check_proof(proof.model_copy(update={"children": children}), base, FACTS, DAY)
    assert any(
        p.startswith('proof.children[1] (fact user("toyota"))') and "neither a fact" in p
        for p in problems
    )
    assert any('the literal user("jmsdf") is proved by user("toyota")' in p for p in problems)


def test_a_fact_whose_origin_is_wrong(base: RuleBase) -> None:
    proof = ban_proof(base)
    children = [fact("kind", "export", origin="table"), *proof.children[1:]]
    problem = only(check_proof(proof.model_copy(update={"children": children}), base, FACTS, DAY))
    assert "origin is 'table' but no row of kind" in problem


def test_a_table_fact_with_another_source(base: RuleBase) -> None:
    proof = ban_proof(base)
    forged = fact("military", "jmsdf", origin="table", source="list B")
    children = [*proof.children[:2], forged, proof.children[3]]
    problem = only(check_proof(proof.model_copy(update={"children": children}), base, FACTS, DAY))
    assert "no valid row of military has the source 'list B'" in problem


def test_a_fact_whose_atom_is_not_its_arguments(base: RuleBase) -> None:
    proof = ban_proof(base)
    odd = FactNode(atom='user("toyota")', pred="user", args=["jmsdf"], origin="transfer")
    children = [proof.children[0], odd, *proof.children[2:]]
    problem = only(check_proof(proof.model_copy(update={"children": children}), base, FACTS, DAY))
    assert 'its atom user("toyota") is not its pred and args' in problem


def test_an_integer_is_not_the_string_of_its_digits(base: RuleBase) -> None:
    proof = step(
        base, "r.clear", ("clear", "1"), {"U": "1"}, "1 is clear",
        [fact("user", "1"), negation("ban", "1")],
    )  # fmt: skip
    assert check_proof(proof, base, {"user": {("1",)}}, DAY) == []
    assert check_proof(proof, base, {"user": {(1,)}}, DAY) != []


# -- negations ------------------------------------------------------------------------------------


def test_a_negated_input_fact_that_holds(base: RuleBase) -> None:
    problem = only(check_proof(ban_proof(base), base, {**FACTS, "flag": {()}}, DAY))
    assert problem.startswith("proof.children[3] (not flag): flag is a fact of the transfer")


@dataclass
class Opened:
    answers: dict[str, list[tuple[str, tuple[Value, ...]]]]


@dataclass
class Inputs:
    known: dict[str, set[tuple[Value, ...]]]
    open: list[Opened] = field(default_factory=list)


def test_a_negation_is_refused_while_a_question_could_make_it_true(base: RuleBase) -> None:
    open_flag = Inputs(known=FACTS, open=[Opened({"yes": [("flag", ())], "no": []})])
    problem = only(check_proof(ban_proof(base), base, open_flag, DAY))
    assert "flag is a possible answer to a question" in problem
    closed = Inputs(known=FACTS, open=[Opened({"yes": [("turnover", (1,))], "no": []})])
    assert check_proof(ban_proof(base), base, closed, DAY) == []


def test_a_negated_table_row_valid_on_the_date(base: RuleBase) -> None:
    proof = step(
        base, "r.civil", ("civil", "jmsdf"), {"U": "jmsdf"}, "jmsdf is a civil user",
        [fact("user", "jmsdf"), negation("military", "jmsdf")],
    )  # fmt: skip
    problem = only(check_proof(proof, base, FACTS, DAY))
    assert (
        'military("jmsdf") is a row of a table valid on 2026-03-02 (data/military.csv:2)' in problem
    )
    assert check_proof(proof, base, FACTS, date(2026, 1, 5)) == []  # the row starts on 01-06


def test_a_negated_derived_fact_established_elsewhere_in_the_proof(base: RuleBase) -> None:
    clear = step(
        base, "r.clear", ("clear", "jmsdf"), {"U": "jmsdf"}, "jmsdf is clear",
        [fact("user", "jmsdf"), negation("ban", "jmsdf")],
    )  # fmt: skip
    assert check_proof(clear, base, FACTS, DAY) == []  # alone, nothing contradicts it (the limit)
    proof = step(
        base, "r.both", ("both", "jmsdf"), {"U": "jmsdf"}, "jmsdf is both", [ban_proof(base), clear]
    )
    problem = only(check_proof(proof, base, FACTS, DAY))
    assert problem.startswith('proof.children[1].children[1] (not ban("jmsdf")): ')
    assert "established elsewhere in the proof, at proof.children[0]" in problem


def test_a_negation_that_is_not_the_rules_literal(base: RuleBase) -> None:
    proof = ban_proof(base)
    children = [*proof.children[:3], negation("other")]
    problem = only(check_proof(proof.model_copy(update={"children": children}), base, FACTS, DAY))
    assert "the literal not flag is shown as not other" in problem
    children = [*proof.children[:3], fact("kind", "export")]
    problems = check_proof(proof.model_copy(update={"children": children}), base, FACTS, DAY)
    assert any("whose step is a negation" in p for p in problems)


# -- comparisons ----------------------------------------------------------------------------------


def fine_proof(base: RuleBase, comparison: ComparisonNode, turnover: int = 800000) -> RuleNode:
    """The proof that ``turnover`` is fined 5 to 10 times, with ``comparison`` as its tier."""
    return step(
        base,
        "r.fine",
        ("fine", turnover * 5, turnover * 10),
        {"N": turnover, "Low": 5, "High": 10},
        f"a turnover of {turnover:,} is fined 5 to 10 times",
        [
            fact("turnover", turnover),
            comparison,
            ComparisonNode(text="Low = 5", evaluated="5 = 5", holds=True),
            ComparisonNode(text="High = 10", evaluated="10 = 10", holds=True),
        ],
    )


def test_the_fine_proof_checks(base: RuleBase) -> None:
    right = ComparisonNode(text="N >= 500000", evaluated="800000 >= 500000", holds=True)
    assert check_proof(fine_proof(base, right), base, {"turnover": {(800000,)}}, DAY) == []


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (
            ComparisonNode(text="N >= 500000", evaluated="400000 >= 500000", holds=True),
            "the bindings give 800000 >= 500000, not 400000 >= 500000",
        ),
        (
            ComparisonNode(text="N >= 500000", evaluated="800000 >= 500000", holds=False),
            "800000 >= 500000 is true, not False",
        ),
        (
            ComparisonNode(text="N > 500000", evaluated="800000 >= 500000", holds=True),
            "the rule's comparison is N >= 500000, not N > 500000",
        ),
    ],
)
def test_a_changed_comparison(base: RuleBase, node: ComparisonNode, message: str) -> None:
    facts = {"turnover": {(800000,)}}
    problem = only(check_proof(fine_proof(base, node), base, facts, DAY))
    assert problem.startswith("proof.children[1] (comparison ")
    assert message in problem


def test_a_comparison_that_fails_proves_nothing(base: RuleBase) -> None:
    proof = fine_proof(
        base, ComparisonNode(text="N >= 500000", evaluated="400000 >= 500000", holds=False)
    ).model_copy(update={"bindings": {"N": 400000, "Low": 5, "High": 10}})
    problems = check_proof(proof, base, {"turnover": {(400000,)}}, DAY)
    assert any("400000 >= 500000 is false, so the rule does not apply" in p for p in problems)


# -- the module itself ----------------------------------------------------------------------------


def test_the_module_example_runs() -> None:
    result = doctest.testmod(proofcheck, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported at run time (not under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_the_checker_depends_on_neither_pydatalog_nor_the_evaluator() -> None:
    """Follow the checker's run-time imports: no pyDatalog, evaluator or prover on the way.

    The package's ``__init__`` (which loads the engine) is not counted: the checker's own code and
    the models it reads must not need the evaluator.
    """
    todo, seen = ["dualuse.engine.explain.proofcheck"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None or not name.startswith("dualuse."):
            continue
        todo += [m for m in _runtime_imports(Path(spec.origin)) if m.startswith("dualuse.")]
        assert not any(m.split(".")[0] == "pyDatalog" for m in _runtime_imports(Path(spec.origin)))
    assert "dualuse.engine.datalog.evaluator" not in seen
    assert "dualuse.engine.datalog.terms" not in seen  # its own term arithmetic
    assert "dualuse.engine.explain.prover" not in seen
    assert "dualuse.engine.explain.proofcheck" in seen and "dualuse.engine.explain.proof" in seen


def test_the_suffix_is_the_three_valued_evaluations_own() -> None:
    from dualuse.engine.datalog.threevalued import HI

    assert proofcheck.HI == HI
