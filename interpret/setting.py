"""Setting one fact from words: answers to questions and edits of the facts form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dualuse.engine import Transfer
from dualuse.interpret.message import ICASE, put
from dualuse.interpret.names import normalise
from dualuse.interpret.readers.amounts import MONEY, money
from dualuse.interpret.readers.dates import find_date
from dualuse.interpret.readers.places import country_code

# ================================================================================================
# Setting one fact from words: answers to questions and edits of the facts form.
# ================================================================================================

_BOOL_FIELDS = {
    "item.listed",
    "end_use.military",
    "end_use.helps_military_strength",
    "exporter_knowledge.wmd",
    "exporter_knowledge.terrorism",
    "exporter_knowledge.national_security",
    "exporter_knowledge.notified",
}
_COUNTRY_FIELDS = {
    "origin",
    "destination",
    "exporter.country",
    "exporter.located_in",
    "consignee.country",
    "consignee.located_in",
    "end_user.country",
    "end_user.located_in",
}
_KIND_WORDS = {
    "deemed": "deemed-export",
    "re-export": "re-export",
    "reexport": "re-export",
    "transit": "transit",
    "bonded": "bonded-zone",
    "gift": "gift",
    "exhibition": "exhibition",
    "export": "export",
}


def _yes_no(text: str) -> bool | None:
    key = text.strip().casefold()
    if re.match(r"^(?:yes|y|true|yep|it is|it does|correct|是|はい)\b", key):
        return True
    if re.match(r"^(?:no|n|false|nope|it is not|it isn'?t|not|否|いいえ)\b", key):
        return False
    raise ValueError(f"answer yes, no or unknown, not {text!r}")


def _parse_value(field: str, text: str | None, today: dt.date) -> Any:
    if text is None or text.strip().casefold() in ("", "unknown", "don't know", "not sure", "?"):
        return None
    text = normalise(text).strip()
    if field in _BOOL_FIELDS:
        return _yes_no(text)
    if field in _COUNTRY_FIELDS:
        code = (
            country_code(text)
            or country_code(text.split()[0].rstrip(","))
            or (text.upper() if re.fullmatch(r"[A-Za-z]{2}", text) else None)
        )
        if code is None:
            raise ValueError(f"{text!r} is not a country ICASE know; give a name or ISO code")
        return code
    if field == "route":
        codes = [country_code(p) or p.upper() for p in re.split(r"[,;>\s]+|\s+then\s+", text) if p]
        return codes
    if field == "licences":
        if re.match(r"^(?:none|no|nothing|-)\b", text, ICASE):
            return []
        return [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if field in ("turnover_cny",) or field.endswith(".turnover_cny"):
        m = MONEY.search(text)
        if m is not None and (value := money(m)) is not None:
            return value
        digits = text.replace(",", "").replace(" ", "")
        if digits.isdigit():
            return int(digits)
        raise ValueError(f"{text!r} is not an amount in yuan")
    if field == "date":
        found = find_date(text, today)
        if found is None:
            raise ValueError(f"{text!r} is not a date ICASE can read (try 2026-03-02)")
        return found[0].isoformat()
    if field == "transfer":
        key = text.casefold()
        for word, kind in _KIND_WORDS.items():
            if word in key:
                return kind
        raise ValueError(f"{text!r} is not a kind of transfer")
    if field == "item.kind":
        key = text.casefold()
        for kind in ("goods", "software", "technology"):
            if kind in key:
                return kind
        raise ValueError("answer goods, software or technology")
    return text


def set_fact(transfer: Transfer, field: str, value: str | None, *, today: dt.date) -> Transfer:
    """Return ``transfer`` with one field set from words ("yes", "Japan", "next Monday", ...).

    Args:
        transfer: The transfer to revise.
        field: The field, dotted (``end_use.military``).
        value: The answer as typed or offered; ``None``, "" or "unknown" makes it unknown.
        today: For relative dates.

    Returns:
        A new transfer.

    Raises:
        ValueError: When the value does not fit the field.
    """
    data = transfer.model_dump(mode="json")
    put(data, field.split("."), _parse_value(field, value, today))
    return Transfer.model_validate(data)
