"""``dualuse batch`` beyond CSV and JSON lines: Parquet in and out, folders of parts, and no
Dask (nor pyarrow) imported on the default path."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from dualuse.cli.main import app
from dualuse.engine import Decision
from typer.testing import CliRunner

Case = dict[str, Any]
JMSDF = "Japan Maritime Self-Defense Force"
HEADER = (
    "id,date,transfer,origin,item.description,exporter.name,end_user.name,end_user.country,"
    "destination,consignee.name,consignee.country"
)
ROWS = [
    f"P1,2026-03-02,export,CN,dysprosium oxide,Ganzhou,{JMSDF},,,,",
    # into a bonded zone, to the Chinese warehouse there: out of scope (Regs Art. 48(2))
    "B1,2026-01-05,bonded-zone,,,,,,CN,Huaxin Bonded Warehouse,CN",
    "X1,2026-03-02,export,CN,gallium,Acme,Tokyo Widgets,Japan,,,",
    "U1,2026-03-02,export,CN,gallium,Acme,Tokyo Widgets,JP,,,",  # end use unknown
]


def _run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, ["batch", *args])
    assert "Traceback" not in result.output
    return result


def test_the_default_path_imports_neither_dask_nor_pyarrow(tmp_path: Path) -> None:
    ledger = tmp_path / "l.csv"
    ledger.write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys
        from typer.testing import CliRunner
        from dualuse.cli.main import app
        result = CliRunner().invoke(
            app, ["batch", {str(ledger)!r}, "-o", {str(tmp_path / "o.csv")!r}, "-j", "1"]
        )
        assert result.exit_code == 1, result.output
        print(sorted(m for m in ("dask", "distributed", "pyarrow", "fsspec") if m in sys.modules))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_parquet_ledger_with_dotted_columns_decides_as_the_csv_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    csv_ledger = tmp_path / "l.csv"
    csv_ledger.write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    columns = HEADER.split(",")
    records = [dict(zip(columns, (c or None for c in r.split(",")), strict=True)) for r in ROWS]
    parquet_ledger = tmp_path / "l.parquet"
    pq.write_table(pa.Table.from_pylist(records), parquet_ledger)
    from_csv, from_parquet = tmp_path / "a.csv", tmp_path / "b.parquet"
    assert _run(runner, str(csv_ledger), "-o", str(from_csv), "-j", "1").exit_code == 1
    result = _run(runner, str(parquet_ledger), "-o", str(from_parquet), "-j", "1")
    assert result.exit_code == 1
    assert "4 rows: 3 decided, 1 with errors" in result.stdout
    table = pq.read_table(from_parquet)
    assert table.schema.names == [
        "row", "id", "outcome", "summary", "grounds", "liable", "questions", "error", "decision",
    ]  # fmt: skip
    rows = table.to_pylist()
    assert [r["row"] for r in rows] == [1, 2, 3, 4]  # positions in the file
    assert [(r["id"], r["outcome"]) for r in rows] == [
        ("P1", "prohibited"),
        ("B1", "out_of_scope"),
        ("X1", None),
        ("U1", "undetermined"),
    ]
    assert rows[2]["error"].startswith("row 3: end_user.country: must be a two-letter ISO")
    assert "ann2026_1.c1.military_user" in rows[0]["grounds"]
    decision = Decision.model_validate_json(rows[0]["decision"])
    assert decision.outcome == "prohibited" and decision.id == "P1"
    csv_lines = from_csv.read_text(encoding="utf-8").splitlines()[1:]
    assert [line.split(",")[2] for line in csv_lines] == [r["outcome"] or "" for r in rows]


def test_a_parquet_ledger_of_nested_fields_and_lists(
    runner: CliRunner, tmp_path: Path, prohibited: Case, licence: Case
) -> None:
    ledger = tmp_path / "nested.parquet"
    # pa.array infers the struct of every field across the rows (from_pylist reads the first).
    pq.write_table(pa.Table.from_struct_array(pa.array([prohibited, licence])), ledger)
    out = tmp_path / "out.jsonl"
    assert _run(runner, str(ledger), "-o", str(out), "-j", "1").exit_code == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["row"], x["id"], x["outcome"]) for x in lines] == [
        (1, "T-jmsdf", "prohibited"),
        (2, "T-civil", "license_required"),
    ]


def test_a_parquet_column_that_is_no_field_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    ledger = tmp_path / "l.parquet"
    pq.write_table(pa.table({"id": ["A"], "end_user.nmae": ["JMSDF"]}), ledger)
    result = _run(runner, str(ledger), "-o", str(tmp_path / "o.csv"))
    assert result.exit_code == 2
    assert "column 2 'end_user.nmae' is not a field of a transfer" in result.stderr


def test_a_folder_of_parts_is_one_ledger_numbered_on_and_messages_name_the_part(
    runner: CliRunner, tmp_path: Path, licence: Case
) -> None:
    folder = tmp_path / "march"
    folder.mkdir()
    (folder / "part-0.csv").write_text(HEADER + "\n" + "\n".join(ROWS[:2]) + "\n", "utf-8")
    (folder / "part-1.csv").write_text(HEADER + "\n" + "\n".join(ROWS[2:]) + "\n", "utf-8")
    (folder / "part-2.jsonl").write_text(json.dumps(licence) + "\n", "utf-8")
    (folder / "_SUCCESS").write_text("", "utf-8")
    out = tmp_path / "out.csv"
    result = _run(runner, str(folder), "-o", str(out), "-j", "1")
    assert result.exit_code == 1
    with out.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))[1:]
    assert [line[:3] for line in lines] == [
        ["1", "P1", "prohibited"],
        ["2", "B1", "out_of_scope"],
        ["3", "X1", ""],
        ["4", "U1", "undetermined"],
        ["5", "T-civil", "license_required"],
    ]
    assert lines[2][7].startswith("row 3 (part-1.csv line 2): end_user.country: must be a two")


def test_an_output_folder_holds_parts_in_order_that_make_the_single_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = tmp_path / "l.csv"
    ledger.write_text(HEADER + "\n" + "\n".join(ROWS * 3) + "\n", encoding="utf-8")
    single, folder = tmp_path / "one.jsonl", tmp_path / "parts.jsonl"
    assert _run(runner, str(ledger), "-o", str(single), "-j", "1").exit_code == 1
    result = _run(runner, str(ledger), "-o", f"{folder}/", "-j", "2", "--part-rows", "5")
    assert result.exit_code == 1
    parts = sorted(folder.iterdir())
    assert [p.name for p in parts] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert [len(p.read_text("utf-8").splitlines()) for p in parts] == [5, 5, 2]
    assert "".join(p.read_text("utf-8") for p in parts) == single.read_text("utf-8")


def test_a_complete_part_tells_its_rows_and_error_rows(runner: CliRunner, tmp_path: Path) -> None:
    from dualuse.cli.parts import done_parts, part_counts

    ledger = tmp_path / "l.csv"
    ledger.write_text(HEADER + "\n" + "\n".join(ROWS * 2) + "\n", encoding="utf-8")
    folder = tmp_path / "out.csv"
    assert _run(runner, str(ledger), "-o", f"{folder}/", "-j", "1", "--part-rows", "5").exit_code
    (folder / ".part-00002.csv.0a1b.tmp").write_text("row,id\n9,", encoding="utf-8")  # unfinished
    parts = done_parts(str(folder), "csv")
    assert sorted(parts) == [0, 1]
    assert [part_counts(parts[n], "csv") for n in (0, 1)] == [(5, 1), (3, 1)]
