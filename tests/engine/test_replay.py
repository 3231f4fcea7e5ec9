"""A decision replays exactly: the same transfer gives the same JSON in another process.

Python salts the hash of strings per process, so a set of facts iterates in another order in
each. Where two facts could serve one step of a proof or of a why-not, the engine must choose by
a fixed order, not by the order a set happens to have.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

TRANSFERS: list[dict[str, Any]] = [
    {
        "id": "SO-725",
        "date": "2026-02-27",
        "transfer": "deemed-export",
        "origin": "CN",
        "item": {"description": "diamond single crystal", "kind": "goods", "listed": False},
        "exporter": {"name": "Inner Mongolia Graphite Export", "country": "CN"},
        "consignee": {"name": "Hanwha Aerospace", "country": "KR"},
        "end_user": {"name": "Japan Ministry of Defense", "country": "JP"},
        "destination": "CN",
        "route": ["CN"],
        "end_use": {
            "description": "consumer electronics",
            "military": False,
            "helps_military_strength": False,
        },
        "exporter_knowledge": {
            "wmd": False,
            "terrorism": True,
            "national_security": False,
            "notified": False,
        },
        "licences": [],
        "turnover_cny": 4_843_000,
    },
    {
        "id": "SO-216",
        "date": "2026-01-06",
        "transfer": "re-export",
        "origin": "CN",
        "item": {"description": "office furniture", "kind": "goods", "listed": False},
        "exporter": {"name": "Yunnan Germanium Export", "country": "CN"},
        "consignee": {"name": "Apple", "country": "US"},
        "end_user": {"name": "Kawajyu Gifu Manufacturing"},
        "destination": "JP",
        "route": ["JP"],
        "end_use": {
            "description": "industrial catalysts",
            "military": False,
            "helps_military_strength": False,
        },
        "exporter_knowledge": {
            "wmd": True,
            "terrorism": False,
            "national_security": False,
            "notified": False,
        },
        "licences": ["L-2026-21394"],
        "service_providers": [
            {
                "name": "Orient Logistics",
                "country": "CN",
                "service": "customs",
                "knew": True,
                "turnover_cny": 12_000,
            }
        ],
        "turnover_cny": 3_727_000,
    },
]

SCRIPT = """
import json, sys
from dualuse.engine import Engine
engine = Engine()
out = [engine.decide(t).model_dump(mode="json") for t in json.loads(sys.stdin.read())]
print(json.dumps(out, sort_keys=True))
"""


def decided_with_hash_seed(seed: int) -> list[Any]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        input=json.dumps(TRANSFERS),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    decisions: list[Any] = json.loads(run.stdout)
    return decisions


def test_a_decision_is_the_same_in_processes_with_other_string_hashes() -> None:
    first = decided_with_hash_seed(1)
    assert [d["outcome"] for d in first] == ["prohibited", "license_required"]
    for seed in (2, 3):
        assert decided_with_hash_seed(seed) == first, f"hash seed {seed}"
