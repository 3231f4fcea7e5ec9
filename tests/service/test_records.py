"""Decisions made through the service are recorded in the records store, read back by any worker."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from dualuse.cli.main import app
from dualuse.store import Store
from typer.testing import CliRunner

STORE_FIXTURES = Path(__file__).parents[1] / "store" / "conftest.py"

INVOICE = {
    "id": "INV-2026-0412",
    "date": "2026-03-02",
    "exporter": {"name": "Suzhou Optronics Co., Ltd.", "country": "CN"},
    "consignee": {"name": "IHI Aerospace Co., Ltd.", "country": "JP"},
    "end_user": {"name": "IHI Aerospace Co., Ltd.", "country": "JP"},
    "item": {"description": "gallium arsenide wafers, 4 inch, semi-insulating"},
    "route": ["CN", "JP"],
}


def workers_seen(url: str, decision_id: str, attempts: int = 200) -> set[int]:
    """Read ``decision_id`` back over fresh connections until two workers have answered.

    A connection stays with one worker process, so the worker that answers ``/healthz`` on it
    is the one that reads the decision back.
    """
    seen: set[int] = set()
    for _ in range(attempts):
        with httpx.Client(base_url=url, timeout=60) as fresh:
            worker = fresh.get("/healthz").json()["worker"]
            answer = fresh.get(f"/v1/decisions/{decision_id}")
            assert answer.status_code == 200, answer.text
            assert answer.json()["decision_id"] == decision_id
            seen.add(worker)
        if len(seen) == 2:
            break
    return seen


def test_a_decision_is_recorded_and_read_back_by_every_worker(serve: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'service.db'}"
    with (
        serve(
            tmp_path, "--workers", "2", "--user", "screening-portal", env={"DUALUSE_DB": db}
        ) as server,
        server.client() as http,
    ):
        answer = http.post("/v1/decisions", json=INVOICE)
        assert answer.status_code == 200, answer.text
        decision_id = answer.json()["decision_id"]
        assert answer.headers["x-decision-id"] == decision_id
        seen = workers_seen(server.url, decision_id)
        assert len(seen) == 2, f"only worker(s) {seen} answered"
        back = http.get(f"/v1/decisions/{decision_id}").json()
        assert back["decision"] == answer.json()["decision"]

    store = Store(db)
    record = store.get(decision_id)
    assert record.id == decision_id
    assert record.source == "service"
    assert record.user == "screening-portal"
    assert record.transfer_id == "INV-2026-0412"
    assert record.outcome == answer.json()["decision"]["outcome"]
    assert store.decision(decision_id).model_dump(mode="json") == answer.json()["decision"]
    assert store.rules(record.rules_digest), "the rule base the decision was made on is stored"
    store.close()

    listed = CliRunner().invoke(app, ["records", "list", "--db", db])
    assert listed.exit_code == 0, listed.output
    rows = [line.split("\t") for line in listed.stdout.splitlines() if line.strip()]
    assert [r[0] for r in rows] == [decision_id]
    assert "INV-2026-0412" in rows[0]


def test_a_batch_is_recorded_line_by_line(serve: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'batch.db'}"
    invoices = [{**INVOICE, "id": f"INV-2026-{n:04d}"} for n in range(40)]
    lines = (
        [json.dumps(i) for i in invoices[:20]]
        + ["{broken"]
        + [json.dumps(i) for i in invoices[20:]]
    )
    with (
        serve(tmp_path, "--workers", "2", env={"DUALUSE_DB": db}) as server,
        server.client() as http,
    ):
        answer = http.post("/v1/decisions/batch", content="\n".join(lines) + "\n")
        assert answer.status_code == 200
        out = [json.loads(line) for line in answer.text.splitlines()]
        assert [o["line"] for o in out] == list(range(1, 42))
        assert out[20]["error"]["code"] == "malformed_json"
        ids = [o["decision_id"] for o in out if "decision_id" in o]
        assert len(set(ids)) == 40
        for decision_id in (ids[0], ids[-1]):
            assert http.get(f"/v1/decisions/{decision_id}").status_code == 200
    store = Store(db)
    assert store.count() == 40
    assert {r.transfer_id for r in store.records()} == {i["id"] for i in invoices}
    assert {r.source for r in store.records()} == {"service"}
    store.close()


def test_without_recording_nothing_is_written(serve: Any, tmp_path: Path) -> None:
    db = tmp_path / "unused.db"
    with (
        serve(tmp_path, "--no-record", env={"DUALUSE_DB": f"sqlite:///{db}"}) as server,
        server.client() as http,
    ):
        answer = http.post("/v1/decisions", json=INVOICE)
        assert answer.status_code == 200
        decision_id = answer.json()["decision_id"]
        assert http.get(f"/v1/decisions/{decision_id}").status_code == 200
    assert not db.exists()


def test_an_unusable_store_stops_the_service_with_a_clear_message(tmp_path: Path) -> None:
    bad = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'x.db'}"
    result = CliRunner().invoke(app, ["serve", "--db", bad], env={"DUALUSE_API_KEYS": ""})
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "--db" in result.output and "no folder" in result.output


def _store_fixtures() -> Any:
    spec = importlib.util.spec_from_file_location("store_fixtures", STORE_FIXTURES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def postgres_url() -> Any:
    """A fresh database on the PostgreSQL server the store's tests start."""
    fixtures = _store_fixtures()
    try:
        with fixtures.pg_server() as server:
            yield fixtures._fresh_pg_database(server)
    except fixtures.NoServer as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI and could not be started: {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")


def test_two_workers_record_in_postgresql(serve: Any, tmp_path: Path, postgres_url: str) -> None:
    with (
        serve(tmp_path, "--workers", "2", "--db", postgres_url) as server,
        server.client() as http,
    ):
        answer = http.post("/v1/decisions", json=INVOICE)
        assert answer.status_code == 200, answer.text
        decision_id = answer.json()["decision_id"]
        assert len(workers_seen(server.url, decision_id)) == 2
    store = Store(postgres_url)
    assert store.get(decision_id).source == "service"
    store.close()
