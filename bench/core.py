"""The facts of the core ban rules, read from a transfer without the engine's machinery.

Shared by the plain-Python baseline (:mod:`bench.baseline`) and the clingo encoding
(:mod:`bench.asp`). It mirrors ``dualuse.engine.decide.facts`` for the predicates the core
rules read:
a known field gives facts, an unknown field gives an *open* field whose answers are each a list
of facts (the same answers the engine considers). Names are matched as the engine matches them
(its ``normalise``, then a fuzzy near match at the same threshold, which becomes a question).
Tables are read from the CSV files, each row valid on its dates.

>>> facts = Tables.load().extract({"date": "2026-03-02", "transfer": "export"})
>>> facts.known["transfer_kind"], len(facts.opens) > 3
({('export',)}, True)
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dualuse.engine.decide.resolve import normalise
from rapidfuzz import fuzz, process

from bench.catalogue import DATA

Row = tuple[str, ...]
Fact = tuple[str, Row]
OTHER = "ZZ"
"""Some country other than China and Japan, as the engine writes it."""
NEAR = 86.0
"""The engine's near-match threshold."""
KINDS = ("export", "re-export", "deemed-export", "transit", "bonded-zone", "gift", "exhibition")
KNOWLEDGE = (
    ("wmd", "exporter_knows_wmd"),
    ("terrorism", "exporter_knows_terrorism"),
    ("national_security", "exporter_knows_national_security"),
    ("notified", "exporter_notified"),
)


@dataclass
class Facts:
    """A transfer's known facts, and its open fields with the facts of each answer."""

    day: dt.date
    known: dict[str, set[Row]] = field(default_factory=lambda: defaultdict(set))
    opens: list[tuple[str, list[list[Fact]]]] = field(default_factory=list)

    def add(self, pred: str, row: Row) -> None:
        """Record a known fact."""
        self.known[pred].add(row)


@dataclass(frozen=True)
class Dated:
    """A table row's values and the days it is valid on (both ends included)."""

    values: Row
    since: dt.date
    until: dt.date | None

    def on(self, day: dt.date) -> bool:
        """Whether the row is valid on ``day``."""
        return self.since <= day and (self.until is None or day <= self.until)


def _dated(path: Path, columns: tuple[str, ...]) -> list[Dated]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        if not all(row.get(c) for c in columns):
            continue
        until = (row.get("valid_until") or "").strip()
        out.append(
            Dated(
                tuple(row[c].strip() for c in columns),
                dt.date.fromisoformat(row["valid_from"].strip()),
                dt.date.fromisoformat(until) if until else None,
            )
        )
    return out


@dataclass(frozen=True)
class Day:
    """The tables as valid on one day, shaped for the core rules."""

    catalogue: dict[str, tuple[tuple[str, str], ...]]
    """item -> (measure, listing) rows."""
    suspended: frozenset[str]
    """Measures suspended on the day (by a suspension whose rule is in force)."""
    settling_suspended: frozenset[str]
    """Suspended measures that settle an item's listing (rule in force 2025-11-07..2026-11-10)."""
    ended: dict[str, str]
    """Measures whose suspension has passed its published end, by the suspending announcement:
    suspended again only if MOFCOM extended it, which the sources do not say (an open field)."""
    entity_country: dict[str, frozenset[str]]
    """entity -> its countries in the entity catalogue."""
    military: frozenset[str]
    control: frozenset[str]


def _by_entity(rows: Iterable[Row]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for entity, country in rows:
        out[entity].add(country)
    return {k: frozenset(v) for k, v in out.items()}


class Tables:
    """The data tables of the core rules, and the name indexes used to read a transfer."""

    def __init__(self, data: Path = DATA) -> None:
        self.catalogue = _dated(data / "items.csv", ("item", "measure", "listing"))
        self.suspensions = _dated(data / "suspensions.csv", ("measure", "suspended_by"))
        self.suspension_ends = _dated(
            data / "suspension_ends.csv", ("measure", "suspended_by", "field")
        )
        self.entities = _dated(data / "entities.csv", ("entity", "country"))
        self.military = _dated(data / "military_users.csv", ("entity",))
        self.control = _dated(data / "control_list.csv", ("entity",))
        self.parties: dict[str, str] = {}
        self.party_country: dict[str, str] = {}
        self.items: dict[str, str] = {}
        self.codes: dict[str, str] = {}
        with (data / "entities.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                ident = row["entity"]
                self.party_country.setdefault(ident, row["country"])
                names = [row["name_en"], row["name_zh"], row["name_ja"], *row["aliases"].split("|")]
                for name in (*names, ident.replace("_", " ")):
                    if name.strip():
                        self.parties.setdefault(normalise(name), ident)
        with (data / "items.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                ident = row["item"]
                names = [row["name_en"], row["name_zh"], row["name_ja"], *row["aliases"].split("|")]
                for name in (*names, ident.replace("_", " ")):
                    if name.strip():
                        self.items.setdefault(normalise(name), ident)
                if row["code"]:
                    self.codes.setdefault(row["code"].casefold(), ident)
        self.party_keys = list(self.parties)
        self.on = cache(self._on)

    @classmethod
    def load(cls, data: Path = DATA) -> Tables:
        """The bundled tables."""
        return cls(data)

    def _on(self, day: dt.date) -> Day:
        no70 = dt.date(2025, 11, 7) <= day <= dt.date(2026, 11, 10)
        no72 = dt.date(2025, 11, 9) <= day <= dt.date(2026, 11, 27)
        suspended = set()
        for row in self.suspensions:
            measure, by = row.values
            if row.on(day) and (
                (no70 and by == "MOFCOM & GACC Announcement 2025 No. 70")
                or (no72 and by == "MOFCOM Announcement 2025 No. 72")
            ):
                suspended.add(measure)
        catalogue: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in self.catalogue:
            if row.on(day):
                catalogue[row.values[0]].append((row.values[1], row.values[2]))
        return Day(
            catalogue={k: tuple(v) for k, v in catalogue.items()},
            suspended=frozenset(suspended),
            settling_suspended=frozenset(suspended if no70 else ()),
            ended={r.values[0]: r.values[1] for r in self.suspension_ends if r.on(day)},
            entity_country=_by_entity(r.values for r in self.entities if r.on(day)),
            military=frozenset(r.values[0] for r in self.military if r.on(day)),
            control=frozenset(r.values[0] for r in self.control if r.on(day)),
        )

    def _party(self, facts: Facts, party: dict[str, Any], role: str) -> None:
        name = party.get("name")
        if name is None:
            ident = f"?{role}"
            facts.opens.append(
                (
                    f"{role}.name",
                    [
                        [
                            (role, (ident,)),
                            ("jp_military_user", (ident,)),
                            ("entity_country", (ident, "JP")),
                        ],
                        [
                            (role, (ident,)),
                            ("control_listed", (ident,)),
                            ("entity_country", (ident, "JP")),
                        ],
                        [(role, (ident,)), ("entity_country", (ident, "JP"))],  # watch list
                        [(role, (ident,)), ("party_country", (ident, "JP"))],
                        [(role, (ident,)), ("party_country", (ident, OTHER))],
                        [(role, (ident,)), ("party_country", (ident, "CN"))],
                    ],
                )
            )
            return
        key = normalise(name)
        plain = " ".join(name.split()) or name
        matched = self.parties.get(key)
        if matched is not None:
            ident = matched
            facts.add(role, (ident,))
        else:
            ident = plain
            best = process.extractOne(key, self.party_keys, scorer=fuzz.token_sort_ratio)
            if best is not None and best[1] >= NEAR:
                near = self.parties[best[0]]
                facts.opens.append((f"{role}.name", [[(role, (near,))], [(role, (plain,))]]))
            else:
                facts.add(role, (ident,))
        country = party.get("country")
        if country is not None or not self.party_country.get(ident):
            self._country(facts, country, "party_country", (ident,), f"{role}.country")
        if party.get("located_in") is not None:
            facts.add("party_located_in", (ident, party["located_in"].upper()))

    @staticmethod
    def _country(facts: Facts, value: str | None, pred: str, prefix: Row, name: str) -> None:
        if value is not None:
            facts.add(pred, (*prefix, value.upper()))
        else:
            facts.opens.append(
                (name, [[(pred, (*prefix, c))] for c in ("CN", "JP", OTHER)]),
            )

    @staticmethod
    def _yes_no(facts: Facts, value: bool | None, fact: Fact, name: str) -> None:
        if value is True:
            facts.add(*fact)
        elif value is None:
            facts.opens.append((name, [[fact], []]))

    def extract(self, transfer: dict[str, Any]) -> Facts:
        """The core facts of a transfer given as JSON data (the transfer contract)."""
        facts = Facts(day=dt.date.fromisoformat(transfer["date"]))
        kind = transfer.get("transfer")
        if kind is not None:
            facts.add("transfer_kind", (kind,))
        else:
            facts.opens.append(("transfer", [[("transfer_kind", (k,))] for k in KINDS]))
        self._country(facts, transfer.get("origin"), "item_origin", (), "origin")
        item = transfer.get("item") or {}
        ident = None
        code, text = item.get("code"), item.get("description")
        if code and code.strip().casefold() in self.codes:
            ident = self.codes[code.strip().casefold()]
        if ident is None and code:
            ident = self.items.get(normalise(code))
        if ident is None and text:
            ident = self.codes.get(text.strip().casefold()) or self.items.get(normalise(text))
        facts.add("item", (ident or normalise(text or code or "") or "?item",))
        self._yes_no(facts, item.get("listed"), ("item_declared_listed", ()), "item.listed")
        for role in ("exporter", "consignee", "end_user"):
            self._party(facts, transfer.get(role) or {}, role)
        self._country(facts, transfer.get("destination"), "destination", (), "destination")
        route = transfer.get("route")
        if route is not None:
            for country in route:
                facts.add("route_country", (country.upper(),))
        else:
            facts.opens.append(("route", [[("route_country", ("CN",))], []]))
        use = transfer.get("end_use") or {}
        self._yes_no(facts, use.get("military"), ("end_use_military", ()), "end_use.military")
        self._yes_no(
            facts,
            use.get("helps_military_strength"),
            ("end_use_helps_military_strength", ()),
            "end_use.helps_military_strength",
        )
        know = transfer.get("exporter_knowledge") or {}
        for attr, pred in KNOWLEDGE:
            self._yes_no(facts, know.get(attr), (pred, ()), f"exporter_knowledge.{attr}")
        law = transfer.get("law") or {}
        ends = {(r.values[1], r.values[2]) for r in self.suspension_ends if r.on(facts.day)}
        for by, name in sorted(ends):
            self._yes_no(facts, law.get(name), ("suspension_extended", (by,)), f"law.{name}")
        licences = transfer.get("licences")
        if licences is not None and any(lic.startswith("special-approval") for lic in licences):
            facts.add("special_approval", ())
        return facts
