"""Through HTTP, every scenario's transfer and a 1,000-row ledger get the engine's decisions."""

from __future__ import annotations

import json
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
