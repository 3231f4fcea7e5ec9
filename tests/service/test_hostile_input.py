"""No path answers a JSON document with an internal error: valid, invalid and hostile documents.

Each generated document goes to the engine (a mapping becomes a Transfer), to ``dualuse decide``,
as a line of ``dualuse batch``, and to ``POST /v1/decisions`` and ``/v1/decisions/batch``. Every
path must decide it or refuse it as input, naming the field; none may fail inside.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from dualuse.cli.main import app
from dualuse.engine import Decision, Engine, InputError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

ORDERS: list[dict[str, Any]] = [
    {
        "id": "PO-2026-0113",
        "date": "2026-03-02",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "dysprosium oxide", "kind": "goods"},
        "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
        "consignee": {"name": "Sojitz Corporation", "country": "JP"},
        "end_user": {"name": "Japan Maritime Self-Defense Force"},
        "destination": "JP",
        "route": ["KR", "JP"],
        "end_use": {"description": "magnets for sonar arrays"},
        "licences": [],
        "service_providers": [{"name": "Sinotrans", "service": "freight", "knew": False}],
        "turnover_cny": 1_250_000,
    },
    {
        "id": "INV 77/2026",
        "date": "2026-02-24",
        "item": {"description": "gallium nitride wafers", "code": "3C001"},
        "end_user": {"name": "Kansai Ceramics", "country": "JP", "located_in": "JP"},
        "end_use": {"military": False, "helps_military_strength": False},
        "exporter_knowledge": {"wmd": False, "notified": False},
    },
    {
        "date": "2026-01-05",
        "transfer": "bonded-zone",
        "destination": "CN",
        "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"},
    },
]
"""Orders as an ERP would send them."""

STRING_FIELDS = [
    ("id",),
    ("item", "description"),
    ("exporter", "name"),
    ("end_user", "name"),
    ("end_use", "description"),
    ("route", 0),
    ("licences", 0),
    ("service_providers", 0, "name"),
]
DEEP = "\x00deep\x00"

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _put(doc: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = doc
    for n, part in enumerate(path[:-1]):
        nxt = path[n + 1]
        if isinstance(node, dict) and not isinstance(node.get(part), dict | list):
            node[part] = [{}] if isinstance(nxt, int) else {}
        if isinstance(node, list):
            while len(node) <= int(part):
                node.append({} if isinstance(nxt, str) else [])
        node = node[part]
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= int(last):
            node.append(None)
    node[last] = value


@st.composite
def documents(draw: st.DrawFn) -> str:
    """The JSON text of a valid, invalid or hostile transfer."""
    doc = copy.deepcopy(draw(st.sampled_from(ORDERS)))
    kind = draw(
        st.sampled_from(
            ["valid", "drop", "value", "surrogate", "deep", "long", "many", "key", "text", "top"]
        )
    )
    path = draw(st.sampled_from(STRING_FIELDS))
    if kind == "drop" and doc:
        doc.pop(draw(st.sampled_from(sorted(doc))))
    elif kind == "value":
        _put(doc, path[: draw(st.integers(1, len(path)))], draw(json_values))
    elif kind == "surrogate":
        at = draw(st.integers(0, 5))
        lone = chr(draw(st.integers(0xD800, 0xDFFF)))
        _put(doc, path, "dysprosium"[:at] + lone + "oxide")
    elif kind == "deep":
        _put(doc, path, DEEP)
    elif kind == "long":
        _put(doc, path, "x" * draw(st.sampled_from([3_999, 4_000, 4_001, 200_000])))
    elif kind == "many":
        doc["route"] = ["JP"] * draw(st.sampled_from([999, 1_000, 1_001, 20_000]))
    elif kind == "key":
        name = draw(st.sampled_from(["\ud800", "x" * 101, "", "descr\udfffiption"]))
        doc.setdefault("item", {})[name] = "x"
    text = json.dumps(doc)  # ASCII, as clients send it: a lone surrogate becomes \\udXXX
    if kind == "deep":
        depth = draw(st.sampled_from([15, 16, 17, 900, 5_000, 100_000]))
        text = text.replace(json.dumps(DEEP), "[" * depth + "]" * depth)
    elif kind == "text":
        text = text[: draw(st.integers(0, len(text) - 1))]
    elif kind == "top":
        text = draw(st.sampled_from(["[]", "null", "42", '"a transfer"', "[" + text + "]"]))
    return text


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


FIELD_ERRORS = {400, 413, 422}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=documents())
def test_no_path_answers_with_an_internal_error(
    text: str, engine: Engine, client: httpx.Client, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The engine: a mapping either is decided or is an InputError naming the field.
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        value = None
    if isinstance(value, dict):
        try:
            assert isinstance(engine.decide(value, explain=False), Decision)
        except InputError as exc:
            assert exc.message

    # dualuse decide: exit 0 or 2, never 70.
    decided = CliRunner().invoke(app, ["decide", "-"], input=text)
    assert decided.exit_code in (0, 2), decided.output
    assert "internal error" not in decided.output
    if decided.exit_code == 2:
        assert decided.output.startswith("error: ")

    # dualuse batch: the line is decided or is an error row; the batch is never stopped.
    folder = tmp_path_factory.mktemp("batch")
    ledger, out = folder / "ledger.jsonl", folder / "out.jsonl"
    ledger.write_text(text.replace("\n", " ") + "\n" + json.dumps(ORDERS[2]) + "\n", "utf-8")
    batch = CliRunner().invoke(app, ["batch", str(ledger), "--out", str(out), "-j", "1"])
    assert batch.exit_code in (0, 1), batch.output
    records = [json.loads(line) for line in out.read_text("utf-8").split("\n") if line]
    assert len(records) == 2 if text.strip() else 1
    assert all("internal error" not in str(r.get("error", "")) for r in records)
    assert records[-1]["outcome"] == "out_of_scope"

    # HTTP: 200, or an error that names its code; never a 500.
    answer = client.post("/v1/decisions", params={"explain": "false"}, content=text)
    assert answer.status_code == 200 or answer.status_code in FIELD_ERRORS, answer.text
    if answer.status_code != 200:
        assert answer.json()["error"]["code"] != "internal_error"
    lines = client.post("/v1/decisions/batch", params={"explain": "false"}, content=text + "\n")
    assert lines.status_code in (200, 413)
    for line in filter(None, lines.text.split("\n")):
        assert json.loads(line).get("error", {}).get("code") != "internal_error"


def test_the_documented_limits_hold_at_their_edges(engine: Engine) -> None:
    at_limit = {"item": {"description": "x" * 4_000}, "route": ["JP"] * 1_000}
    assert engine.decide(at_limit, explain=False).outcome
    for over, field in [
        ({"item": {"description": "x" * 4_001}}, "item.description"),
        ({"route": ["JP"] * 1_001}, "route"),
        ({"end_use": {"description": "a\udc80b"}}, "end_use.description"),
    ]:
        with pytest.raises(InputError) as caught:
            engine.decide(over)
        assert caught.value.field == field


def test_a_lone_surrogate_in_a_batch_id_is_an_error_row(tmp_path: Path) -> None:
    ledger, out = tmp_path / "ledger.jsonl", tmp_path / "out.jsonl"
    ledger.write_text('{"id": "PO-\\ud800", "date": "2026-03-02"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(ledger), "--out", str(out), "-j", "1"])
    assert result.exit_code == 1
    (record,) = [json.loads(line) for line in out.read_text("utf-8").split("\n") if line]
    assert record["error"] == "row 1: id: not valid Unicode text: a lone surrogate at character 4"
