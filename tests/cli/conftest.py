"""Fixtures for the command-line tests: a runner, transfers with known outcomes, a file writer."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

JMSDF = "Japan Maritime Self-Defense Force"

KNOWN: dict[str, Any] = {
    "date": "2026-03-02",
    "transfer": "export",
    "origin": "CN",
    "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
    "destination": "JP",
    "route": ["JP"],
    "exporter_knowledge": {
        "wmd": False,
        "terrorism": False,
        "national_security": False,
        "notified": False,
    },
    "licences": [],
}
"""Facts shared by the cases below; each case adds the item and the parties."""

PROHIBITED: dict[str, Any] = {
    **KNOWN,
    "id": "T-jmsdf",
    "item": {"description": "dysprosium oxide", "kind": "goods"},
    "consignee": {"name": JMSDF},
    "end_user": {"name": JMSDF},
    "turnover_cny": 800000,
}
"""Dysprosium oxide to the JMSDF on 2026-03-02: prohibited by Announcement 2026 No. 1 clause 1
(first prong, military user)."""

LICENCE: dict[str, Any] = {
    **KNOWN,
    "id": "T-civil",
    "item": {"description": "gallium", "kind": "goods"},
    "consignee": {"name": "Tokyo Widgets", "country": "JP", "located_in": "JP"},
    "end_user": {"name": "Tokyo Widgets", "country": "JP", "located_in": "JP"},
    "end_use": {"military": False, "helps_military_strength": False},
}
"""Listed gallium to a civilian Japanese user, all facts known: licence required (ECL 12(2))."""

BONDED: dict[str, Any] = {
    "id": "T-bonded",
    "date": "2026-01-05",
    "transfer": "bonded-zone",
    "destination": "CN",
    "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"},
}
"""A move into a bonded zone inside China, to a Chinese consignee: out of scope."""


WriteJson = Callable[[object], Path]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def prohibited() -> dict[str, Any]:
    return copy.deepcopy(PROHIBITED)


@pytest.fixture
def licence() -> dict[str, Any]:
    return copy.deepcopy(LICENCE)


@pytest.fixture
def bonded() -> dict[str, Any]:
    return copy.deepcopy(BONDED)


@pytest.fixture
def write_json(tmp_path: Path) -> WriteJson:
    """Write a value as ``case.json`` in a temporary folder; return its path."""

    def write(value: object) -> Path:
        path = tmp_path / "case.json"
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        return path

    return write
