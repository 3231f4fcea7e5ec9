"""``dualuse decide``: one transfer in, one decision out; bad input named by field, exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from dualuse.cli import decide as decide_module
from dualuse.cli.main import app
from dualuse.engine import Decision, Engine
from typer.testing import CliRunner

Case = dict[str, Any]
WriteJson = Callable[[object], Path]


def rule_ids(node: dict[str, Any]) -> list[str]:
    """Every rule id in a proof tree given as JSON, outermost first."""
    out = [node["rule_id"]] if node.get("kind") == "rule" else []
    for child in node.get("children", []):
        out += rule_ids(child)
    return out


def _decide(runner: CliRunner, *args: str, stdin: str | None = None) -> Any:
    result = runner.invoke(app, ["decide", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_on_2026_03_02_dysprosium_oxide_to_the_jmsdf_is_prohibited_as_a_military_user(
    runner: CliRunner, write_json: WriteJson, prohibited: Case
) -> None:
    out = _decide(runner, str(write_json(prohibited)))
    assert out["outcome"] == "prohibited"
    assert out["id"] == "T-jmsdf"
    assert [g["rule_id"] for g in out["grounds"]] == ["outcome.prohibited.military_user"]
    assert "ann2026_1.c1.military_user" in rule_ids(out["grounds"][0])
    assert out["audit"]["as_of"] == "2026-03-02"


def test_json_output_is_the_decision_model_dump(
    runner: CliRunner, write_json: WriteJson, licence: Case
) -> None:
    out = _decide(runner, str(write_json(licence)))
    assert out == Engine().decide(licence).model_dump(mode="json")
    assert Decision.model_validate(out).outcome == "license_required"


@pytest.mark.parametrize("args", [["-"], []], ids=["dash", "nothing"])
def test_a_transfer_is_read_from_stdin(runner: CliRunner, args: list[str], bonded: Case) -> None:
    out = _decide(runner, *args, stdin=json.dumps(bonded))
    assert out["outcome"] == "out_of_scope"
    assert out["grounds"][0]["rule_id"] == "outcome.out_of_scope.bonded_zone"


def test_on_2026_01_05_the_day_before_the_ban_the_same_export_only_needs_a_licence(
    runner: CliRunner, write_json: WriteJson, prohibited: Case
) -> None:
    case = str(write_json(prohibited))
    before = _decide(runner, case, "--as-of", "2026-01-05")
    on = _decide(runner, case, "--as-of", "2026-01-06")
    assert (before["outcome"], before["as_of"]) == ("license_required", "2026-01-05")
    assert before["grounds"][0]["rule_id"] == "outcome.license_required.listed"
    assert (on["outcome"], on["as_of"]) == ("prohibited", "2026-01-06")


def test_text_report_states_outcome_grounds_liability_and_audit(
    runner: CliRunner, write_json: WriteJson, prohibited: Case
) -> None:
    result = runner.invoke(app, ["decide", str(write_json(prohibited)), "--format", "text"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.splitlines()[2].startswith("Outcome: Prohibited — The transfer is prohibited.")
    assert "\n  Announcement 2026 No. 1, cl. 1, first prong · in force from 2026-01-06" in text
    assert "\n    Announcement 2026 No. 1, cl. 1, first prong · " in text  # one level down
    assert "outcome.prohibited.military_user" not in text  # rule ids are for the JSON form
    assert "Interpretation (" in text
    assert "Fine: CNY 4,000,000 to CNY 8,000,000" in text
    assert "800,000 x 5 = 4,000,000" in text
    assert "Rules digest: " in text


def test_markdown_report_has_headings_and_citations(
    runner: CliRunner, write_json: WriteJson, licence: Case
) -> None:
    result = runner.invoke(app, ["decide", str(write_json(licence)), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Decision T-civil\n\n**Outcome: Licence required**")
    assert "## Grounds" in md and "## Licence conditions" in md
    assert "*ECL Art. 12(2) · in force from 2020-12-01*" in md


BAD_INPUT = [
    ('{"date": "2026-03-02",', "malformed JSON: "),
    ('["not", "an", "object"]', "a transfer must be a JSON object, got a list"),
    ('{"end_usr": {"name": "x"}}', "end_usr: unknown field; the transfer has the fields id, date"),
    ('{"item": {"colour": "red"}}', "item.colour: unknown field; item has the fields description"),
    ('{"date": "2026-02-30"}', "date: must be a date YYYY-MM-DD"),
    ('{"end_use": {"military": "perhaps"}}', "end_use.military: must be true or false"),
    ('{"turnover_cny": "lots"}', "turnover_cny: must be a whole number, got 'lots'"),
    ('{"end_user": {"country": "Japan"}}', "end_user.country: must be a two-letter ISO country"),
    ('{"service_providers": [{"service": "freight"}]}', "service_providers[0].name: is required"),
    ('{"date": "2019-06-01"}', "date: 2019-06-01 is before the Export Control Law took effect"),
]


@pytest.mark.parametrize(("text", "message"), BAD_INPUT, ids=[m for _, m in BAD_INPUT])
def test_bad_input_is_one_line_naming_the_field_and_exits_2(
    runner: CliRunner, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["decide", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["decide", str(tmp_path / "nowhere.json")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nowhere.json'}: no such file\n"


def test_a_bad_as_of_date_exits_2(runner: CliRunner, write_json: WriteJson, bonded: Case) -> None:
    result = runner.invoke(app, ["decide", str(write_json(bonded)), "--as-of", "2026-13-01"])
    assert result.exit_code == 2
    assert result.stderr == "error: --as-of: must be a date YYYY-MM-DD, got '2026-13-01'\n"


def test_a_broken_rule_folder_is_reported_with_file_line_and_exits_1(
    runner: CliRunner, tmp_path: Path, write_json: WriteJson, bonded: Case
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.dl").write_text("p(X :- q(X).\n", encoding="utf-8")
    result = runner.invoke(app, ["decide", str(write_json(bonded)), "--rules", str(rules)])
    assert result.exit_code == 1
    assert "error: rules/bad.dl:1:" in result.stderr
    assert "syntax_error" in result.stderr


def test_an_unexpected_exception_is_an_internal_error_without_traceback(
    runner: CliRunner, write_json: WriteJson, bonded: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(folder: Path | None = None) -> Engine:
        raise KeyError("boom")

    monkeypatch.setattr(decide_module, "load_engine", explode)
    result = runner.invoke(app, ["decide", str(write_json(bonded))])
    assert result.exit_code == 70
    assert result.stderr.startswith("error: internal error: KeyError: 'boom'")
    assert "Traceback" not in result.output
