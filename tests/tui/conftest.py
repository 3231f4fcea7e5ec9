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
