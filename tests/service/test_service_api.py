"""The endpoints as a client calls them: decisions, batches, schemas, rules, health, metrics."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from dualuse.engine import Decision, Engine, Transfer

JMSDF = "Japan Maritime Self-Defense Force"

ORDER: dict[str, Any] = {
    "id": "SO-4711",
    "date": "2026-03-02",
    "transfer": "export",
    "origin": "CN",
    "item": {"description": "dysprosium oxide", "kind": "goods"},
    "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
    "consignee": {"name": JMSDF},
    "end_user": {"name": JMSDF},
    "destination": "JP",
    "route": ["JP"],
    "turnover_cny": 800_000,
}
"""A sales order for dysprosium oxide to the JMSDF: prohibited (Announcement 2026 No. 1)."""


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def dumped(decision: Decision) -> Any:
    return json.loads(decision.model_dump_json())


def test_health_names_the_rules_in_use(client: httpx.Client, engine: Engine) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ready"
    assert body["rules_digest"] == engine.rules_digest
    assert body["rules"] == len(engine.rules())


def test_a_decision_equals_the_engines_and_can_be_read_back(
    client: httpx.Client, engine: Engine
) -> None:
    answer = client.post("/v1/decisions", json=ORDER)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["decision"]["outcome"] == "prohibited"
    assert body["decision"] == dumped(engine.decide(Transfer.model_validate(ORDER)))
    assert answer.headers["x-decision-id"] == body["decision_id"]
    again = client.get(f"/v1/decisions/{body['decision_id']}")
    assert again.status_code == 200
    assert again.json() == body
    # The same transfer on the same law and date is one record: a retry is not recorded twice.
    assert client.post("/v1/decisions", json=ORDER).json()["decision_id"] == body["decision_id"]
    changed = client.post("/v1/decisions", json={**ORDER, "id": "SO-other"}).json()
    assert changed["decision_id"] != body["decision_id"]


def test_screening_without_explanations_and_another_date(
    client: httpx.Client, engine: Engine
) -> None:
    answer = client.post("/v1/decisions", params={"explain": "false"}, json=ORDER)
    expected = engine.decide(Transfer.model_validate(ORDER), explain=False)
    assert answer.json()["decision"] == dumped(expected)
    assert answer.json()["decision"]["grounds"] == []
    # The day before the ban, the same order is not prohibited by it.
    before = client.post("/v1/decisions", params={"as_of": "2026-01-05"}, json=ORDER).json()
    assert before["decision"]["as_of"] == "2026-01-05"
    assert before["decision"]["outcome"] != "prohibited"
    assert before["decision"] == dumped(
        engine.decide(Transfer.model_validate(ORDER), __import__("datetime").date(2026, 1, 5))
    )


@pytest.mark.parametrize(
    ("body", "status", "code", "field", "words"),
    [
        (
            '{"item": {"description": "Dy\\ud800"}}',
            422,
            "invalid_input",
            "item.description",
            "lone surrogate",
        ),
        (
            '{"route": ' + "[" * 50_000 + "]" * 50_000 + "}",
            422,
            "invalid_input",
            "route[0]",
            "nested deeper than 16",
        ),
        (
            json.dumps({"item": {"description": "x" * 200_000}}),
            422,
            "invalid_input",
            "item.description",
            "at most 4,000",
        ),
        ('{"item": ', 400, "malformed_json", None, "malformed JSON"),
        ("[1, 2]", 422, "invalid_input", None, "must be a JSON object"),
        (
            '{"end_user": {"country": "Japan"}}',
            422,
            "invalid_input",
            "end_user.country",
            "two-letter ISO country code",
        ),
        ('{"end_user": {"nmae": "JMSDF"}}', 422, "invalid_input", "end_user.nmae", "unknown field"),
        ('{"date": "2019-05-01"}', 422, "invalid_input", "date", "before the Export Control Law"),
        (b"\xff\xfe{}", 400, "malformed_json", None, "not UTF-8"),
    ],
)
def test_bad_input_is_an_error_naming_the_field(
    client: httpx.Client, body: str | bytes, status: int, code: str, field: str | None, words: str
) -> None:
    answer = client.post("/v1/decisions", content=body)
    assert answer.status_code == status, answer.text
    problem = answer.json()["error"]
    assert problem["code"] == code
    assert problem["field"] == field if field != "route[0]" else problem["field"].startswith(field)
    assert words in problem["message"]
    assert "Traceback" not in answer.text


def test_a_bad_query_parameter_is_named(client: httpx.Client) -> None:
    answer = client.post("/v1/decisions", params={"as_of": "next week"}, json=ORDER)
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "as_of"


def test_a_batch_answers_every_line_in_order_and_goes_on_past_bad_ones(
    client: httpx.Client, engine: Engine
) -> None:
    civil = {
        **ORDER,
        "id": "SO-4712",
        "consignee": {"name": "Kyocera", "country": "JP"},
        "end_user": {"name": "Kyocera", "country": "JP"},
    }
    lines = [json.dumps(ORDER), "", "{not json", json.dumps(civil), '{"route": ["Japan"]}']
    answer = client.post("/v1/decisions/batch", content="\n".join(lines) + "\n")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    out = [json.loads(line) for line in answer.text.splitlines()]
    assert [o["line"] for o in out] == [1, 3, 4, 5]
    assert out[0]["decision"] == dumped(engine.decide(Transfer.model_validate(ORDER)))
    assert out[1]["error"]["code"] == "malformed_json"
    assert out[2]["decision"] == dumped(engine.decide(Transfer.model_validate(civil)))
    assert out[3]["error"]["field"] == "route"
    kept = client.get(f"/v1/decisions/{out[2]['decision_id']}").json()
    assert kept["decision"]["id"] == "SO-4712"


def test_an_unknown_decision_id_is_not_found(client: httpx.Client) -> None:
    answer = client.get("/v1/decisions/no-such-decision")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_the_schemas_are_the_engines_models(client: httpx.Client) -> None:
    transfer = client.get("/v1/schema/transfer").json()
    assert transfer == Transfer.model_json_schema(mode="validation")
    decision = client.get("/v1/schema/decision").json()
    assert decision == Decision.model_json_schema(mode="serialization")
    openapi = client.get("/openapi.json").json()
    body = openapi["paths"]["/v1/decisions"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Transfer"
    }
    assert set(Transfer.model_fields) == set(
        openapi["components"]["schemas"]["Transfer"]["properties"]
    )


def test_rules_are_listed_with_citations_and_read_one_by_one(
    client: httpx.Client, engine: Engine
) -> None:
    listed = client.get("/v1/rules").json()
    assert [r["id"] for r in listed] == [r.id for r in engine.rules()]
    first = engine.rules()[0]
    one = client.get(f"/v1/rules/{first.id}")
    assert one.status_code == 200
    assert one.json()["citation"] == first.citation
    assert one.json()["quote_en"] == first.quote_en
    assert client.get("/v1/rules/no.such.rule").status_code == 404


def test_metrics_count_requests_latency_and_outcomes(client: httpx.Client) -> None:
    before = client.get("/metrics").text
    client.post("/v1/decisions", json=ORDER)
    text = client.get("/metrics").text
    assert client.get("/metrics").headers["content-type"].startswith("text/plain")

    def prohibited(exposition: str) -> int:
        for line in exposition.splitlines():
            if line.startswith('dualuse_decisions_total{outcome="prohibited"'):
                return int(line.rsplit(" ", 1)[1])
        return 0

    assert prohibited(text) == prohibited(before) + 1
    assert 'dualuse_request_duration_seconds_bucket{route="/v1/decisions"' in text
    assert "# TYPE dualuse_request_duration_seconds histogram" in text


def test_no_key_is_asked_for_on_loopback_by_default_and_cors_is_off(client: httpx.Client) -> None:
    answer = client.get("/v1/rules", headers={"Origin": "https://erp.example"})
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers
    # Reloading is an admin request: without keys configured, it is refused.
    assert client.post("/admin/reload").status_code == 403
