"""The records store: every decision with its input, result, law and author, kept for later.

>>> import tempfile, pathlib
>>> from dualuse.store import Store
>>> Store(f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'records.db'}").count()
0

A decision is recorded with who asked, when, the transfer as given, the outcome, the as-of date,
the engine version and the rules digest, and its full JSON; the rule base it was made on is
stored once per version, file by file, so that :func:`replay` can decide it again on exactly that
law. Only the engine's public names are used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dualuse.store.changes import Difference, compare
from dualuse.store.entries import SOURCES, Entry, Record
from dualuse.store.errors import StoreError
from dualuse.store.options import ENV_DB, ENV_USER, Filters, default_url, default_user

if TYPE_CHECKING:
    from dualuse.store.replay import Replay, replay, rules_engine
    from dualuse.store.rulebases import digest_of as rules_digest_of
    from dualuse.store.store import Store

_LOADED_WHEN_USED = {
    "Replay": ("replay", "Replay"),
    "replay": ("replay", "replay"),
    "rules_engine": ("replay", "rules_engine"),
    "rules_digest_of": ("rulebases", "digest_of"),
    "Store": ("store", "Store"),
}
"""Names whose modules load the database layer (SQLAlchemy): imported when first used, so that
a command that never opens a store (the chat, ``decide`` without ``--record``) starts without it."""


def __getattr__(name: str) -> Any:
    found = _LOADED_WHEN_USED.get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{found[0]}"), found[1])
    globals()[name] = value
    return value


__all__ = [
    "ENV_DB",
    "ENV_USER",
    "SOURCES",
    "Difference",
    "Entry",
    "Filters",
    "Record",
    "Replay",
    "Store",
    "StoreError",
    "compare",
    "default_url",
    "default_user",
    "replay",
    "rules_digest_of",
    "rules_engine",
]
