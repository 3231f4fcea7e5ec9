"""Through HTTP, every scenario's transfer and a 1,000-row ledger get the engine's decisions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.ledger import generate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> Iterator[httpx.Client]:
    """A server of this module's own, which has decided nothing else before.

    The engine it is compared with starts fresh too, and both decide the same transfers in the
    same order: the engine's name recognition keeps what it matched before, and a server that
    first answered other tests' documents has been seen to answer a later near match with
    other candidates than a fresh engine does.
    """
    with serve(tmp_path_factory.mktemp("same")) as running, running.client() as http:
        yield http


@pytest.fixture(scope="module")
def scenario_transfers(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Every transfer the feature scenarios decide, recorded by running them."""
    out = tmp_path_factory.mktemp("scenarios") / "transfers.jsonl"
    env = {**os.environ, "DUALUSE_SCENARIO_TRANSFERS": str(out)}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")])
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(ROOT / "tests" / "test_features.py"),
            "-q",
            "-m",
            "not step_library",
            "-p",
            "scenario_recorder",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 100  # every scenario assesses at least one transfer
    return records


def test_every_scenarios_transfer_gets_the_engines_decision(
    client: httpx.Client,
    scenario_transfers: list[dict[str, Any]],
    engine_decisions: Callable[[list[dict[str, Any]]], list[Any]],
) -> None:
    expected = engine_decisions(scenario_transfers)
    for record, decision in zip(scenario_transfers, expected, strict=True):
        params = {"as_of": record["as_of"]} if record["as_of"] else {}
        answer = client.post("/v1/decisions", params=params, json=record["transfer"])
        assert answer.status_code == 200, answer.text
        assert answer.json()["decision"] == decision, record


def test_a_ledger_of_1000_rows_through_the_batch_endpoint(
    client: httpx.Client, engine_decisions: Callable[[list[dict[str, Any]]], list[Any]]
) -> None:
    ledger = generate(1000)
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in ledger)
    with ThreadPoolExecutor(1) as pool:  # the engine decides beside the service, not after it
        engine = pool.submit(engine_decisions, [{"transfer": row} for row in ledger])
        with client.stream("POST", "/v1/decisions/batch", content=body.encode()) as answer:
            assert answer.status_code == 200
            lines = [json.loads(line) for line in answer.iter_lines() if line]
        expected = engine.result()
    assert [line["line"] for line in lines] == list(range(1, 1001))
    for row, line, decision in zip(ledger, lines, expected, strict=True):
        assert line.get("decision") == decision, row["id"]
    assert len({d["outcome"] for d in expected}) >= 4  # the ledger is not one kind of case
