"""What a records store is opened with and asked for: its address, its user, its filters.

Kept apart from the store itself, so that a command can name its options without loading the
database layer (SQLAlchemy) before it opens a store.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from platformdirs import user_data_path

ENV_DB = "DUALUSE_DB"
ENV_USER = "DUALUSE_USER"


def default_url() -> str:
    """``DUALUSE_DB``, or a SQLite file in the user's data folder."""
    env = os.environ.get(ENV_DB)
    if env:
        return env
    folder = user_data_path("dualuse", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'records.db'}"


def default_user() -> str:
    """``DUALUSE_USER``, or the login name."""
    env = os.environ.get(ENV_USER)
    if env:
        return env
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


@dataclass(frozen=True)
class Filters:
    """Which records to list; every field left ``None`` lets everything through."""

    since: dt.date | None = None
    """Transfers dated on or after this day."""
    until: dt.date | None = None
    """Transfers dated on or before this day."""
    outcome: str | None = None
    """One outcome."""
    party: str | None = None
    """Part of a party's name (any case)."""
    item: str | None = None
    """Part of the item's description or code (any case)."""
    current: bool = False
    """Only records no later record of the same transfer replaces."""
    own_date: bool | None = None
    """``True``: only records decided as of the transfer's own date; ``False``: only the others."""
    as_of: dt.date | None = None
    """Only records decided as of this day."""
