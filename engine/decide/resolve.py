"""Match what a user typed to the catalogue of items and the lists of parties.

Matching is tolerant of case, punctuation, company suffixes ("Co., Ltd.", "K.K.", "株式会社") and
the Chinese and Japanese names; a near match comes back with ``exact=False`` and its score, and the
engine treats it as a question, never silently as a hit.

>>> from dualuse.engine.law.rulebase import RuleBase
>>> r = Resolver(RuleBase.load())
>>> m = r.party("Japan Maritime Self-Defense Force")
>>> m.matched, m.exact
('jmsdf', True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dualuse.engine.decide.decision import Match
from dualuse.engine.law.rulebase import RuleBase
from rapidfuzz import fuzz, process

NEAR = 86.0
"""Scores at or above this (0-100) are near matches worth asking about."""

_SUFFIXES = (
    "co ltd",
    "co",
    "ltd",
    "limited",
    "corporation",
    "corp",
    "inc",
    "kk",
    "k k",
    "company",
    "株式会社",
    "有限公司",
    "股份有限公司",
    "公司",
)


def normalise(text: str) -> str:
    """Fold case and width, drop punctuation and company suffixes."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    folded = re.sub(r"[^\w\s]", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if folded.endswith(" " + suffix) or (folded.endswith(suffix) and not suffix.isascii()):
                folded = folded[: -len(suffix)].strip()
                changed = True
            if folded.startswith(suffix) and not suffix.isascii():
                folded = folded[len(suffix) :].strip()
                changed = True
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


@dataclass(frozen=True)
class CatalogueEntry:
    """An item or party the engine knows by name."""

    id: str
    kind: str
    """``item`` or ``party``."""
    label: str
    """The English name."""
    names: tuple[str, ...]
    """Every name and alias (English, Chinese, Japanese, formulas, short forms)."""
    country: str | None = None
    """For a party, its country."""
    code: str | None = None
    """For an item, its control-list code."""
    listed_as: tuple[str, ...] = field(default=())
    """For a party, the lists it is on (on any date)."""


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


class Resolver:
    """Name lookups over one rule base's tables."""

    def __init__(self, base: RuleBase) -> None:
        self.entries: list[CatalogueEntry] = []
        self._items: dict[str, str] = {}
        self._parties: dict[str, str] = {}
        self._codes: dict[str, str] = {}
        self._by_id: dict[str, CatalogueEntry] = {}
        lists = {
            "control_listed": "control list",
            "watch_listed": "watch list",
            "jp_military_user": "military user",
        }
        listed: dict[str, list[str]] = {}
        for pred, label in lists.items():
            for row in base.tables.get(pred, ()):
                listed.setdefault(str(row.values[0]), []).append(label)
        self._add_rows(base, "catalogue_entry", "item", listed)
        self._add_rows(base, "entity_country", "party", listed)
        self.names: dict[str, str] = {}
        """Names people use for other ids of the tables: measures, sanctions."""
        for id_column, name_column in (("measure", "instrument"), ("sanction", "description")):
            for rows in base.tables.values():
                for row in rows:
                    ident, name = row.record.get(id_column), row.record.get(name_column)
                    if ident and name:
                        self.names.setdefault(ident.strip(), name.strip())

    def _add_rows(self, base: RuleBase, pred: str, kind: str, listed: dict[str, list[str]]) -> None:
        seen: set[str] = set()
        for row in base.tables.get(pred, ()):
            rec = row.record
            ident = str(row.values[0])
            if ident in seen:
                continue
            seen.add(ident)
            names = [rec.get("name_en", ""), rec.get("name_zh", ""), rec.get("name_ja", "")]
            names += _split(rec.get("aliases", ""))
            names = [n for n in names if n.strip()]
            entry = CatalogueEntry(
                id=ident,
                kind=kind,
                label=rec.get("name_en") or ident,
                names=tuple(dict.fromkeys(names)),
                country=rec.get("country") or None,
                code=rec.get("code") or None,
                listed_as=tuple(dict.fromkeys(listed.get(ident, []))),
            )
            self.entries.append(entry)
            self._by_id[ident] = entry
            index = self._items if kind == "item" else self._parties
            for name in (*entry.names, ident.replace("_", " ")):
                index.setdefault(normalise(name), ident)
            if entry.code:
                self._codes.setdefault(entry.code.casefold(), ident)

    def entry(self, ident: str) -> CatalogueEntry | None:
        """The entry with this id."""
        return self._by_id.get(ident)

    def _match(self, text: str, index: dict[str, str], field_name: str) -> Match:
        key = normalise(text)
        if key in index:
            ident = index[key]
            return Match(
                field=field_name,
                text=text,
                matched=ident,
                label=self._by_id[ident].label,
                score=100.0,
                exact=True,
            )
        best = process.extractOne(key, list(index), scorer=fuzz.token_sort_ratio) if key else None
        if best is not None and best[1] >= NEAR:
            ident = index[best[0]]
            return Match(
                field=field_name,
                text=text,
                matched=ident,
                label=self._by_id[ident].label,
                score=round(float(best[1]), 1),
                exact=False,
            )
        score = round(float(best[1]), 1) if best is not None else 0.0
        return Match(field=field_name, text=text, matched=None, score=score, exact=False)

    def item(self, text: str, field_name: str = "item.description") -> Match:
        """Match an item description or a control-list code."""
        code = text.strip().casefold()
        if code in self._codes:
            ident = self._codes[code]
            return Match(
                field=field_name,
                text=text,
                matched=ident,
                label=self._by_id[ident].label,
                score=100.0,
                exact=True,
            )
        return self._match(text, self._items, field_name)

    def party(self, text: str, field_name: str = "party") -> Match:
        """Match a party name."""
        return self._match(text, self._parties, field_name)
