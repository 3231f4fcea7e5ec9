"""The tables transfers are drawn from: the real catalogue and lists, and unlisted names.

:class:`Catalogue` reads the item catalogue and the party lists from ``rules/data/``; the name pools
below add parties and items the tables do not know (none of them is a near match of a listed
name, so an all-known transfer never needs a question).

>>> catalogue = Catalogue.load()
>>> len(catalogue.military) > 0, all(p.country == "JP" for p in catalogue.control)
(True, True)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
"""The bundled data tables."""

CN_EXPORTERS = (
    "Ganzhou Rare Earth Trading",
    "Baotou Northern Magnet Export",
    "Xiamen Tungsten Materials Trading",
    "Jiangxi Heavy Rare Earth Supply",
    "Yunnan Germanium Export",
    "Zhuzhou Carbide Trading",
    "Ningbo Permanent Magnet Works",
    "Hunan Antimony Import and Export",
    "Shandong Gallium Materials",
    "Inner Mongolia Graphite Export",
)
JP_UNLISTED = (
    "Sony Group",
    "Panasonic Holdings",
    "Shin-Etsu Chemical",
    "Murata Manufacturing",
    "Nidec",
    "Canon",
    "Kyocera",
    "Denso",
    "Sumitomo Metal Mining",
    "Kanto Trading",
    "Osaka Magnet Distributors",
    "Nagoya Precision Parts",
)
FOREIGN = (
    ("Samsung Electronics", "KR"),
    ("Hanwha Aerospace", "KR"),
    ("Robert Bosch", "DE"),
    ("Infineon Technologies", "DE"),
    ("Lockheed Martin", "US"),
    ("Apple", "US"),
    ("VinFast", "VN"),
    ("Tata Steel", "IN"),
    ("Thales", "FR"),
    ("Singapore Components Trading", "SG"),
)
CN_DOMESTIC = (
    "Shanghai Electric Motors",
    "Shenzhen Drone Parts",
    "Chengdu Magnetics",
    "Beijing Battery Research",
)
NEAR_MISSES = (
    "Japan Maritime Self Defence Forces",
    "Mitsubishi Heavy Ind Aero Engine",
    "Kawasaki Heavy Industries Aerospace System",
    "Fujitsu Defence and National Security",
    "IHI Aerospace Engineerng",
    "Japan Aerospace Exploration Agncy",
)
"""Misspelt listed names: the engine finds a near match and must ask whether it is the same."""
UNLISTED_ITEMS = (
    ("stainless steel fasteners", "goods"),
    ("cotton textiles", "goods"),
    ("office furniture", "goods"),
    ("ceramic floor tiles", "goods"),
    ("bicycle parts", "goods"),
    ("LED desk lamps", "goods"),
    ("inventory management software", "software"),
    ("textile dyeing know-how", "technology"),
)
CIVIL_USES = (
    "consumer electronics",
    "electric vehicle motors",
    "wind turbine generators",
    "medical imaging equipment",
    "industrial catalysts",
    "semiconductor research",
)
MILITARY_USES = (
    "radar modules for destroyers",
    "guidance systems",
    "fighter aircraft engines",
    "submarine sonar",
)
SERVICES = ("freight", "agency", "customs", "e-commerce", "financial", "delivery")
OTHER_COUNTRIES = ("KR", "US", "DE", "SG", "VN", "TH", "FR", "IN")
UNLISTED_NAMES = frozenset((*CN_EXPORTERS, *JP_UNLISTED, *(n for n, _ in FOREIGN), *CN_DOMESTIC))
"""Every unlisted party name: their country is not in the catalogue, so it must be given."""


@dataclass(frozen=True)
class ItemEntry:
    """An item of the catalogue with the names a user might write for it."""

    id: str
    names: tuple[str, ...]
    code: str | None
    kind: str
    listing: str


@dataclass(frozen=True)
class PartyEntry:
    """A listed or catalogued party with its names."""

    id: str
    names: tuple[str, ...]
    country: str


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Catalogue:
    """The items and parties transfers are drawn from, read from the data tables."""

    items: tuple[ItemEntry, ...]
    military: tuple[PartyEntry, ...]
    control: tuple[PartyEntry, ...]
    watch: tuple[PartyEntry, ...]
    other_jp: tuple[PartyEntry, ...]

    @classmethod
    def load(cls, data: Path = DATA) -> Catalogue:
        """Read ``items.csv``, ``entities.csv`` and the three lists from ``data``."""
        items: dict[str, ItemEntry] = {}
        for row in _read(data / "items.csv"):
            if row["item"] in items:
                continue
            names = [row["name_en"], row["name_zh"], row["name_ja"], *_split(row["aliases"])]
            items[row["item"]] = ItemEntry(
                id=row["item"],
                names=tuple(dict.fromkeys(n for n in names if n.strip())),
                code=row["code"] or None,
                kind=row["kind"] or "goods",
                listing=row["listing"],
            )
        parties: dict[str, PartyEntry] = {}
        for row in _read(data / "entities.csv"):
            names = [row["name_en"], *_split(row["aliases"])]
            parties.setdefault(
                row["entity"],
                PartyEntry(
                    row["entity"],
                    tuple(dict.fromkeys(n for n in names if n.strip())),
                    row["country"],
                ),
            )

        def listed(file: str) -> tuple[PartyEntry, ...]:
            ids = dict.fromkeys(r["entity"] for r in _read(data / file) if r["entity"])
            return tuple(parties[i] for i in ids if i in parties)

        military, control, watch = (
            listed("military_users.csv"),
            listed("control_list.csv"),
            listed("watch_list.csv"),
        )
        on_lists = {p.id for p in (*military, *control, *watch)}
        return cls(
            items=tuple(items.values()),
            military=military,
            control=control,
            watch=watch,
            other_jp=tuple(p for p in parties.values() if p.id not in on_lists),
        )
