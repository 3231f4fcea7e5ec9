"""The readers, in the order they run.

Each takes its words from the message so that a later reader never reads them again: amounts and
dates first (their digits), then the kinds of transfer, then the catalogue's names (longest first,
before end-use words: "Defense" in a party's name is not a military end use), then the rest. The
list is the order, as in a log viewer's list of formats tried one after another.
"""

from __future__ import annotations

from dualuse.interpret.message import Reader
from dualuse.interpret.readers import (
    amounts,
    dates,
    end_use,
    items,
    kinds,
    licences,
    parties,
    places,
)

__all__ = ["READERS"]

READERS: tuple[tuple[str, Reader], ...] = (
    ("amounts", amounts.read_turnover),
    ("dates", dates.read),
    ("quantities", amounts.read_quantity),
    ("licences", licences.read),
    ("kinds of transfer", kinds.read_transfer),
    ("listed items", items.read_listed),
    ("listed parties", parties.read_listed),
    ("end use", end_use.read),
    ("kinds of item", kinds.read_item),
    ("other parties", parties.read_unlisted),
    ("parties in Japanese or Chinese", parties.read_cjk),
    ("we", parties.read_we),
    ("places and routes", places.read),
    ("other items", items.read_unlisted),
    ("consignee", parties.read_consignee),
    ("destination", places.read_destination),
    ("assumed export", kinds.read_assumed_export),
)
"""(name, reader) in the order they run."""
