"""What is stored of a decision, and how a stored one reads back.

>>> transfer_key({"id": "SO-1"})
'SO-1'
>>> transfer_key({"date": "2026-03-02"})[:7]
'sha256:'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
import zlib
from collections.abc import Mapping
from typing import Any

from dualuse.engine import Decision
from pydantic import BaseModel, ConfigDict

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)
SOURCES = ("decide", "batch", "chat", "rescreen", "replay", "service")
"""Where a record came from."""


def canonical(data: Any) -> str:
    """JSON with sorted keys and no spaces: the same data gives the same text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def transfer_key(data: Mapping[str, Any]) -> str:
    """The transfer's id, or, for a transfer without one, the SHA-256 of its content."""
    ident = data.get("id")
    if isinstance(ident, str) and ident:
        return ident
    return "sha256:" + hashlib.sha256(canonical(dict(data)).encode()).hexdigest()


def idem_key(data: Mapping[str, Any], rules_digest: str, as_of: dt.date) -> str:
    """The key that makes recording idempotent.

    The transfer (its id, and its content, so that a corrected transfer under the same id is a
    new record), the rules digest and the as-of date: the same transfer decided again on the same
    law and date is the same record, however often a batch is re-run.
    """
    content = hashlib.sha256(canonical(dict(data)).encode()).hexdigest()
    key = canonical([transfer_key(data), content, rules_digest, as_of.isoformat()])
    return hashlib.sha256(key.encode()).hexdigest()


def record_id(key: str) -> str:
    """The record's id, derived from its idempotency key: a re-run gives the same id."""
    return str(uuid.UUID(hex=key[:32]))


def _names(data: Mapping[str, Any]) -> list[str]:
    names = []
    for value in data.values():
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, Mapping) and isinstance(part.get("name"), str):
                names.append(part["name"])
    return list(dict.fromkeys(names))


def _item(data: Mapping[str, Any]) -> str:
    item = data.get("item")
    if not isinstance(item, Mapping):
        return ""
    return " | ".join(str(item[k]) for k in ("description", "code") if item.get(k))


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def pack(decision: Decision, text: str | None = None) -> bytes:
    """The decision's JSON (``text``, when it was made already), compressed to about a sixth."""
    return zlib.compress((text or decision.model_dump_json()).encode(), 1)


def unpack(blob: bytes) -> Decision:
    """A decision stored by :func:`pack`."""
    return Decision.model_validate_json(zlib.decompress(blob))


class Entry(BaseModel):
    """A decision to record, with who asked and where from."""

    model_config = _MODEL
    decision: Decision
    """The decision (its audit holds the transfer as given, the date and the rules digest)."""
    user: str
    """Who asked: a free label."""
    source: str = "decide"
    """Where it came from: decide, batch, chat, rescreen, replay or service (HTTP)."""
    explained: bool = True
    """Whether it was decided with proofs, why-not and what-would-change."""
    supersedes: str | None = None
    """The record this one replaces (a re-screening's new decision)."""
    rules_folder: str = "rules"
    """The name of the folder the rules were loaded from (proofs show paths inside it)."""
    json_text: str | None = None
    """The decision's JSON when it was made already (a batch's output line): not made twice."""

    @property
    def record_id(self) -> str:
        """The id this decision is (or will be) recorded under."""
        audit = self.decision.audit
        return record_id(idem_key(audit.input, audit.rules_digest, audit.as_of))

    def row(self, now: dt.datetime) -> dict[str, Any]:
        """The table row."""
        audit = self.decision.audit
        data = audit.input
        key = idem_key(data, audit.rules_digest, audit.as_of)
        ident = data.get("id")
        return {
            "id": record_id(key),
            "idem_key": key,
            "recorded_at": now,
            "user": self.user,
            "source": self.source,
            "transfer_key": transfer_key(data)[:200],
            "transfer_id": ident[:200] if isinstance(ident, str) else None,
            "transfer_date": _day(data.get("date")),
            "as_of": audit.as_of,
            "outcome": self.decision.outcome,
            "engine_version": audit.engine_version,
            "rules_digest": audit.rules_digest,
            "rules_folder": self.rules_folder[:200],
            "explained": self.explained,
            "parties": "\n".join(_names(data)),
            "item": _item(data),
            "transfer": canonical(dict(data)),
            "decision": pack(self.decision, self.json_text),
            "supersedes": self.supersedes,
        }


class Record(BaseModel):
    """A recorded decision as read back (the decision itself is loaded on demand)."""

    model_config = _MODEL
    id: str
    """The record's id."""
    recorded_at: dt.datetime
    """When it was recorded."""
    user: str
    """Who asked."""
    source: str
    """Where it came from."""
    transfer_id: str | None
    """The transfer's id, when it has one."""
    transfer_date: dt.date | None
    """The transfer's date, when it has one."""
    as_of: dt.date
    """The date whose law was applied."""
    outcome: str
    """The outcome."""
    engine_version: str
    """The dualuse version that decided."""
    rules_digest: str
    """The rule base it was decided on."""
    rules_folder: str
    """The name of the folder the rules were loaded from."""
    explained: bool
    """Whether it has proofs."""
    parties: list[str]
    """The parties' names as given."""
    item: str
    """The item as given."""
    transfer: dict[str, Any]
    """The transfer as given."""
    supersedes: str | None
    """The record it replaced."""
    superseded_by: str | None = None
    """The record that replaced it, if any."""
