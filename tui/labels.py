"""Words a person reads for the chat's field names, outcomes and marks: never an internal name."""

from __future__ import annotations

import re
from typing import Any

from dualuse.engine import OUTCOME_LABELS, Transfer
from dualuse.render.words import source_words
from dualuse.tui.widgets.facts import FIELDS

__all__ = [
    "OUTCOME_STYLES",
    "changes",
    "decisive_words",
    "field_label",
    "outcome_badge",
    "outcome_words",
    "people_words",
]

_MORE = {
    "item.code": "control-list code",
    "exporter.located_in": "exporter is in",
    "consignee.located_in": "consignee is in",
    "end_use.helps_military_strength": "helps Japan's military strength",
    "exporter_knowledge.wmd": "exporter knows of a WMD use",
    "exporter_knowledge.terrorism": "exporter knows of a terrorist use",
    "exporter_knowledge.national_security": "exporter knows of a security risk",
    "exporter_knowledge.notified": "exporter was notified by MOFCOM",
    "illegal_gains_cny": "illegal gains (yuan)",
    "service_providers": "service providers",
    "conduct": "conduct",
    "id": "reference",
}
_LABELS = {**dict(FIELDS), **_MORE}

OUTCOME_STYLES = {
    "prohibited": "bold white on dark_red",
    "license_required": "bold black on dark_orange",
    "not_controlled": "bold white on dark_green",
    "out_of_scope": "bold white on grey37",
    "undetermined": "bold black on yellow",
}
"""The colours of each outcome's badge; its words come from the engine's one table."""

_OUTCOME_ID = re.compile(r"\b(?:license_required|not_controlled|out_of_scope)\b")

_DECISIVE = {
    "settles": "settles the outcome",
    "settles_one_way": "settles it one way",
    "narrows": "narrows it down",
    "penalty": "sizes the penalty",
}


def field_label(field: str) -> str:
    """The words for a transfer field ("end_user.name" -> "end user")."""
    if field in _LABELS:
        return _LABELS[field]
    return field.replace("_cny", " (yuan)").replace("_", " ").replace(".", " ")


def outcome_words(outcome: str) -> str:
    """An outcome in words ("license_required" -> "licence required")."""
    return OUTCOME_LABELS.get(outcome, outcome.replace("_", " ")).lower()


def outcome_badge(outcome: str) -> str:
    """An outcome as its badge reads ("license_required" -> "LICENCE REQUIRED")."""
    return outcome_words(outcome).upper()


def people_words(text: str) -> str:
    """Text without file names or outcome identifiers ("license_required" -> "licence required")."""
    return _OUTCOME_ID.sub(lambda m: outcome_words(m.group(0)), source_words(text))


def decisive_words(mark: str) -> str:
    """How decisive a question is, in words."""
    return _DECISIVE.get(mark, mark.replace("_", " "))


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flat(value, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): data}


def _words(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)


def changes(before: Transfer | None, after: Transfer) -> list[tuple[str, str, str]]:
    """What changed from one transfer to the next: (label, was, now), in the facts form's order."""
    old = _flat(before.model_dump(mode="json")) if before is not None else {}
    new = _flat(after.model_dump(mode="json"))
    order = {f: i for i, (f, _) in enumerate(FIELDS)}
    fields = sorted(set(old) | set(new), key=lambda f: (order.get(f, len(order)), f))
    return [
        (field_label(f), _words(old.get(f)), _words(new.get(f)))
        for f in fields
        if old.get(f) != new.get(f)
    ]
