"""``dualuse batch --cluster``: on a real Dask LocalCluster (2 worker processes), the decisions
equal the local pool's row for row, a killed worker costs nothing but time, and a stopped job
is finished by running it again.

The 1,000-row comparisons run without proofs (``--no-explain``) to keep the suite short on two
cores; a smaller ledger is compared with proofs.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from dualuse.cli.main import app
from typer.testing import CliRunner

COLUMNS = [
    "id",
    "date",
    "transfer",
    "origin",
    "item.description",
    "exporter.name",
    "exporter.country",
    "consignee.name",
    "consignee.country",
    "end_user.name",
    "end_user.country",
    "destination",
    "route",
    "end_use.military",
    "licences",
    "turnover_cny",
]
ITEMS = ("dysprosium oxide", "gallium", "samarium metal", "SmCo magnet", "cotton T-shirts")
USERS = (
    ("Japan Maritime Self-Defense Force", "JP"),
    ("Ministry of Defense", "JP"),
    ("Mitsubishi Heavy Industries Aero Engines, Ltd.", "JP"),
    ("Tokyo Widgets", "JP"),
    ("Tokyo Widgets", ""),
    ("Saigon Electronics", "VN"),
)
DAYS = ("2026-01-05", "2026-01-06", "2026-02-23", "2026-02-24", "2026-03-02")
KINDS = ("export", "export", "re-export", "transit", "bonded-zone")
MILITARY = ("", "true", "false", "false")
LICENCES = ("none", "L-2026-1207", "")
BAD = {500: ("end_user.country", "Japan"), 750: ("end_use.military", "perhaps")}
"""Line number: the cell a clerk got wrong."""


def invoices(rows: int) -> Iterator[dict[str, str]]:
    """Export invoices as a trading house keys them in: items, users, days and kinds mixed."""
    for n in range(rows):
        user, country = USERS[n % len(USERS)]
        kind = KINDS[n // 7 % len(KINDS)]
        row = {
            "id": f"INV-2026-{n + 1:05d}",
            "date": DAYS[n // 3 % len(DAYS)],
            "transfer": kind,
            "origin": "CN",
            "item.description": ITEMS[n // 2 % len(ITEMS)],
            "exporter.name": "Ganzhou Rare Earth Trading",
            "exporter.country": "CN",
            # into a bonded zone the goods go to a Chinese warehouse (a foreign consignee would
            # make the move an export under limb (b) of ECL Art. 2)
            "consignee.name": "Huaxin Bonded Warehouse" if kind == "bonded-zone" else user,
            "consignee.country": "CN" if kind == "bonded-zone" else "",
            "end_user.name": user,
            "end_user.country": country,
            "destination": "CN" if kind == "bonded-zone" else (country or "JP"),
            "route": "KR;JP" if n % 11 == 0 else "",
            "end_use.military": MILITARY[n // 5 % len(MILITARY)],
            "licences": LICENCES[n // 13 % len(LICENCES)],
            "turnover_cny": str(10_000 * (n % 90 + 1)),
        }
        bad = BAD.get(n + 2)  # the header is line 1
        if bad is not None:
            row[bad[0]] = bad[1]
        yield row


def write_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(invoices(rows))
    return path


def write_parquet(path: Path, rows: int) -> Path:
    records = [{k: (v or None) for k, v in row.items()} for row in invoices(rows)]
    table = pa.Table.from_pylist(records, schema=pa.schema([(c, pa.string()) for c in COLUMNS]))
    pq.write_table(table, path, row_group_size=300)
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def batch(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, ["batch", *args])
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv(tmp_path_factory.mktemp("ledger") / "invoices.csv", 1_000)


@pytest.fixture(scope="module")
def pool_decisions(ledger: Path) -> list[dict[str, Any]]:
    """The local process pool's decisions: what the cluster must give, row for row."""
    out = ledger.with_name("pool.jsonl")
    result = batch(CliRunner(), str(ledger), "-o", str(out), "--no-explain", "-j", "2")
    assert result.exit_code == 1, result.output  # the two bad rows
    return read_jsonl(out)


def test_the_pool_reference_is_a_real_mix_with_the_bad_rows_named(
    pool_decisions: list[dict[str, Any]],
) -> None:
    assert [d["row"] for d in pool_decisions] == list(range(2, 1_002))
    outcomes = {d.get("outcome") for d in pool_decisions}
    assert {"prohibited", "license_required", "out_of_scope"} <= outcomes
    errors = {d["row"]: d["error"] for d in pool_decisions if "error" in d}
    assert set(errors) == set(BAD)
    assert errors[500].startswith("row 500: end_user.country: must be a two-letter ISO")
    assert errors[750] == "row 750: end_use.military: must be true or false, got 'perhaps'"


def test_csv_on_the_cluster_equals_the_pool_row_for_row(
    runner: CliRunner,
    cluster: LocalCluster,
    ledger: Path,
    pool_decisions: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    out = tmp_path / "cluster.jsonl"
    result = batch(
        runner,
        str(ledger),
        "-o",
        str(out),
        "--no-explain",
        "--cluster",
        cluster.scheduler_address,
        "--part-rows",
        "75",
    )
    assert result.exit_code == 1
    assert "1000 rows: 998 decided, 2 with errors" in result.stdout
    assert read_jsonl(out) == pool_decisions
    assert not (tmp_path / "cluster.jsonl.parts").exists()  # the parts were put together


def test_parquet_on_the_cluster_equals_the_pool_row_for_row(
    runner: CliRunner,
    cluster: LocalCluster,
    pool_decisions: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    ledger = write_parquet(tmp_path / "invoices.parquet", 1_000)
    out = tmp_path / "decisions.parquet"
    args = ["-o", f"{out}/", "--no-explain", "--cluster", cluster.scheduler_address]
    result = batch(runner, str(ledger), *args, "--part-rows", "200")
    assert result.exit_code == 1
    parts = sorted(p.name for p in out.glob("part-*"))
    assert parts == [f"part-{n:05d}.parquet" for n in range(5)]
    table = pq.read_table(out / "part-00000.parquet")
    assert table.num_rows == 200
    rows = pq.ParquetDataset(out).read().to_pylist()
    rows.sort(key=lambda r: r["row"])  # the dataset reader does not promise the parts' order
    # Parquet rows are numbered by position; the CSV ledger's by line (one more: the header).
    assert [r["row"] + 1 for r in rows] == [d["row"] for d in pool_decisions]
    for got, want in zip(rows, pool_decisions, strict=True):
        if "error" in want:
            assert got["error"].split(": ", 1)[1] == want["error"].split(": ", 1)[1]
            assert got["decision"] is None
        else:
            assert (got["id"], got["outcome"]) == (want["id"], want["outcome"])
            assert json.loads(got["decision"]) == {k: v for k, v in want.items() if k != "row"}


def test_with_proofs_on_a_local_cluster_of_this_machine(runner: CliRunner, tmp_path: Path) -> None:
    ledger = write_csv(tmp_path / "invoices.csv", 60)
    pool, dask = tmp_path / "pool.jsonl", tmp_path / "dask.jsonl"
    assert batch(runner, str(ledger), "-o", str(pool), "-j", "2").exit_code == 0
    result = batch(runner, str(ledger), "-o", str(dask), "--cluster", "local", "--part-rows", "25")
    assert result.exit_code == 0, result.output
    assert dask.read_text(encoding="utf-8") == pool.read_text(encoding="utf-8")
    assert any(d["grounds"] for d in read_jsonl(dask))  # with proofs this time


def _kill_a_worker_when_parts_appear(
    client: Client, folder: Path, killed: dict[str, int], stop: threading.Event
) -> None:
    pids = client.run(os.getpid)
    while not stop.is_set():
        done = len(list(folder.glob("part-*.jsonl"))) if folder.exists() else 0
        if done >= 2:
            killed["parts_done"] = done
            killed["pid"] = next(iter(pids.values()))
            os.kill(killed["pid"], signal.SIGKILL)
            return
        time.sleep(0.05)


def test_a_worker_killed_mid_run_leaves_the_job_completable_without_duplicates(
    runner: CliRunner,
    cluster: LocalCluster,
    ledger: Path,
    pool_decisions: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    out = tmp_path / "decisions.jsonl"
    args = [str(ledger), "-o", f"{out}/", "--no-explain", "--part-rows", "50"]
    args += ["--cluster", cluster.scheduler_address]
    killed: dict[str, int] = {}
    stop = threading.Event()
    with Client(cluster.scheduler_address) as client:
        killer = threading.Thread(
            target=_kill_a_worker_when_parts_appear, args=(client, out, killed, stop)
        )
        killer.start()
        first = batch(runner, *args)
        stop.set()
        killer.join()
    assert first.exit_code == 1  # the two bad rows, or a job to finish
    assert killed, "no worker was killed: the job ended before two parts were written"
    assert killed["parts_done"] < 20  # killed mid-run
    if "run the same command again" in first.stderr:  # the cluster gave up on a lost task
        second = batch(runner, *args)
        assert second.exit_code == 1, second.output
    parts = sorted(out.glob("part-*.jsonl"))
    assert [p.name for p in parts] == [f"part-{n:05d}.jsonl" for n in range(20)]
    lines = [line for p in parts for line in read_jsonl(p)]
    assert lines == pool_decisions  # every row once, in order

    # A job that stopped: two parts missing and a half-written one left under its temporary name.
    kept = {p.name: p.stat().st_mtime_ns for p in parts}
    (out / "part-00003.jsonl").unlink()
    (out / "part-00011.jsonl").unlink()
    (out / ".part-00012.jsonl.0123.tmp").write_text('{"row": 602, "id"', encoding="utf-8")
    again = batch(runner, *args)
    assert again.exit_code == 1, again.output
    assert "18 of 20 parts were already written; kept" in again.stdout
    assert "1000 rows: 998 decided, 2 with errors" in again.stdout
    rewritten = {p.name for p in out.glob("part-*.jsonl") if p.stat().st_mtime_ns != kept[p.name]}
    assert rewritten == {"part-00003.jsonl", "part-00011.jsonl"}
    lines = [line for p in sorted(out.glob("part-*.jsonl")) for line in read_jsonl(p)]
    assert lines == pool_decisions


def test_a_folder_made_by_another_job_is_refused(
    runner: CliRunner, cluster: LocalCluster, tmp_path: Path
) -> None:
    ledger = write_csv(tmp_path / "invoices.csv", 30)
    base = [
        str(ledger),
        "-o",
        f"{tmp_path / 'decisions.csv'}/",
        "--cluster",
        cluster.scheduler_address,
    ]
    assert batch(runner, *base, "--no-explain").exit_code == 0
    refused = batch(runner, *base)  # now with proofs: other records
    assert refused.exit_code == 2
    assert "holds parts of another job (other --explain/--no-explain)" in refused.stderr
