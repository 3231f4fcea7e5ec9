"""A pytest plugin that writes down every transfer the feature scenarios put to the engine.

``pytest tests/test_features.py -p scenario_transfers`` with ``SCENARIO_TRANSFERS=out.json`` in
the environment (and this folder on ``sys.path``) writes a JSON list of
``{"transfer": ..., "as_of": ...}``, one per decision, in the order the scenarios asked.
The ``scenario_transfers`` fixture of ``tests/conftest.py`` runs it once per test run.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import Engine, Transfer

_SEEN: list[dict[str, Any]] = []


def pytest_configure(config: pytest.Config) -> None:
    """Wrap ``Engine.decide`` so that each transfer it is given is kept."""
    decide = Engine.decide

    def recording(self: Engine, transfer: Any, as_of: date | str | None = None, **kw: Any) -> Any:
        raw = (
            transfer.model_dump(mode="json", exclude_none=True)
            if isinstance(transfer, Transfer)
            else dict(transfer)
        )
        day = as_of.isoformat() if isinstance(as_of, date) else as_of
        _SEEN.append({"transfer": raw, "as_of": day or None})
        return decide(self, transfer, as_of, **kw)

    Engine.decide = recording  # type: ignore[method-assign]


def pytest_unconfigure(config: pytest.Config) -> None:
    """Write what was kept."""
    out = os.environ.get("SCENARIO_TRANSFERS")
    if out:
        Path(out).write_text(json.dumps(_SEEN, default=str), encoding="utf-8")
