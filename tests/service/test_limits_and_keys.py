"""Limits (413, 503), API keys, CORS and start-up refusals, each on a server of its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dualuse.cli.main import app
from typer.testing import CliRunner

ORDER = {
    "date": "2026-03-02",
    "item": {"description": "gallium metal"},
    "end_user": {"name": "Japan Air Self-Defense Force"},
    "destination": "JP",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> Iterator[Any]:
    """Small limits: 4,000-byte bodies and 3 lines per batch."""
    with serve(
        tmp_path_factory.mktemp("small"), "--max-body-bytes", "4000", "--max-batch-lines", "3"
    ) as running:
        yield running


def test_a_body_past_the_limit_is_413(small: Any) -> None:
    with small.client() as http:
        big = {**ORDER, "item": {"description": "gallium metal " * 400}}
        answer = http.post("/v1/decisions", json=big)
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "too_large"
        assert "4,000 bytes" in answer.json()["error"]["message"]

        # Without a Content-Length (chunked), the body is counted as it arrives.
        def chunks() -> Iterator[bytes]:
            for _ in range(10):
                yield b" " * 1000

        chunked = http.post("/v1/decisions", content=chunks())
        assert chunked.status_code == 413
        assert http.post("/v1/decisions", json=ORDER).status_code == 200


def test_a_batch_past_the_line_limit_is_413_and_decides_nothing(small: Any) -> None:
    with small.client() as http:
        body = "".join(json.dumps(ORDER) + "\n" for _ in range(4))
        answer = http.post("/v1/decisions/batch", content=body)
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "too_many_lines"
        assert "at most 3" in answer.json()["error"]["message"]
        fine = http.post("/v1/decisions/batch", content=body.split("\n", 1)[1])
        assert fine.status_code == 200
        assert len(fine.text.splitlines()) == 3
        metrics = http.get("/metrics").text
        assert 'route="/v1/decisions/batch",method="POST",status="413"' in metrics


def test_a_decision_past_the_time_limit_is_503(tmp_path: Path, serve: Any) -> None:
    with serve(tmp_path, "--time-limit", "0.000001") as running, running.client() as http:
        answer = http.post("/v1/decisions", json=ORDER)
        assert answer.status_code == 503
        assert answer.json()["error"]["code"] == "time_limit"
        assert answer.headers["retry-after"] == "1"
        assert http.get("/healthz").status_code == 200  # the worker still answers


def test_keys_when_set_are_needed_and_compared(tmp_path: Path, serve: Any) -> None:
    env = {"DUALUSE_API_KEYS": "k-erp-1, k-portal-2", "DUALUSE_CORS_ORIGINS": "https://erp.example"}
    with serve(tmp_path, env=env) as running, running.client() as http:
        assert http.get("/healthz").status_code == 200  # probes need no key
        none = http.post("/v1/decisions", json=ORDER)
        assert none.status_code == 401
        assert none.json()["error"]["code"] == "unauthorized"
        wrong = http.post("/v1/decisions", json=ORDER, headers={"Authorization": "Bearer k-erp"})
        assert wrong.status_code == 401
        bearer = http.post(
            "/v1/decisions", json=ORDER, headers={"Authorization": "Bearer k-portal-2"}
        )
        assert bearer.status_code == 200
        header = http.get("/v1/rules", headers={"X-API-Key": "k-erp-1"})
        assert header.status_code == 200
        assert http.get("/metrics").status_code == 401
        # CORS, once configured, answers the configured origin only.
        allowed = http.options(
            "/v1/decisions",
            headers={
                "Origin": "https://erp.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "Authorization",
            },
        )
        assert allowed.headers.get("access-control-allow-origin") == "https://erp.example"
        other = http.get(
            "/v1/rules", headers={"Origin": "https://evil.example", "X-API-Key": "k-erp-1"}
        )
        assert "access-control-allow-origin" not in other.headers
        reload = http.post("/admin/reload", headers={"X-API-Key": "k-erp-1"})
        assert reload.status_code == 200
        assert reload.json()["status"] == "reloaded"
        assert http.post("/admin/reload").status_code == 401


def test_binding_beyond_loopback_needs_keys() -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"], env={"DUALUSE_API_KEYS": ""})
    assert result.exit_code == 2
    assert "needs API keys" in result.output
    assert "DUALUSE_API_KEYS" in result.output


def test_a_refused_request_shows_no_traceback(small: Any) -> None:
    with small.client() as http:
        answer = http.post("/v1/decisions", content=b'{"item": {"description": 5}}')
        assert answer.status_code == 422
        assert "Traceback" not in answer.text
        assert "item.description: must be text" in answer.json()["error"]["message"]
        missing = http.get("/v2/decisions")
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "not_found"
