"""Decisions made through the service, kept in the records store (:mod:`dualuse.store`).

Every worker process opens the same store, so an id answered by one worker is read back by any
other. A decision is written before its answer is sent: the id in the answer can be read back at
once. A batch request writes its decisions a chunk at a time, one transaction per chunk.

The id is the store's record id, which the store derives from the transfer, the rules digest and
the as-of date: the same transfer decided again on the same law and date answers with the id of
its first record, as a re-run ``dualuse batch --record`` does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path

from dualuse.engine import Decision
from dualuse.service.errors import Refused
from dualuse.store import Entry, Store, StoreError

SOURCE = "service"
"""The source recorded for decisions made through the service."""
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class StoredRecords:
    """The service's :class:`~dualuse.service.records.Records` over a records store."""

    def __init__(self, url: str, user: str, rules: Path) -> None:
        """Open (and migrate) the store at ``url``.

        Args:
            url: A SQLAlchemy URL.
            user: Who is recorded as deciding (a free label).
            rules: The folder the service's rules are loaded from; its rule base is stored
                once per version.

        Raises:
            StoreError: the store cannot be opened.
        """
        self.store = Store(url)
        self.user = user
        self.rules = rules
        self._saving = threading.Lock()

    @property
    def where(self) -> str:
        """The store's URL, without a password."""
        return self.store.where

    def loaded(self, digest: str) -> None:
        """Store the rule base just loaded (named by ``digest``), unless it is stored already.

        Raises:
            StoreError: the folder changed after it was loaded, or the store cannot be written.
        """
        with self._saving:
            self.store.save_rules(self.rules, digest)

    def add(
        self, decision_json: str, decision: Decision | None = None, explained: bool = True
    ) -> str:
        """Record one decision; its record id.

        Raises:
            Refused: 503 when the store cannot be written.
        """
        if decision is None:
            raise StoreError("a decision is recorded from the decision itself, not its text")
        return self.add_many([(decision_json, decision)], explained)[0]

    def add_many(
        self, decisions: Sequence[tuple[str, Decision]], explained: bool = True
    ) -> list[str]:
        """Record decisions in one transaction; their record ids, in order.

        Raises:
            Refused: 503 when the store cannot be written (the answer would carry an id that
                cannot be read back).
        """
        entries = [
            Entry(
                decision=decision,
                user=self.user,
                source=SOURCE,
                explained=explained,
                rules_folder=self.rules.name,
                json_text=text,
            )
            for text, decision in decisions
        ]
        try:
            for digest in {d.audit.rules_digest for _, d in decisions}:
                self.loaded(digest)
            return self.store.record(entries)
        except StoreError as exc:
            raise Refused(
                503, "not_recorded", f"the decision was made but not recorded: {exc}"
            ) from None

    def get(self, decision_id: str) -> str | None:
        """The JSON text of the decision recorded under exactly this id, or ``None``."""
        ident = decision_id.strip().lower()
        if not _ID.fullmatch(ident):
            return None
        try:
            return self.store.decision(ident).model_dump_json()
        except StoreError:
            return None

    def close(self) -> None:
        """Release the store's connections."""
        self.store.close()
