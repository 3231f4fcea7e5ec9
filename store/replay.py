"""Deciding a recorded transfer again on exactly the law it was decided on.

The record's rule base is written back from the store into a private temporary folder, an engine
is loaded from it (once per rule base and process), and the transfer is decided as of the same
date. The engine must report the recorded digest, or the law is not the same and replay says so.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

from dualuse.engine import Decision, Engine
from dualuse.store.entries import Record
from dualuse.store.errors import StoreError
from dualuse.store.rulebases import materialise
from dualuse.store.store import Store
from pydantic import BaseModel, ConfigDict

_engines: dict[tuple[str, str], tuple[Engine, tempfile.TemporaryDirectory[str]]] = {}
_lock = threading.Lock()


def rules_engine(store: Store, digest: str, folder_name: str = "rules") -> Engine:
    """An engine on the stored rule base ``digest`` (loaded once per process).

    The files are written into a folder called ``folder_name`` (proofs name table rows by
    their path from the folder's parent), inside a private temporary folder.

    Raises:
        StoreError: the rule base is not stored, or does not load as the same law.
    """
    with _lock:
        found = _engines.get((digest, folder_name))
        if found is not None:
            return found[0]
        folder = tempfile.TemporaryDirectory(prefix="dualuse-replay-")
        name = Path(folder_name).name or "rules"
        root = materialise(store.rules(digest), Path(folder.name) / name)
        engine = Engine(rules_dir=root)
        if engine.rules_digest != digest:
            folder.cleanup()
            raise StoreError(
                f"the stored rule base {digest[:12]} loads as {engine.rules_digest[:12]}: "
                "it cannot be replayed exactly"
            )
        _engines[(digest, folder_name)] = (engine, folder)  # the folder lives as long as the engine
        return engine


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in dict.fromkeys([*a, *b]):
            out += _differences(a.get(key), b.get(key), f"{path}.{key}" if path else key)
        return out
    return [] if a == b else [path]


class Replay(BaseModel):
    """A recorded decision and the same transfer decided again on the recorded law."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    record: Record
    """The record replayed."""
    recorded: Decision
    """The decision as recorded."""
    again: Decision
    """The decision made again."""
    differences: list[str]
    """The parts of the decision that differ (empty: identical)."""

    @property
    def identical(self) -> bool:
        """Whether the decision made again is the recorded one, to the last field."""
        return not self.differences


def replay(store: Store, ident: str, *, explain: bool | None = None) -> Replay:
    """Decide a recorded transfer again on its recorded rule base and date.

    ``explain`` defaults to what the record was decided with.

    Raises:
        StoreError: no such record, or its rule base cannot be replayed.
    """
    record = store.get(ident)
    recorded = store.decision(record.id)
    engine = rules_engine(store, record.rules_digest, record.rules_folder)
    explained = record.explained if explain is None else explain
    again = engine.decide(recorded.audit.input, record.as_of, explain=explained)
    differences = _differences(recorded.model_dump(mode="json"), again.model_dump(mode="json"))
    return Replay(record=record, recorded=recorded, again=again, differences=differences)
