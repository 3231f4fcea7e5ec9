"""The rule language's parser: clauses, terms, annotations, declarations and its errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from dualuse.engine.datalog.parser import parse_clause, parse_file, parse_text
from dualuse.engine.datalog.syntax import (
    Atom,
    BinOp,
    Citation,
    Clause,
    Comparison,
    Const,
    InForce,
    Interpretation,
    Location,
    Quote,
    Var,
)
from dualuse.engine.errors import DualuseError, RuleBaseError, RuleCheckError, RuleSyntaxError
from dualuse.engine.law.rulebase import RuleBase


def unplaced(literal: Atom | Comparison) -> Atom | Comparison:
    """The literal without its place in the file, to compare what was written."""
    return literal.model_copy(update={"loc": Location()})


def only_clause(text: str) -> Clause:
    program = parse_text(text)
    assert len(program.clauses) == 1
    return program.clauses[0]


# -- clauses and facts ---------------------------------------------------------------------------


def test_a_rule_has_a_head_and_body_literals_in_written_order() -> None:
    clause = only_clause("head(X, Y) :- body1(X, Z), body2(Z, Y), not excluded(Y), Y >= 5.")
    assert unplaced(clause.head) == Atom(pred="head", args=(Var(name="X"), Var(name="Y")))
    first, second, third, fourth = clause.body
    assert isinstance(first, Atom) and first.pred == "body1" and not first.negated
    assert first.args == (Var(name="X"), Var(name="Z"))
    assert isinstance(second, Atom) and second.pred == "body2"
    assert isinstance(third, Atom) and third.pred == "excluded" and third.negated
    assert isinstance(fourth, Comparison)
    assert (fourth.left, fourth.op, fourth.right) == (Var(name="Y"), ">=", Const(value=5))
    assert not clause.is_fact


def test_a_fact_has_constant_arguments_and_no_body() -> None:
    clause = only_clause('fact("a", 1).')
    assert clause.is_fact
    assert clause.head.args == (Const(value="a"), Const(value=1))
    assert isinstance(clause.head.args[1], Const) and type(clause.head.args[1].value) is int


def test_a_predicate_without_arguments_may_be_written_with_or_without_parentheses() -> None:
    bare = only_clause("in_scope :- export_event.")
    empty = only_clause("in_scope() :- export_event().")
    assert bare.head.arity == 0 and empty.head.arity == 0
    assert unplaced(bare.head) == unplaced(empty.head)
    assert [unplaced(b) for b in bare.body] == [unplaced(b) for b in empty.body]


def test_strings_keep_escaped_quotes_and_backslashes() -> None:
    clause = only_clause(r's("a \"b\" c", "\\").')
    assert clause.head.args == (Const(value='a "b" c'), Const(value="\\"))
    assert parse_text(clause.text()).clauses[0].head.args == clause.head.args


def test_comments_are_ignored() -> None:
    program = parse_text("// a line comment\np(X) :- q(X). /* a block\ncomment */ r(1).")
    assert [c.head.pred for c in program.clauses] == ["p", "r"]


def test_a_word_starting_with_not_is_a_predicate_not_a_negation() -> None:
    clause = only_clause("p(X) :- q(X), notable(X), !r(X).")
    notable, bang = clause.body[1], clause.body[2]
    assert isinstance(notable, Atom) and notable.pred == "notable" and not notable.negated
    assert isinstance(bang, Atom) and bang.pred == "r" and bang.negated


def test_clauses_remember_their_file_and_line() -> None:
    program = parse_text("p(1).\n\nq(X) :- p(X).\n", file="rules/x.dl")
    assert [(c.loc.file, c.loc.line, c.loc.column) for c in program.clauses] == [
        ("rules/x.dl", 1, 1),
        ("rules/x.dl", 3, 1),
    ]


# -- arithmetic and comparisons --------------------------------------------------------------------


def test_multiplication_binds_tighter_than_addition() -> None:
    clause = only_clause("total(A, B, A + B * 2) :- pair(A, B).")
    expr = clause.head.args[2]
    assert isinstance(expr, BinOp) and expr.op == "+"
    assert expr.left == Var(name="A")
    assert expr.right == BinOp(op="*", left=Var(name="B"), right=Const(value=2))


def test_parentheses_group_and_subtraction_associates_to_the_left() -> None:
    grouped = only_clause("r((A + B) * 2) :- pair(A, B).").head.args[0]
    assert isinstance(grouped, BinOp) and grouped.op == "*"
    assert grouped.left == BinOp(op="+", left=Var(name="A"), right=Var(name="B"))
    chain = only_clause("r(A - B - 1) :- pair(A, B).").head.args[0]
    assert chain == BinOp(
        op="-", left=BinOp(op="-", left=Var(name="A"), right=Var(name="B")), right=Const(value=1)
    )


def test_a_negative_integer_is_a_constant() -> None:
    assert only_clause("p(-7).").head.args == (Const(value=-7),)


@pytest.mark.parametrize("op", ["=", "!=", "<", "<=", ">", ">="])
def test_each_comparison_operator(op: str) -> None:
    clause = only_clause(f"p(X) :- q(X), X {op} 3.")
    cmp = clause.body[1]
    assert isinstance(cmp, Comparison) and cmp.op == op
    assert cmp.right == Const(value=3)


def test_a_parenthesised_comparison_is_a_comparison() -> None:
    cmp = only_clause("p(X) :- q(X), (X < 3).").body[1]
    assert isinstance(cmp, Comparison) and cmp.op == "<"


def test_clause_text_reads_back_as_the_same_clause() -> None:
    clause = only_clause("p(X) :- q(X), X != (1 - 2) * 3.")
    again = parse_text(clause.text()).clauses[0]
    assert [unplaced(b) for b in again.body] == [unplaced(b) for b in clause.body]


def test_parse_clause_takes_one_clause_with_an_optional_period() -> None:
    assert (
        parse_clause("p(X) :- q(X)").text()
        == parse_clause("p(X) :- q(X).").text()
        == ("p(X) :- q(X).")
    )


# -- annotations -----------------------------------------------------------------------------------

ANNOTATED = """
// Announcement 2026 No. 1, clause 1, first prong.

@id("ann2026_1.c1.military_user")
@cites(instrument="MOFCOM Announcement 2026 No. 1", article="clause 1", paragraph="first prong")
@in_force(from="2026-01-06", until="2026-12-31")
@quote(zh="禁止所有两用物项对日本军事用户出口。",
       en="Exports of all dual-use items to Japanese military users are prohibited.",
       source="a \\"quoted\\" source")
@interpretation(by="GT Law", confidence="medium", reading="A military user is the MOD.")
@note("what is not encoded")
@says("{U}, the end user, is a Japanese military user, so the export is banned")
ban(U) :- export_event, end_user(U), jp_military_user(U).
"""


def test_annotations_fill_the_rule_metadata() -> None:
    meta = only_clause(ANNOTATED).meta
    assert meta.id == "ann2026_1.c1.military_user"
    assert meta.cites == Citation(
        instrument="MOFCOM Announcement 2026 No. 1", article="clause 1", paragraph="first prong"
    )
    assert meta.in_force == InForce.model_validate(
        {"from": date(2026, 1, 6), "until": date(2026, 12, 31)}
    )
    assert meta.quote == Quote(
        zh="禁止所有两用物项对日本军事用户出口。",
        en="Exports of all dual-use items to Japanese military users are prohibited.",
        source='a "quoted" source',
    )
    assert meta.interpretation == Interpretation(
        by="GT Law", confidence="medium", reading="A military user is the MOD."
    )
    assert meta.note == "what is not encoded"
    assert meta.says == "{U}, the end user, is a Japanese military user, so the export is banned"


def test_in_force_covers_from_and_until_inclusive() -> None:
    span = only_clause(ANNOTATED).meta.in_force
    assert span is not None
    assert not span.covers(date(2026, 1, 5))
    assert span.covers(date(2026, 1, 6))
    assert span.covers(date(2026, 12, 31))
    assert not span.covers(date(2027, 1, 1))


def test_in_force_without_until_is_open() -> None:
    meta = only_clause('@in_force(from="2020-12-01")\np(X) :- q(X).').meta
    assert meta.in_force is not None and meta.in_force.until is None
    assert meta.in_force.covers(date(2099, 1, 1))


def test_unknown_annotation_is_an_error_with_its_place() -> None:
    with pytest.raises(RuleCheckError) as raised:
        parse_text('p(1).\n@foo("x")\np(X) :- q(X).', file="a.dl")
    err = raised.value
    assert err.code == "unknown_annotation"
    assert (err.file, err.line, err.column) == ("a.dl", 2, 1)
    assert "@foo" in err.message


@pytest.mark.parametrize("value", ["2026-13-01", "2026-1-6", "6 January 2026", ""])
def test_a_bad_in_force_date_is_an_error(value: str) -> None:
    with pytest.raises(RuleCheckError) as raised:
        parse_text(f'@in_force(from="{value}")\np(X) :- q(X).', file="a.dl")
    err = raised.value
    assert err.code == "invalid_annotation"
    assert (err.file, err.line) == ("a.dl", 1)
    assert "YYYY-MM-DD" in err.message and repr(value) in err.message


@pytest.mark.parametrize("value", ["2026-W02-2", "20260106"])
def test_only_dashed_calendar_dates_are_accepted(value: str) -> None:
    with pytest.raises(RuleCheckError):
        parse_text(f'@in_force(from="{value}")\np(X) :- q(X).')


def test_in_force_needs_a_from_date() -> None:
    with pytest.raises(RuleCheckError) as raised:
        parse_text('@in_force(until="2026-01-01")\np(X) :- q(X).')
    assert raised.value.code == "invalid_annotation"


def test_an_annotation_given_twice_is_an_error() -> None:
    with pytest.raises(RuleCheckError) as raised:
        parse_text('@says("a")\n@says("b")\np(X) :- q(X).')
    assert raised.value.code == "duplicate_annotation"


def test_a_keyword_annotation_rejects_unknown_keywords() -> None:
    with pytest.raises(RuleCheckError) as raised:
        parse_text('@cites(instrument="ECL", section="2")\np(X) :- q(X).')
    assert raised.value.code == "invalid_annotation" and "section" in raised.value.message


# -- declarations ----------------------------------------------------------------------------------


def test_declarations_record_kind_columns_source_and_annotations() -> None:
    program = parse_text(
        '@says("{entity} is on the control list")\n'
        '.table control_listed(entity) from "data/control_list.csv"\n'
        '@asks("Is the end use military?")\n'
        '@says("the end use is military")\n'
        ".input end_use_military\n"
        ".input party_country(P, C)\n"
        ".decl q(x: number, y)\n",
        file="t.dl",
    )
    table, flag, country, decl = program.declarations
    assert (table.kind, table.pred, table.columns, table.source) == (
        "table",
        "control_listed",
        ("entity",),
        "data/control_list.csv",
    )
    assert table.meta.says == "{entity} is on the control list"
    assert (flag.kind, flag.pred, flag.arity) == ("input", "end_use_military", 0)
    assert flag.meta.asks == "Is the end use military?"
    assert (country.kind, country.columns) == ("input", ("P", "C"))
    assert (decl.kind, decl.columns) == ("decl", ("x", "y"))
    assert table.loc.line == 2 and flag.loc.line == 5
    assert program.clauses == ()


# -- syntax errors ---------------------------------------------------------------------------------


def test_a_syntax_error_names_file_line_column_and_what_was_expected() -> None:
    with pytest.raises(RuleSyntaxError) as raised:
        parse_text("p(a).\n\nq(X) :- r(X) s(X).\n", file="rules/bad.dl")
    err = raised.value
    assert (err.file, err.line, err.column) == ("rules/bad.dl", 3, 14)
    assert err.code == "syntax_error"
    assert "unexpected 's'" in err.message and "expected" in err.message
    assert "'.'" in err.message and "','" in err.message
    assert str(err).startswith("rules/bad.dl:3:14: syntax_error: ")


def test_a_missing_final_period_is_reported_at_the_end_of_the_file() -> None:
    with pytest.raises(RuleSyntaxError) as raised:
        parse_text("p(X) :- q(X)", file="a.dl")
    assert raised.value.line == 1
    assert "end of file" in raised.value.message and "'.'" in raised.value.message


def test_an_incomplete_comparison_says_a_term_was_expected() -> None:
    with pytest.raises(RuleSyntaxError) as raised:
        parse_text("p(X) :- q(X), X > .", file="a.dl")
    assert (raised.value.line, raised.value.column) == (1, 19)
    assert "an integer" in raised.value.message and "a name" in raised.value.message


def test_python_code_is_a_syntax_error_and_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    code = f'import os\nos.system("touch {marker}")\n'
    with pytest.raises(RuleSyntaxError) as raised:
        parse_text(code, file="evil.dl")
    assert (raised.value.file, raised.value.line, raised.value.column) == ("evil.dl", 1, 8)
    rule_file = tmp_path / "rules" / "evil.dl"
    rule_file.parent.mkdir()
    rule_file.write_text(code, encoding="utf-8")
    with pytest.raises(RuleSyntaxError):
        parse_file(rule_file)
    with pytest.raises(RuleBaseError) as loaded:
        RuleBase.load(rule_file.parent)
    assert [e.code for e in loaded.value.errors] == ["syntax_error"]
    assert not marker.exists()


def test_a_file_that_is_not_utf8_is_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.dl"
    path.write_bytes('p("café").'.encode("latin-1"))
    with pytest.raises(DualuseError) as raised:
        parse_file(path, display="rules/latin1.dl")
    assert raised.value.code == "syntax_error" and raised.value.file == "rules/latin1.dl"
