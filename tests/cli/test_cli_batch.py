"""``dualuse batch``: a row out per row in, in order; bad rows reported, the rest decided."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dualuse.cli.batch import CHUNK_ROWS, screen
from dualuse.cli.ledger import LedgerRow
from dualuse.cli.main import app
from dualuse.cli.screening import Settings
from dualuse.engine import Decision
from dualuse.render.proofs import rule_ids
from typer.testing import CliRunner

Case = dict[str, Any]
JMSDF = "Japan Maritime Self-Defense Force"
HEADER = (
    "id,date,transfer,origin,item.description,exporter.name,exporter.country,consignee.name,"
    "consignee.country,end_user.name,end_user.country,destination,route,end_use.military,licences,"
    "turnover_cny"
)
CSV_LEDGER = f"""{HEADER}
P1,2026-03-02,export,CN,dysprosium oxide,Ganzhou,CN,{JMSDF},,{JMSDF},,JP,KR;JP,,none,800000
B1,2026-01-05,bonded-zone,,,,,Huaxin Bonded Warehouse,CN,,,CN,,,,
X1,2026-03-02,export,CN,gallium,Acme,CN,,,Tokyo Widgets,Japan,JP,,,,
,,,,,,,,,,,,,,,
X2,2026-03-02,export,CN,gallium,Acme,CN,,,Tokyo Widgets,JP,JP,,perhaps,,
M1,2026-03-02,export,CN,gallium,Acme,CN,,,Tokyo Widgets,JP,JP,,true,,
"""
"""Rows on lines 2-7: prohibited, out of scope, bad country, blank (skipped), bad boolean,
prohibited (military use)."""


def _jsonl(rows: list[Any]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def _run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, ["batch", *args])
    assert "Traceback" not in result.output
    return result


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_csv_in_csv_out_keeps_order_and_reports_bad_rows_by_row_and_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(CSV_LEDGER, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = _run(runner, str(ledger), "--out", str(out), "--workers", "1")
    assert result.exit_code == 1  # some rows are errors
    assert "5 rows: 3 decided, 2 with errors" in result.stdout
    rows = _read_csv(out)
    assert list(rows[0]) == [
        "row", "id", "outcome", "summary", "grounds", "liable", "questions", "error",
    ]  # fmt: skip
    assert [(r["row"], r["id"], r["outcome"]) for r in rows] == [
        ("2", "P1", "prohibited"),
        ("3", "B1", "out_of_scope"),
        ("4", "X1", ""),
        ("6", "X2", ""),
        ("7", "M1", "prohibited"),
    ]
    assert "ann2026_1.c1.military_user" in rows[0]["grounds"].split(";")
    assert rows[0]["liable"].casefold() == "ganzhou (prohibited_export)"
    assert rows[1]["grounds"].split(";")[0] == "outcome.out_of_scope.bonded_zone"
    assert rows[2]["error"].startswith("row 4: end_user.country: must be a two-letter ISO")
    assert rows[3]["error"] == "row 6: end_use.military: must be true or false, got 'perhaps'"
    assert "ann2026_1.c1.military_use" in rows[4]["grounds"].split(";")
    assert all(r["error"] == "" for r in (rows[0], rows[1], rows[4]))


def test_jsonl_in_jsonl_out_writes_a_decision_per_line_and_error_lines(
    runner: CliRunner, tmp_path: Path, prohibited: Case, bonded: Case, licence: Case
) -> None:
    # Lines 1-5: prohibited, malformed JSON, out of scope, unknown field, licence required.
    broken, unknown = '{"id": "broken", ', {"id": "Z", "colour": 1}
    ledger = tmp_path / "ledger.jsonl"
    ledger.write_text(_jsonl([prohibited, broken, bonded, unknown, licence]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _run(runner, str(ledger), "--out", str(out), "-j", "1")
    assert result.exit_code == 1
    lines = _read_jsonl(out)
    assert len(lines) == 5
    assert (lines[0]["id"], lines[0]["outcome"]) == ("T-jmsdf", "prohibited")
    assert [line["row"] for line in lines] == [1, 2, 3, 4, 5]  # every line names its row
    first = Decision.model_validate({k: v for k, v in lines[0].items() if k != "row"})
    assert "ann2026_1.c1.military_user" in rule_ids(first.grounds)
    assert lines[1]["row"] == 2 and lines[1]["error"].startswith("row 2: malformed JSON")
    assert (lines[2]["id"], lines[2]["outcome"]) == ("T-bonded", "out_of_scope")
    assert lines[3] == {
        "row": 4,
        "id": "Z",
        "error": lines[3]["error"],
    } and lines[3]["error"].startswith("row 4: colour: unknown field")
    assert (lines[4]["id"], lines[4]["outcome"]) == ("T-civil", "license_required")
    assert lines[4]["grounds"][0]["rule_id"] == "outcome.license_required.listed"


def test_jsonl_in_csv_out_and_csv_in_jsonl_out(
    runner: CliRunner, tmp_path: Path, bonded: Case, licence: Case
) -> None:
    jsonl, csv_in = tmp_path / "a.ndjson", tmp_path / "b.csv"
    jsonl.write_text(_jsonl([bonded, licence]), encoding="utf-8")
    csv_in.write_text(
        "id,date,transfer,destination,consignee.name,consignee.country\n"
        "B,2026-01-05,bonded-zone,CN,Huaxin Bonded Warehouse,CN\n",
        encoding="utf-8",
    )
    assert _run(runner, str(jsonl), "--out", str(tmp_path / "a.csv"), "-j", "1").exit_code == 0
    assert _run(runner, str(csv_in), "--out", str(tmp_path / "b.jsonl"), "-j", "1").exit_code == 0
    assert [r["outcome"] for r in _read_csv(tmp_path / "a.csv")] == [
        "out_of_scope",
        "license_required",
    ]
    [decision] = _read_jsonl(tmp_path / "b.jsonl")
    assert (decision["id"], decision["outcome"]) == ("B", "out_of_scope")


def test_no_explain_gives_the_same_outcomes_without_proofs(
    runner: CliRunner, tmp_path: Path, prohibited: Case, licence: Case
) -> None:
    ledger = tmp_path / "ledger.jsonl"
    ledger.write_text(_jsonl([prohibited, licence]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _run(runner, str(ledger), "--out", str(out), "--no-explain", "-j", "1").exit_code == 0
    lines = _read_jsonl(out)
    assert [x["outcome"] for x in lines] == ["prohibited", "license_required"]
    assert all(x["grounds"] == [] and x["why_not"] == [] for x in lines)


def test_worker_processes_give_the_same_rows_in_the_same_order(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(CSV_LEDGER, encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert _run(runner, str(ledger), "--out", str(one), "-j", "1").exit_code == 1
    assert _run(runner, str(ledger), "--out", str(two), "-j", "2").exit_code == 1
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_the_as_of_option_applies_to_every_row(
    runner: CliRunner, tmp_path: Path, prohibited: Case
) -> None:
    ledger = tmp_path / "ledger.jsonl"
    ledger.write_text(_jsonl([prohibited]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert (
        _run(runner, str(ledger), "-o", str(out), "--as-of", "2026-01-05", "-j", "1").exit_code == 0
    )
    [decision] = _read_jsonl(out)
    assert (decision["outcome"], decision["as_of"]) == ("license_required", "2026-01-05")


@pytest.mark.parametrize(
    ("name", "text", "args", "message"),
    [
        ("l.csv", "id,end_user.nmae\nA,x\n", [], "column 2 'end_user.nmae' is not a field"),
        ("l.csv", "id,item\nA,x\n", [], "column 2 'item' is not a field"),
        ("l.csv", "id,id\nA,B\n", [], "column 'id' appears twice"),
        ("l.csv", "", [], "empty; the first line must name the columns"),
        ("l.txt", "{}\n", [], "the name must end in .csv, .jsonl, .ndjson or .parquet"),
        ("l.jsonl", "{}\n", ["--as-of", "soon"], "--as-of: must be a date YYYY-MM-DD"),
    ],
)
def test_unusable_ledgers_and_options_exit_2_before_deciding(
    runner: CliRunner, tmp_path: Path, name: str, text: str, args: list[str], message: str
) -> None:
    ledger = tmp_path / name
    ledger.write_text(text, encoding="utf-8")
    result = _run(runner, str(ledger), "--out", str(tmp_path / "out.csv"), "-j", "1", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_missing_ledger_and_a_bad_output_name_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = _run(runner, str(tmp_path / "none.csv"), "--out", str(tmp_path / "o.csv"))
    assert missing.exit_code == 2
    assert "none.csv: no such file" in missing.stderr
    ledger = tmp_path / "l.csv"
    ledger.write_text("id\nA\n", encoding="utf-8")
    bad_out = _run(runner, str(ledger), "--out", str(tmp_path / "o.xlsx"))
    assert bad_out.exit_code == 2
    assert "the name must end in .csv, .jsonl or .parquet" in bad_out.stderr


def test_rows_are_read_in_bounded_chunks_not_all_at_once() -> None:
    taken = 0

    def rows() -> Iterator[LedgerRow]:
        nonlocal taken
        for n in range(1, 1000):
            taken += 1
            yield LedgerRow(n, None, "unreadable")

    settings = Settings(rules=None, as_of=None, explain=False, output="csv")
    results = screen(rows(), settings, workers=1)
    first = next(results)
    assert first.rows == CHUNK_ROWS and first.errors == CHUNK_ROWS
    assert taken == CHUNK_ROWS
    results.close()
