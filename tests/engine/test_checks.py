"""Static checks: each error code, with the place it points at."""

from __future__ import annotations

import pytest
from dualuse.engine.datalog.checks import check_program, ensure_valid
from dualuse.engine.datalog.evaluator import CompiledProgram, evaluate
from dualuse.engine.datalog.parser import parse_text
from dualuse.engine.errors import (
    ArityError,
    RuleCheckError,
    SafetyViolationError,
    StratificationError,
)
from dualuse.engine.law.legal import check_legal


def checked(text: str, legal: bool) -> list[RuleCheckError]:
    """The program checks, and with ``legal`` the rule-base checks after them."""
    program = parse_text(text, file="a.dl")
    return check_program(program) + (check_legal(program) if legal else [])


def problems(text: str, *, legal: bool = False) -> list[tuple[str, str, int | None, int | None]]:
    return [(e.code, e.file or "", e.line, e.column) for e in checked(text, legal)]


def only_error(text: str, *, legal: bool = False) -> RuleCheckError:
    errors = checked(text, legal)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_a_clean_program_has_no_problems() -> None:
    assert problems("p(X) :- q(X), not r(X), X > 1.\nr(X) :- q(X).") == []


def test_arity_mismatch_points_at_the_second_use() -> None:
    err = only_error("p(X) :- q(X).\nr(X) :- q(X, X).")
    assert isinstance(err, ArityError)
    assert (err.code, err.file, err.line, err.column) == ("arity_mismatch", "a.dl", 2, 9)
    assert "a.dl:1:9" in err.message  # where the first arity was seen


def test_arity_of_a_declaration_counts() -> None:
    err = only_error(".input q(A, B)\np(X) :- q(X).")
    assert (err.code, err.line) == ("arity_mismatch", 2)


def test_unbound_head_variable() -> None:
    err = only_error("p(X, Y) :- q(X).")
    assert isinstance(err, SafetyViolationError)
    assert (err.code, err.line, err.column) == ("unbound_variable", 1, 1)
    assert "variable Y in the head of p" in err.message


def test_unbound_variable_in_a_negated_literal() -> None:
    err = only_error("p(X) :- q(X),\n    not r(Y).")
    assert (err.code, err.line) == ("unbound_variable", 2)
    assert err.column is not None and err.column >= 5
    assert "not r(Y)" in err.message


def test_unbound_variable_in_a_comparison() -> None:
    err = only_error("p(X) :- q(X),\n    Y > 3.")
    assert (err.code, err.line, err.column) == ("unbound_variable", 2, 5)
    assert "comparison Y > 3" in err.message


def test_unbound_variable_inside_an_expression_argument() -> None:
    err = only_error("p(X) :- q(X), r(X + Y).")
    assert (err.code, err.column) == ("unbound_variable", 15)


def test_a_variable_bound_only_by_a_negation_is_unbound() -> None:
    err = only_error("p(X) :- not q(X).")
    assert err.code == "unbound_variable"


def test_anonymous_variable_in_a_head_is_a_safety_violation() -> None:
    err = only_error("\np(_) :- q(X).")
    assert isinstance(err, SafetyViolationError)
    assert (err.code, err.line, err.column) == ("safety_violations", 2, 1)


def test_cyclic_negation_points_at_each_negated_literal() -> None:
    found = problems("p(X) :- q(X), not r(X).\nr(X) :- q(X), not p(X).")
    assert found == [("cyclic_negation", "a.dl", 1, 19), ("cyclic_negation", "a.dl", 2, 19)]
    with pytest.raises(StratificationError):
        ensure_valid(parse_text("p(X) :- q(X), not p(X)."))


def test_negation_through_a_longer_cycle_is_caught() -> None:
    text = "a(X) :- q(X), not c(X).\nb(X) :- a(X).\nc(X) :- b(X)."
    assert [p[0] for p in problems(text)] == ["cyclic_negation"]


def test_recursion_without_negation_is_stratified() -> None:
    assert problems("p(X, Y) :- e(X, Y).\np(X, Y) :- e(X, Z), p(Z, Y).") == []


Q = '@says("{X} is q") @asks("Is it q?") .input q(X)\n'
"""An input with its sentence and question, on one line so that line numbers keep."""

ARTICLE = (
    '@cites(instrument="Export Control Law", article="2")\n@in_force(from="2020-12-01")\n'
    '.article "ecl.art2"\n'
)
"""An article for the rules below, put at the end of a text so that line numbers keep."""


def rule(rule_id: str | None, body: str, *, cites: bool = True) -> str:
    parts = [f'@id("{rule_id}")'] if rule_id else []
    if cites:
        parts.append('@article("ecl.art2")')
    parts += ['@in_force(from="2020-12-01")', '@says("a sentence")', body]
    return "\n".join(parts) + "\n"


def test_duplicate_rule_id_points_at_the_second_rule() -> None:
    text = Q + rule("r.one", "p(X) :- q(X).") + rule("r.one", "s(X) :- q(X).")
    text += ARTICLE
    assert problems(text, legal=True) == [("duplicate_rule_id", "a.dl", 11, 1)]
    err = only_error(text, legal=True)
    assert "a.dl:6:1" in err.message  # the first use of the id


def test_missing_citation() -> None:
    text = Q + rule("r.one", "p(X) :- q(X).", cites=False)
    assert problems(text, legal=True) == [("missing_citation", "a.dl", 5, 1)]


def test_a_rule_without_id_misses_an_annotation() -> None:
    text = Q + rule(None, "p(X) :- q(X).") + ARTICLE
    assert [p[0] for p in problems(text, legal=True)] == ["missing_annotation"]


def test_undefined_predicate_points_at_the_literal() -> None:
    text = Q + rule("r.one", "p(X) :- q(X), not undeclared(X).") + ARTICLE
    assert problems(text, legal=True) == [("undefined_predicate", "a.dl", 6, 19)]


def test_metadata_checks_only_apply_to_a_rule_base() -> None:
    assert problems("p(X) :- q(X).", legal=False) == []
    assert {p[0] for p in problems("p(X) :- q(X).", legal=True)} == {
        "missing_annotation",
        "undefined_predicate",
    }


@pytest.mark.parametrize(
    "body",
    [
        "p(X) :- not r(X), q(X).",
        "p(X) :- X > 1, q(X).",
        "p(Y) :- Y = X + 1, X > 0, q(X).",
        "p(Y) :- Y = Z * 2, Z = X + 1, q(X).",
    ],
)
def test_literal_order_does_not_matter_for_safety(body: str) -> None:
    text = body + "\nr(X) :- q(X), X > 5."
    assert problems(text) == []
    program = parse_text(text)
    ensure_valid(program)
    facts = evaluate(CompiledProgram(program), {"q": {(1,), (2,), (7,)}}).facts
    expected = {
        "p(X) :- not r(X), q(X).": {(1,), (2,)},
        "p(X) :- X > 1, q(X).": {(2,), (7,)},
        "p(Y) :- Y = X + 1, X > 0, q(X).": {(2,), (3,), (8,)},
        "p(Y) :- Y = Z * 2, Z = X + 1, q(X).": {(4,), (6,), (16,)},
    }[body]
    assert facts["p"] == expected


def test_the_bundled_rule_base_has_no_problems() -> None:
    from dualuse.engine.api import check_rules
    from dualuse.engine.law.rulebase import bundled_rules_dir

    assert [str(e) for e in check_rules(bundled_rules_dir())] == []


def test_check_errors_read_file_line_column_code_and_message() -> None:
    err = only_error("p(X, Y) :- q(X).")
    assert str(err) == "a.dl:1:1: unbound_variable: " + err.message
