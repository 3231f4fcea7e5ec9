"""Fixtures every test folder may use: one engine for the session, and the sample transfers.

The samples are written as an export desk would describe them: a civilian export of dysprosium
oxide to Toyota, and its variants for each ground of the ban, the scope rules, the penalty tiers
and a transfer with facts still unknown. Each test gets its own deep copy, so a test that edits
one cannot change another's.
"""

from __future__ import annotations

import copy
import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import Engine

Transfer = dict[str, Any]

CIVILIAN: Transfer = {
    "date": "2026-03-02",
    "transfer": "export",
    "origin": "CN",
    "item": {"description": "dysprosium oxide", "kind": "goods"},
    "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
    "consignee": {"name": "Toyota Motor", "country": "JP"},
    "end_user": {"name": "Toyota Motor", "country": "JP"},
    "destination": "JP",
    "route": ["JP"],
    "end_use": {"military": False, "helps_military_strength": False},
    "exporter_knowledge": {
        "wmd": False,
        "terrorism": False,
        "national_security": False,
        "notified": False,
    },
    "licences": [],
}
"""A civilian export of a listed rare earth to a Japanese carmaker: a licence is needed."""

JMSDF = {"name": "Japan Maritime Self-Defense Force"}
WIDGET = {"description": "industrial widget", "kind": "goods", "listed": False}
KOREA = {"name": "Busan Machinery", "country": "KR"}
WAREHOUSE = {"name": "Huaxin Bonded Warehouse", "country": "CN"}
"""A Chinese consignee in a bonded zone: the move stays in China and goes to no foreign person."""


def _variant(**changes: Any) -> Transfer:
    return copy.deepcopy({**CIVILIAN, **changes})


SAMPLES: dict[str, Transfer] = {
    "civilian": CIVILIAN,
    "jmsdf": _variant(consignee=JMSDF, end_user=JMSDF, turnover_cny=800_000),
    "two_prongs": _variant(
        consignee=JMSDF,
        end_user=JMSDF,
        end_use={"military": True, "helps_military_strength": False},
    ),
    "military_use": _variant(end_use={"military": True, "helps_military_strength": False}),
    "gift": _variant(transfer="gift", item=WIDGET),
    "bonded": _variant(
        transfer="bonded-zone",
        destination="CN",
        route=["CN"],
        consignee=WAREHOUSE,
        end_user=WAREHOUSE,
    ),
    "control_listed": _variant(end_user={"name": "IHI Aerospace"}),
    "re_export": _variant(
        transfer="re-export",
        exporter={"name": "Lion City Trading", "country": "SG"},
        route=["SG", "JP"],
        consignee=JMSDF,
        end_user=JMSDF,
    ),
    "catch_all": _variant(
        item=WIDGET,
        destination="KR",
        route=["KR"],
        consignee=KOREA,
        end_user=KOREA,
        exporter_knowledge={**CIVILIAN["exporter_knowledge"], "wmd": True},
    ),
    "turnover_below": _variant(consignee=JMSDF, end_user=JMSDF, turnover_cny=499_999),
    "turnover_at": _variant(consignee=JMSDF, end_user=JMSDF, turnover_cny=500_000),
    "undetermined": _variant(
        item=WIDGET,
        end_use={"helps_military_strength": False},
        exporter_knowledge={"terrorism": False, "national_security": False, "notified": False},
    ),
}
"""The sample transfers by name."""


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """One engine with the bundled rules for the whole session (it is safe to share)."""
    yield Engine()


@pytest.fixture(scope="session")
def samples() -> dict[str, Transfer]:
    """The sample transfers by name."""
    return copy.deepcopy(SAMPLES)


@pytest.fixture(scope="session")
def variant() -> Callable[..., Transfer]:
    """``variant(**changes)``: the civilian sample with some fields changed (a fresh copy)."""
    return _variant


@pytest.fixture(scope="session")
def parties() -> dict[str, dict[str, str]]:
    """Parties the samples use: the JMSDF (a military end user), a Korean machine maker."""
    return copy.deepcopy({"jmsdf": JMSDF, "korea": KOREA})


@pytest.fixture(scope="session")
def scenario_transfers(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> list[dict[str, Any]]:
    """Every transfer the feature scenarios decide, with the date each was decided as of.

    The scenarios are run once per test run, in a process of their own with the recording
    plugin (``tests/scenario_transfers.py``); test workers (pytest-xdist) share the file.
    """
    shared = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker
        shared = shared.parent  # the run's folder, above each worker's own
    out = shared / "scenario-transfers.json"
    with open(shared / "scenario-transfers.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker runs the scenarios, the others wait
        if not out.exists():
            _record_scenarios(out)
    seen: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    assert len(seen) >= 100  # every scenario assesses at least one transfer
    return seen


def _record_scenarios(out: Path) -> None:
    here = Path(__file__).parent
    env = {
        **os.environ,
        "SCENARIO_TRANSFERS": str(out),
        "PYTHONPATH": os.pathsep.join([str(here), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "pytest", str(here / "test_features.py"), "-q"]
    command += ["-m", "not step_library", "-p", "scenario_transfers", "-p", "no:cacheprovider"]
    run = subprocess.run(
        command, cwd=here.parent, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
