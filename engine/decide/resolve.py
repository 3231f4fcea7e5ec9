"""Match what a user typed to the catalogue of items and the lists of parties.

Party names go through the one name normaliser (:func:`~dualuse.engine.decide.names.normalise_name`:
case, punctuation, word order, British spellings, legal forms such as "Co., Ltd.", "K.K.",
"株式会社", "GmbH"). Item lines are read into their parts and graded by the rules of evidence of
:mod:`~dualuse.engine.decide.classify`. Whatever is not taken comes back with ``exact=False`` and
the engine asks about it, never silently takes it.

>>> from dualuse.engine.law.rulebase import RuleBase
>>> r = Resolver(RuleBase.load())
>>> m = r.party("Japan Maritime Self-Defense Force")
>>> m.matched, m.exact
('jmsdf', True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from dualuse.engine.decide.classify import NEAR, TAKEN, Classifier, signature
from dualuse.engine.decide.decision import Match
from dualuse.engine.decide.items import read_line
from dualuse.engine.decide.names import foreign_form, normalise_name
from dualuse.engine.law.rulebase import RuleBase
from rapidfuzz import fuzz, process

PARTY_NEAR = NEAR
"""A party name this close (0-100) to a listed name is asked about, never taken."""

COUNTRY_WORDS: dict[str, frozenset[str]] = {
    "JP": frozenset({"japan", "japanese", "jp", "日本"}),
    "CN": frozenset({"china", "chinese", "prc", "cn", "中国"}),
}
"""Words that only say where a party is ("Ministry of Defense (Japan)")."""

SEEN = 8192
"""Matches kept for words seen before (items and parties), at most."""

_BRACKETS = re.compile(r"[(\[（【]([^)\]）】]*)[)\]）】]")

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
    """The constant naming an item or party the catalogue does not know (case, width, suffixes).

    Names are compared with :func:`~dualuse.engine.decide.names.normalise_name`; this only keeps
    the constants of unknown items and parties as they were.
    """
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
        self._parties: dict[str, str] = {}
        self._by_id: dict[str, CatalogueEntry] = {}
        self._parents: dict[str, str] = {}
        lists = {
            "control_listed": "control list",
            "watch_listed": "watch list",
            "jp_military_user": "military user",
        }
        listed: dict[str, list[str]] = {}
        for pred, label in lists.items():
            for row in base.tables.get(pred, ()):
                listed.setdefault(str(row.values[0]), []).append(label)
        signatures = self._add_rows(base, "catalogue_entry", "item", listed)
        self._add_rows(base, "entity_country", "party", listed)
        self.names: dict[str, str] = {}
        """Names people use for other ids of the tables: measures, sanctions."""
        for id_column, name_column in (("measure", "instrument"), ("sanction", "description")):
            for rows in base.tables.values():
                for row in rows:
                    ident, name = row.record.get(id_column), row.record.get(name_column)
                    if ident and name:
                        self.names.setdefault(ident.strip(), name.strip())
        self.classifier = Classifier(signatures)
        self._party_keys = list(self._parties)
        self._seen: dict[tuple[str, str, str | None, str], Match] = {}

    def _add_rows(
        self, base: RuleBase, pred: str, kind: str, listed: dict[str, list[str]]
    ) -> list[tuple[Any, list[str]]]:
        seen: set[str] = set()
        signatures: list[tuple[Any, list[str]]] = []
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
            every = [*entry.names, ident.replace("_", " ")]
            if kind == "item":
                signatures.append((signature(ident, entry.label, rec), every))
                continue
            if rec.get("parent"):
                self._parents[ident] = rec["parent"]
            for name in every:
                self._parties.setdefault(normalise_name(name), ident)
        return signatures

    def entry(self, ident: str) -> CatalogueEntry | None:
        """The entry with this id."""
        return self._by_id.get(ident)

    def label_of(self, ident: str) -> str:
        """An entry's name with its control-list code, e.g. "Samarium oxide ... (1C902.b)"."""
        entry = self._by_id[ident]
        return f"{entry.label} ({entry.code})" if entry.code else entry.label

    def item(
        self, text: str, field_name: str = "item.description", code: str | None = None
    ) -> Match:
        """Read an item line (and a control-list code given apart) against the catalogue."""
        key = ("item", text, code, field_name)
        found = self._seen.get(key)
        if found is None:
            found = self._remember(key, self._item(text, field_name, code))
        return found

    def _remember(self, key: tuple[str, str, str | None, str], match: Match) -> Match:
        """Keep a match (frozen) for the next time the same words come: a ledger repeats them."""
        if len(self._seen) >= SEEN:
            self._seen.clear()
        self._seen[key] = match
        return match

    def _item(self, text: str, field_name: str, code: str | None) -> Match:
        parts = read_line(text)
        reading = self.classifier.read(parts, code)
        if reading.rule == "code" and not reading.parts and reading.entry is not None:
            reading = replace(reading, parts=f"control-list code {self._by_id[reading.entry].code}")
        taken = reading.rule in TAKEN and reading.entry is not None
        ident = reading.entry if taken else (reading.candidates[0] if reading.candidates else None)
        return Match(
            field=field_name,
            text=text,
            matched=ident,
            label=self._by_id[ident].label if ident else None,
            score=100.0 if taken else reading.score,
            exact=taken,
            evidence=reading.rule,
            reading=reading.parts or None,
            candidates=list(reading.candidates),
            listed=reading.listed if taken else None,
        )

    def _ancestors(self, ident: str) -> set[str]:
        out: set[str] = set()
        while ident in self._parents and ident not in out:
            ident = self._parents[ident]
            out.add(ident)
        return out

    def _bracketed(self, text: str) -> str | None:
        """The party a name with brackets names, or ``None``.

        "Japan Aerospace Exploration Agency (JAXA)", "MOD (Japan)": the words outside the
        brackets name the party, and those inside are its other name or its country.
        """
        inner = _BRACKETS.findall(text)
        if not inner:
            return None
        ident = self._parties.get(normalise_name(_BRACKETS.sub(" ", text)))
        if ident is None:
            return None
        entry = self._by_id[ident]
        where = COUNTRY_WORDS.get(entry.country or "", frozenset())
        for words in inner:
            key = normalise_name(words)
            if self._parties.get(key) != ident and key not in where:
                return None
        return ident

    def party(self, text: str, field_name: str = "party") -> Match:
        """Match a party name: the same key is taken, a near one asked, never a parent for a unit.

        A name that is a listed unit's parent, or a bare group name, is never offered as the unit
        ("Kawasaki" is not KHI Aerospace Systems), and a subsidiary is never its listed parent
        ("TDK Europe"). A listed Japanese name with another country's legal form ("TDK GmbH")
        is asked about (evidence ``legal_form``).
        """
        key = ("party", text, None, field_name)
        found = self._seen.get(key)
        if found is None:
            found = self._remember(key, self._party(text, field_name))
        return found

    def _party(self, text: str, field_name: str) -> Match:
        key = normalise_name(text)
        ident = self._parties.get(key) or self._bracketed(text)
        if ident is not None:
            entry = self._by_id[ident]
            form = foreign_form(text) if entry.country == "JP" else None
            return Match(
                field=field_name,
                text=text,
                matched=ident,
                label=entry.label,
                score=100.0,
                exact=form is None,
                evidence="name" if form is None else "legal_form",
                candidates=[] if form is None else [ident],
            )
        words = set(key.split())
        best: tuple[str, float] | None = None
        if key:
            for name, score, _ in process.extract(
                key, self._party_keys, scorer=fuzz.token_sort_ratio, limit=5, score_cutoff=60
            ):
                cand = set(name.split())
                if words < cand or cand < words:
                    continue  # a part of a name, or a name with more words: another party
                best = (name, float(score))
                break
        if best is not None and best[1] >= PARTY_NEAR:
            ident = self._parties[best[0]]
            return Match(
                field=field_name,
                text=text,
                matched=ident,
                label=self._by_id[ident].label,
                score=round(best[1], 1),
                exact=False,
                evidence="near",
                candidates=[ident],
            )
        score = round(best[1], 1) if best is not None else 0.0
        return Match(
            field=field_name, text=text, matched=None, score=score, exact=False, evidence="none"
        )
