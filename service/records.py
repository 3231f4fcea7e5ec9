"""Where decisions made through the service are kept, so that a decision id can be read back.

The service talks to :class:`Records` only. Without a decision store, each worker keeps its most
recent decisions in memory (:class:`RecentDecisions`); a decision store plugs in by implementing
the same two methods and being passed to :func:`dualuse.service.app.create_app`.

>>> recent = RecentDecisions(2)
>>> for n in "abc":
...     recent.add(n, "{}")
>>> recent.get("a"), recent.get("c")
(None, '{}')
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from typing import Protocol

from dualuse.engine import Decision


def new_id() -> str:
    """A fresh decision id (a random UUID: unique across workers and restarts)."""
    return str(uuid.uuid4())


class Records(Protocol):
    """Keeps decisions by id."""

    def add(self, decision_id: str, decision_json: str, decision: Decision | None = None) -> None:
        """Keep a decision (its JSON text; the model too, for a store that wants it)."""

    def get(self, decision_id: str) -> str | None:
        """The JSON text of a kept decision, or ``None``."""


class RecentDecisions:
    """The last ``size`` decisions of this worker, in memory; safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, decision_id: str, decision_json: str, decision: Decision | None = None) -> None:
        """Keep a decision, forgetting the oldest past ``size``."""
        if self.size <= 0:
            return
        with self._lock:
            self._kept[decision_id] = decision_json
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def get(self, decision_id: str) -> str | None:
        """The JSON text of a kept decision, or ``None``."""
        with self._lock:
            return self._kept.get(decision_id)
