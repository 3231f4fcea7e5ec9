"""Fixtures for the chat's tests: one engine for the whole session, a fixed "today"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from dualuse.engine import Engine

TODAY = dt.date(2026, 1, 10)
"""The date the tests' conversations happen on (relative dates count from it)."""


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """One engine for every test of the chat."""
    yield Engine()


@pytest.fixture(autouse=True)
def _settings_apart(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the chat's saved settings out of the user's real configuration folder."""
    monkeypatch.setenv("DUALUSE_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
