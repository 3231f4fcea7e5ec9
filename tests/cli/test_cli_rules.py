"""``dualuse rules check`` and ``rules list``: every error as file:line:col: code: message."""

from __future__ import annotations

from pathlib import Path

import pytest
from dualuse.cli.main import app
from typer.testing import CliRunner

GOOD = """\
@asks("Is q known?")
@says("{x} is q")
.input q(x)

@cites(instrument="Test Act", article="1")
@in_force(from="2020-12-01")
.article "test.art1"

@id("t.p")
@article("test.art1")
@in_force(from="2020-12-01")
@says("{X} is p")
p(X) :- q(X).
"""


def rule(rule_id: str, clause: str, *, cites: bool = True, extra: str = "") -> str:
    """A rule with every annotation the checks require (under an article unless told)."""
    lines = [f'@id("{rule_id}")']
    if cites:
        lines.append('@article("test.art1")')
    lines += ['@in_force(from="2020-12-01")', '@says("it holds")']
    if extra:
        lines.append(extra)
    return "\n".join([*lines, clause, ""])


def folder_with(tmp_path: Path, bad: str) -> Path:
    root = tmp_path / "rules"
    root.mkdir()
    (root / "good.dl").write_text(GOOD, encoding="utf-8")
    (root / "bad.dl").write_text(bad, encoding="utf-8")
    return root


def test_the_bundled_rules_check_clean_with_counts(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.output
    line = result.stdout.strip()
    assert line.startswith("OK: ") and "rules in" in line and "no errors" in line
    assert len(result.stdout.splitlines()) == 1


def test_a_clean_folder_checks_ok(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "rules"
    root.mkdir()
    (root / "good.dl").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 1 rule in 1 file, 0 data tables, no errors")


CASES = [
    pytest.param(rule("t.s", "s(X) :- q(X"), "bad.dl:5:", "syntax_error", id="syntax"),
    pytest.param(rule("t.a", "a(X) :- q(X, X)."), "bad.dl:5:", "arity_mismatch", id="arity"),
    pytest.param(rule("t.u", "u(X) :- q(Y)."), "bad.dl:5:", "unbound_variable", id="unbound"),
    pytest.param(
        rule("t.c1", "c1(X) :- q(X), not c2(X).") + rule("t.c2", "c2(X) :- q(X), not c1(X)."),
        "bad.dl:",
        "cyclic_negation",
        id="cyclic",
    ),
    pytest.param(
        rule("t.k", "k(X) :- q(X).", extra='@colour("red")'),
        "bad.dl:5:",
        "unknown_annotation",
        id="annotation",
    ),
    pytest.param(
        rule("t.d", "d(X) :- q(X).") + rule("t.d", "e(X) :- q(X)."),
        "bad.dl:10:",
        "duplicate_rule_id",
        id="duplicate",
    ),
    pytest.param(
        rule("t.n", "n(X) :- q(X).", cites=False), "bad.dl:4:", "missing_citation", id="citation"
    ),
]


@pytest.mark.parametrize(("bad", "where", "code"), CASES)
def test_each_kind_of_error_is_reported_with_its_place_and_code(
    runner: CliRunner, tmp_path: Path, bad: str, where: str, code: str
) -> None:
    root = folder_with(tmp_path, bad)
    result = runner.invoke(app, ["rules", "check", str(root)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(x.startswith(f"rules/{where}") and f": {code}: " in x for x in lines), lines
    for x in lines:  # every line is file:line:col: code: message
        place, found, message = x.split(": ", 2)
        assert place.count(":") == 2 and found and message
    assert "Traceback" not in result.output


def test_a_syntax_error_names_line_column_and_the_tokens_expected(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = folder_with(tmp_path, rule("t.s", "s(X) :- q(X"))
    result = runner.invoke(app, ["rules", "check", str(root)])
    assert result.stdout.startswith("rules/bad.dl:5:11: syntax_error: ")
    assert "expected ')' or ','" in result.stdout


def test_python_in_a_rule_file_is_a_syntax_error_and_never_runs(
    runner: CliRunner, tmp_path: Path
) -> None:
    sentinel = tmp_path / "ran"
    root = folder_with(tmp_path, f"import os\nos.system('touch {sentinel}')\n")
    result = runner.invoke(app, ["rules", "check", str(root)])
    assert result.exit_code == 1
    assert result.stdout.startswith("rules/bad.dl:1:8: syntax_error: ")
    assert not sentinel.exists()


def test_a_missing_folder_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["rules", "check", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert result.stderr.endswith("nowhere: no such folder\n")


def test_rules_list_prints_article_id_citation_and_dates_as_tab_separated_lines(
    runner: CliRunner,
) -> None:
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == 0, result.output
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    rows = {line.split("\t")[1]: line.split("\t") for line in result.stdout.splitlines()}
    assert rows["ann2026_1.c1.military_user"] == [
        "ann2026_1.c1",
        "ann2026_1.c1.military_user",
        "Announcement 2026 No. 1, cl. 1, first prong",
        "from 2026-01-06",
    ]
    assert all(len(r) == 4 for r in rows.values())
    articles = [line.split("\t")[0] for line in result.stdout.splitlines()]
    seen = list(dict.fromkeys(articles))
    assert articles == sorted(articles, key=seen.index)  # each article's rules together


def test_rules_list_of_another_folder(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "rules"
    root.mkdir()
    (root / "good.dl").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["rules", "list", str(root)])
    assert result.stdout == "test.art1\tt.p\tTest Act, 1\tfrom 2020-12-01\n"
