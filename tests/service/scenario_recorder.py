"""A pytest plugin that writes down every transfer the feature scenarios put to the engine.

Loaded into a run of ``tests/test_features.py`` (``-p scenario_recorder``); each call of
``Engine.decide`` appends ``{"transfer": ..., "as_of": ...}`` to the file named by
``DUALUSE_SCENARIO_TRANSFERS``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest
from dualuse.engine import Decision, Engine, Transfer


def pytest_configure(config: pytest.Config) -> None:
    out = os.environ["DUALUSE_SCENARIO_TRANSFERS"]
    decide = Engine.decide

    def recording(
        self: Engine, transfer: Any, as_of: dt.date | None = None, *, explain: bool = True
    ) -> Decision:
        data = transfer.model_dump(mode="json") if isinstance(transfer, Transfer) else transfer
        with open(out, "a", encoding="utf-8") as sink:
            record = {"transfer": data, "as_of": as_of.isoformat() if as_of else None}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        return decide(self, transfer, as_of, explain=explain)

    Engine.decide = recording  # type: ignore[method-assign]
