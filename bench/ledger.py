"""Reproducible ledgers of transfers, drawn from the real item catalogue and party lists.

Items come from ``rules/data/items.csv`` (every name, alias and code), parties from
``entities.csv``, ``military_users.csv``, ``control_list.csv`` and ``watch_list.csv``, mixed with
unlisted parties (Japanese and not) and unlisted items. Dates cluster around 2026-01-06 (the ban)
and 2026-02-24 (the control and watch lists). A transfer *with unknowns* leaves one to three fields
out (or misspells a listed name so that the engine must ask); an *all-known* transfer answers
every field the engine could ask about. The same seed and the same data files give the same
ledger, row for row.

>>> first = generate(2, seed=7)[0]
>>> first == generate(2, seed=7)[0], sorted(first)[:3]
(True, ['consignee', 'date', 'destination'])

Command line: ``python -m bench.ledger --rows 1000 --out ledger.csv`` (``.csv`` or ``.jsonl``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from dualuse.engine import INPUT_FIELDS

from bench.catalogue import (
    CIVIL_USES,
    CN_DOMESTIC,
    CN_EXPORTERS,
    FOREIGN,
    JP_UNLISTED,
    MILITARY_USES,
    NEAR_MISSES,
    OTHER_COUNTRIES,
    SERVICES,
    UNLISTED_ITEMS,
    UNLISTED_NAMES,
    Catalogue,
    PartyEntry,
)

SEED = 20260106
"""The default seed: the day the ban was announced."""

BAN = dt.date(2026, 1, 6)
LISTS = dt.date(2026, 2, 24)

COLUMNS: tuple[str, ...] = tuple(
    field.path.replace("[]", ".0") for field in INPUT_FIELDS.values() if field.kind != "list"
)
"""The CSV columns: the vocabulary's fields with dots, as ``dualuse batch`` reads them (one
service provider; no conduct)."""

UNKNOWABLE: tuple[tuple[str, int], ...] = (
    ("transfer", 2),
    ("origin", 2),
    ("item.listed", 3),
    ("item.kind", 1),
    ("exporter.country", 1),
    ("consignee.name", 2),
    ("end_user.name", 3),
    ("end_user.country", 2),
    ("destination", 2),
    ("route", 1),
    ("end_use.military", 4),
    ("end_use.helps_military_strength", 3),
    ("exporter_knowledge.wmd", 1),
    ("exporter_knowledge.notified", 1),
    ("licences", 1),
    ("near_miss", 2),
)
"""Fields a transfer with unknowns may leave out, with weights (``near_miss``: a misspelt name)."""


def _day(rng: random.Random) -> dt.date:
    roll = rng.random()
    if roll < 0.35:
        return BAN + dt.timedelta(days=rng.randint(-3, 3))
    if roll < 0.7:
        return LISTS + dt.timedelta(days=rng.randint(-3, 3))
    return dt.date(2025, 9, 1) + dt.timedelta(days=rng.randint(0, 486))


def _kind(rng: random.Random) -> str:
    kinds = ("export", "re-export", "deemed-export", "transit", "bonded-zone", "gift", "exhibition")
    return rng.choices(kinds, weights=(55, 12, 6, 6, 5, 8, 8))[0]


def _listed_party(rng: random.Random, entry: PartyEntry) -> dict[str, Any]:
    party: dict[str, Any] = {"name": rng.choice(entry.names)}
    if rng.random() < 0.5:  # else the catalogue's country is used
        party["country"] = entry.country
    return party


def _end_user(rng: random.Random, cat: Catalogue) -> tuple[dict[str, Any], str]:
    """An end user and the country it is in."""
    roll = rng.random()
    if roll < 0.10:
        return _listed_party(rng, rng.choice(cat.military)), "JP"
    if roll < 0.22:
        return _listed_party(rng, rng.choice(cat.control)), "JP"
    if roll < 0.32:
        return _listed_party(rng, rng.choice(cat.watch)), "JP"
    if roll < 0.40:
        return _listed_party(rng, rng.choice(cat.other_jp)), "JP"
    if roll < 0.65:
        return {"name": rng.choice(JP_UNLISTED), "country": "JP"}, "JP"
    if roll < 0.85:
        name, country = rng.choice(FOREIGN)
        return {"name": name, "country": country}, country
    return {"name": rng.choice(CN_DOMESTIC), "country": "CN"}, "CN"


def _item(rng: random.Random, cat: Catalogue) -> dict[str, Any]:
    if rng.random() < 0.25:
        text, kind = rng.choice(UNLISTED_ITEMS)
        return {"description": text, "kind": kind, "listed": rng.random() < 0.2}
    entry = rng.choice(cat.items)
    item: dict[str, Any] = {"description": rng.choice(entry.names), "kind": entry.kind}
    if entry.code and rng.random() < 0.2:
        item["code"] = entry.code
    item["listed"] = rng.random() < (0.5 if entry.listing == "listed" else 0.3)
    return item


def known_transfer(rng: random.Random, cat: Catalogue, index: int) -> dict[str, Any]:
    """A transfer that answers every field the engine could ask about."""
    kind = _kind(rng)
    end_user, user_country = _end_user(rng, cat)
    if rng.random() < 0.5:
        consignee = dict(end_user)
    elif user_country == "JP" and rng.random() < 0.6:
        consignee = {"name": rng.choice(JP_UNLISTED[-3:]), "country": "JP"}
    else:
        name, country = rng.choice(FOREIGN)
        consignee = {"name": name, "country": country}
    if rng.random() < 0.2:
        end_user["located_in"] = rng.choice(("JP", user_country, *OTHER_COUNTRIES[:2]))
    if kind in ("bonded-zone", "deemed-export") or user_country == "CN":
        destination = "CN" if rng.random() < 0.8 else "JP"
    elif rng.random() < 0.85:
        destination = user_country
    else:
        destination = rng.choice(("JP", *OTHER_COUNTRIES))
    route = [destination]
    if kind in ("re-export", "transit") and rng.random() < 0.5:
        route = ["CN", destination]
    elif rng.random() < 0.15:
        route = [rng.choice(OTHER_COUNTRIES), destination]
    if kind == "re-export" and rng.random() < 0.6:
        name, country = rng.choice(FOREIGN)
        exporter = {"name": name, "country": country}
    else:
        exporter = {"name": rng.choice(CN_EXPORTERS), "country": "CN"}
    military = rng.random() < 0.15
    licences = rng.choices(
        (
            [],
            [f"L-2026-{rng.randint(1000, 99999)}"],
            [f"special-approval:SA-{rng.randint(1, 999)}"],
        ),
        weights=(50, 35, 15),
    )[0]
    transfer: dict[str, Any] = {
        "id": f"B{index:07d}",
        "date": _day(rng).isoformat(),
        "transfer": kind,
        "origin": "CN" if rng.random() < 0.85 else rng.choice(("JP", "US", "KR", "DE")),
        "item": _item(rng, cat),
        "exporter": exporter,
        "consignee": consignee,
        "end_user": end_user,
        "destination": destination,
        "route": route,
        "end_use": {
            "description": rng.choice(MILITARY_USES if military else CIVIL_USES),
            "military": military,
            "helps_military_strength": rng.random() < 0.08,
        },
        "exporter_knowledge": {
            "wmd": rng.random() < 0.04,
            "terrorism": rng.random() < 0.02,
            "national_security": rng.random() < 0.05,
            "notified": rng.random() < 0.05,
        },
        "licences": licences,
        "turnover_cny": rng.randint(10, 5000) * 1000,
    }
    if rng.random() < 0.2:
        transfer["service_providers"] = [
            {
                "name": f"{rng.choice(('Sino', 'Pacific', 'Orient', 'Harbour'))} Logistics",
                "country": "CN",
                "service": rng.choice(SERVICES),
                "knew": rng.random() < 0.3,
                "turnover_cny": rng.randint(5, 500) * 1000,
            }
        ]
    return transfer


def _forget(rng: random.Random, transfer: dict[str, Any], field: str) -> bool:
    """Leave ``field`` out (or misspell a name); ``False`` when that would ask nothing."""
    if field == "near_miss":
        transfer["end_user"] = {"name": rng.choice(NEAR_MISSES)}
        return True
    if field == "end_user.country" and transfer["end_user"].get("name") not in UNLISTED_NAMES:
        return False  # a listed party's country comes from the catalogue, an unnamed one's is
        # not asked: nothing would be open
    head, _, tail = field.partition(".")
    if not tail:
        transfer.pop(head, None)
        return True
    transfer[head] = {k: v for k, v in transfer[head].items() if k != tail}
    return True


def unknown_transfer(rng: random.Random, cat: Catalogue, index: int) -> dict[str, Any]:
    """A transfer with one to three fields the engine will have to ask about."""
    transfer = known_transfer(rng, cat, index)
    fields, weights = zip(*UNKNOWABLE, strict=True)
    wanted = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
    done: set[str] = set()
    while len(done) < wanted:
        field = rng.choices(fields, weights=weights)[0]
        if field not in done and _forget(rng, transfer, field):
            done.add(field)
    return transfer


def iter_transfers(
    rows: int, seed: int = SEED, unknown_share: float = 0.3, catalogue: Catalogue | None = None
) -> Iterator[dict[str, Any]]:
    """``rows`` transfers, a share ``unknown_share`` of them with unknowns, in a fixed order."""
    cat = catalogue or Catalogue.load()
    rng = random.Random(seed)
    for index in range(1, rows + 1):
        if rng.random() < unknown_share:
            yield unknown_transfer(rng, cat, index)
        else:
            yield known_transfer(rng, cat, index)


def generate(
    rows: int, seed: int = SEED, unknown_share: float = 0.3, catalogue: Catalogue | None = None
) -> list[dict[str, Any]]:
    """``rows`` transfers as a list (see :func:`iter_transfers`)."""
    return list(iter_transfers(rows, seed, unknown_share, catalogue))


def sample(
    known: int, unknown: int, seed: int = SEED, catalogue: Catalogue | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two separate sets: ``known`` all-known transfers and ``unknown`` with unknowns."""
    cat = catalogue or Catalogue.load()
    rng = random.Random(seed)
    return (
        [known_transfer(rng, cat, i) for i in range(1, known + 1)],
        [unknown_transfer(rng, cat, known + i) for i in range(1, unknown + 1)],
    )


_LISTS = ("countries", "licences")
"""The kinds of field a CSV cell holds as a ``;``-list."""


def _cell(value: Any, list_valued: bool) -> str:
    if value is None:
        return ""
    if list_valued:
        return ";".join(value) if value else "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flatten(transfer: dict[str, Any]) -> dict[str, str]:
    """A transfer as one CSV row: dotted columns, ``;``-lists, ``true``/``false``/empty."""
    out: dict[str, str] = {}
    for column in COLUMNS:
        node: Any = transfer
        for part in column.split("."):
            if isinstance(node, list):
                node = node[int(part)] if int(part) < len(node) else None
            elif isinstance(node, dict):
                node = node.get(part)
            if node is None:
                break
        out[column] = _cell(node, INPUT_FIELDS[column.replace(".0", "[]")].kind in _LISTS)
    return out


def write(transfers: Iterable[dict[str, Any]], path: Path) -> int:
    """Write transfers as CSV or JSON lines (by the file's extension); the number written."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            for transfer in transfers:
                writer.writerow(flatten(transfer))
                count += 1
        else:
            for transfer in transfers:
                handle.write(json.dumps(transfer, ensure_ascii=False) + "\n")
                count += 1
    return count


def main(argv: Sequence[str] | None = None) -> None:
    """Write a ledger: ``python -m bench.ledger --rows N --out FILE``."""
    parser = argparse.ArgumentParser(description="Write a reproducible ledger of transfers.")
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--unknown-share", type=float, default=0.3)
    parser.add_argument("--out", type=Path, required=True, help=".csv or .jsonl")
    args = parser.parse_args(argv)
    n = write(iter_transfers(args.rows, args.seed, args.unknown_share), args.out)
    print(f"{n} transfers written to {args.out}")


if __name__ == "__main__":
    main()
