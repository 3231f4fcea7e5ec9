"""``--record``, ``dualuse records`` and ``dualuse rescreen`` through the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from dualuse.cli.main import app
from dualuse.cli.sources import bundled_rules
from typer.testing import CliRunner

IHI = "IHI Aerospace Co., Ltd."
HEADER = (
    "id,date,transfer,origin,item.description,item.kind,exporter.name,exporter.country,"
    "consignee.name,consignee.country,end_user.name,end_user.country,end_user.located_in,"
    "destination,route,end_use.military,end_use.helps_military_strength,exporter_knowledge.wmd,"
    "exporter_knowledge.terrorism,exporter_knowledge.national_security,"
    "exporter_knowledge.notified,licences,turnover_cny"
)
_KNOWN = "JP,JP,false,false,false,false,false,false,none"
_GANZHOU = "gallium,goods,Ganzhou Rare Earth Trading,CN"


def _order(ident: str, day: str, goods: str, party: str, turnover: int) -> str:
    return f"{ident},{day},export,CN,{goods},{party},JP,{party},JP,JP,{_KNOWN},{turnover}\n"


ORDERS = (
    HEADER
    + "\n"
    + _order("PO-0210", "2026-02-10", _GANZHOU, f'"{IHI}"', 1_200_000)
    + _order("PO-0311", "2026-03-11", _GANZHOU, f'"{IHI}"', 1_200_000)
    + _order(
        "PO-0318",
        "2026-03-18",
        "dysprosium oxide,goods,Jiangxi Magnets,CN",
        "SUBARU Corporation",
        650_000,
    )
    + _order("PO-0402", "2026-04-02", _GANZHOU, "Tokyo Widgets", 300_000)
)
"""Purchase orders: gallium to IHI Aerospace before and after its listing on 2026-02-24 (Ann.
2026 No. 11), dysprosium oxide to SUBARU (watch list, Ann. 2026 No. 12, from 2026-02-24), and
gallium to an unlisted civilian user."""


def _cut_lists(target: Path) -> Path:
    """The bundled rules with the control and watch lists as they stood on 2026-02-23."""
    shutil.copytree(bundled_rules(), target, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("control_list.csv", "watch_list.csv"):
        path = target / "data" / name
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if r["valid_from"] <= "2026-02-23")
        path.write_text(out.getvalue(), encoding="utf-8")
    return target


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("DUALUSE_DB", url)
    monkeypatch.setenv("DUALUSE_USER", "export desk")
    return url


def _run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def test_decide_records_and_records_lists_shows_exports_and_replays(
    runner: CliRunner, db: str, write_json: Any, prohibited: dict[str, Any], tmp_path: Path
) -> None:
    case = write_json(prohibited)
    first = _run(runner, "decide", str(case), "--record")
    assert first.exit_code == 0, first.output
    again = _run(runner, "decide", str(case), "--record", "--user", "someone else")
    assert again.exit_code == 0

    listed = _run(runner, "records", "list")
    [line] = listed.output.splitlines()  # recorded once: same transfer, law and date
    ident, _, user, source, transfer_id, day, as_of, outcome, parties, item = line.split("\t")
    assert (user, source, transfer_id, day, as_of, outcome) == (
        "export desk",
        "decide",
        "T-jmsdf",
        "2026-03-02",
        "2026-03-02",
        "prohibited",
    )
    assert "Japan Maritime Self-Defense Force" in parties and item == "dysprosium oxide"
    assert _run(runner, "records", "list", "--outcome", "not_controlled").output == ""
    assert _run(runner, "records", "list", "--party", "maritime").output.count("\n") == 1
    assert _run(runner, "records", "list", "--since", "2026-03-03").output == ""

    shown = _run(runner, "records", "show", ident[:8])
    assert shown.exit_code == 0
    assert f"Record {ident}" in shown.output and "by export desk" in shown.output
    assert "Outcome: Prohibited" in shown.output

    for suffix in ("csv", "jsonl", "md"):
        out = tmp_path / f"records.{suffix}"
        done = _run(runner, "records", "export", "--out", str(out))
        assert done.exit_code == 0 and "1 records written" in done.output
    exported = json.loads((tmp_path / "records.jsonl").read_text(encoding="utf-8"))
    assert exported["record"]["id"] == ident
    assert exported["decision"]["outcome"] == "prohibited"
    assert next(csv.DictReader((tmp_path / "records.csv").open()))["transfer_id"] == "T-jmsdf"
    assert "| T-jmsdf | 2026-03-02 | Prohibited |" in (tmp_path / "records.md").read_text()

    replayed = _run(runner, "records", "replay", ident)
    assert replayed.exit_code == 0, replayed.output
    assert "identical (Prohibited)" in replayed.output


def test_rescreen_after_the_lists_of_2026_02_24_reports_the_changes_and_why(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    old_rules = _cut_lists(tmp_path / "rules")
    ledger = tmp_path / "orders.csv"
    ledger.write_text(ORDERS, encoding="utf-8")
    recorded = _run(
        runner,
        "batch",
        str(ledger),
        "--out",
        str(tmp_path / "old.csv"),
        "-j",
        "1",
        "--rules",
        str(old_rules),
        "--record",
    )
    assert recorded.exit_code == 0, recorded.output

    report = _run(runner, "rescreen", "--since", "2026-02-24", "-j", "1", "-f", "json")
    assert report.exit_code == 3, report.output
    data = json.loads(report.output)
    assert data["considered"] == 3  # PO-0210 is dated before --since
    assert data["unchanged"] == 1  # Tokyo Widgets is on no list
    changes = {c["transfer_id"]: c for c in data["changes"]}
    assert set(changes) == {"PO-0311", "PO-0318"}
    ihi = changes["PO-0311"]["difference"]
    assert (ihi["outcome_before"], ihi["outcome_after"]) == ("license_required", "prohibited")
    assert any(
        line.startswith(f"{IHI} is on the export-control control list from 2026-02-24")
        and "MOFCOM Ann. 2026 No. 11" in line
        for line in ihi["now_holds"]
    ), ihi["now_holds"]
    assert any("unlicensed export" in x for x in ihi["liable_removed"])
    assert any("prohibited export" in x for x in ihi["liable_added"])
    subaru = changes["PO-0318"]["difference"]
    assert subaru["outcome_before"] == subaru["outcome_after"] == "license_required"
    assert any("risk-assessment report" in x for x in subaru["conditions_added"])
    assert any("watch list" in x for x in subaru["now_holds"])
    for text in (json.dumps(data),):
        assert "control_listed" not in text and "watch_listed(" not in text

    # The new decisions are recorded and replace the old ones.
    new_id = changes["PO-0311"]["new_record"]
    shown = _run(runner, "records", "show", new_id)
    assert f"replaces record {changes['PO-0311']['record']}" in shown.output
    assert "Outcome: Prohibited" in shown.output

    # Nothing is left to change on the same rules: exit 0.
    quiet = _run(runner, "rescreen", "--since", "2026-02-24", "-j", "1")
    assert quiet.exit_code == 0, quiet.output
    assert "0 changed" in quiet.output and "3 already decided on these rules" in quiet.output


def test_rescreen_report_in_text_and_markdown_without_recording(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    old_rules = _cut_lists(tmp_path / "rules")
    ledger = tmp_path / "orders.csv"
    ledger.write_text(ORDERS, encoding="utf-8")
    _run(
        runner,
        "batch",
        str(ledger),
        "--out",
        str(tmp_path / "o.csv"),
        "-j",
        "1",
        "--rules",
        str(old_rules),
        "--record",
    )
    text = _run(runner, "rescreen", "-j", "1", "--no-record")
    assert text.exit_code == 3
    assert "PO-0311 (2026-03-11)" in text.output and "Licence required → Prohibited" in text.output
    assert "PO-0210" not in text.output  # before the listing: unchanged as of its own date
    out = tmp_path / "report.md"
    md = _run(runner, "rescreen", "-j", "1", "--no-record", "-f", "markdown", "--out", str(out))
    assert md.exit_code == 3
    body = out.read_text(encoding="utf-8")
    assert body.startswith("# Re-screening") and "## PO-0318 (2026-03-18)" in body
    listed = _run(runner, "records", "list").output.splitlines()
    assert len(listed) == 4  # --no-record recorded nothing new


def test_store_problems_are_clear_errors(runner: CliRunner, tmp_path: Path) -> None:
    bad = _run(runner, "records", "list", "--db", "sqlite:////no/such/folder/r.db")
    assert bad.exit_code == 1 and "no folder /no/such/folder" in bad.output
    missing = _run(runner, "records", "show", "abc", "--db", f"sqlite:///{tmp_path / 'r.db'}")
    assert missing.exit_code == 1 and "no recorded decision 'abc'" in missing.output


def test_rescreen_as_of_a_later_date_finds_what_a_decision_as_of_an_earlier_one_missed(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    order = {
        "id": "PO-late",
        "date": "2026-03-11",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "gallium", "kind": "goods"},
        "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
        "consignee": {"name": IHI, "country": "JP"},
        "end_user": {"name": IHI, "country": "JP", "located_in": "JP"},
        "destination": "JP",
        "route": ["JP"],
        "end_use": {"military": False, "helps_military_strength": False},
        "licences": [],
    }
    case = tmp_path / "order.json"
    case.write_text(json.dumps(order), encoding="utf-8")
    # Decided as of the day before the lists, on today's rules: the listing is not in force yet.
    early = _run(runner, "decide", str(case), "--as-of", "2026-02-23", "--record")
    assert early.exit_code == 0 and json.loads(early.stdout)["outcome"] != "prohibited"

    same = _run(runner, "rescreen", "-j", "1", "--no-record")
    assert same.exit_code == 0  # same rules, same date: nothing to re-decide
    assert "1 already decided on these rules" in same.output

    later = _run(runner, "rescreen", "-j", "1", "--as-of", "2026-03-11", "-f", "json")
    assert later.exit_code == 3, later.output
    [change] = json.loads(later.output)["changes"]
    assert change["as_of"] == "2026-03-11"
    assert change["difference"]["outcome_after"] == "prohibited"
