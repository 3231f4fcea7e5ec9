"""Where decisions made through the service are kept, so that a decision id can be read back.

The service talks to :class:`Records` only: ``add`` keeps a decision and returns the id the
answer carries, ``get`` reads it back. With the records store
(:class:`dualuse.service.stored.StoredRecords`, what ``dualuse serve`` uses) the id is the
store's record id and any worker reads it back; without one, each worker keeps its most recent
decisions in memory under random ids (:class:`RecentDecisions`).

>>> recent = RecentDecisions(2)
>>> first, *_ = [recent.add("{}") for _ in range(3)]
>>> recent.get(first) is None, len(recent)
(True, 2)
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

from dualuse.engine import Decision


def new_id() -> str:
    """A fresh decision id (a random UUID: unique across workers and restarts)."""
    return str(uuid.uuid4())


class Records(Protocol):
    """Keeps decisions by id."""

    def add(
        self, decision_json: str, decision: Decision | None = None, explained: bool = True
    ) -> str:
        """Keep a decision (its JSON text; the model too, for a store that wants it); its id."""

    def add_many(
        self, decisions: Sequence[tuple[str, Decision]], explained: bool = True
    ) -> list[str]:
        """Keep several decisions at once (one transaction in a store); their ids, in order."""

    def get(self, decision_id: str) -> str | None:
        """The JSON text of a kept decision, or ``None``."""

    def loaded(self, digest: str) -> None:
        """The engine has loaded the rule base ``digest`` (a store keeps its files once)."""

    def close(self) -> None:
        """Let go of what is held (a store's connections)."""


class RecentDecisions:
    """The last ``size`` decisions of this worker, in memory; safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def add(
        self, decision_json: str, decision: Decision | None = None, explained: bool = True
    ) -> str:
        """Keep a decision under a new id, forgetting the oldest past ``size``; the id."""
        decision_id = new_id()
        if self.size <= 0:
            return decision_id
        with self._lock:
            self._kept[decision_id] = decision_json
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return decision_id

    def add_many(
        self, decisions: Sequence[tuple[str, Decision]], explained: bool = True
    ) -> list[str]:
        """Keep several decisions; their ids, in order."""
        return [self.add(text, decision) for text, decision in decisions]

    def loaded(self, digest: str) -> None:
        """Nothing to do: memory keeps no rule base."""

    def close(self) -> None:
        """Nothing to do."""

    def __len__(self) -> int:
        """How many decisions are kept."""
        return len(self._kept)

    def get(self, decision_id: str) -> str | None:
        """The JSON text of a kept decision, or ``None``."""
        with self._lock:
            return self._kept.get(decision_id)
