"""A ledger written the way a user's is: item lines and party names as invoices write them.

The bench's own ledger (:mod:`bench.ledger`) draws item and party names from the catalogue
itself, which is friendlier than a user's. This one takes twelve item lines (drawn with the seed)
and the party names from the recognition corpus under ``tests/recognition/`` (lines written as
invoices, purchase orders and shipping documents write them, never the catalogue's own names),
gives consignee, end user and route on every row, and states the end use and the exporter's
knowledge only as often as an order form does. Rows come out undetermined at whatever share the
engine finds (the bench reports it), not at a share fixed here.

``python -m bench.invoices --rows 10000 --out invoices.csv`` (or ``.jsonl``).
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.catalogue import CIVIL_USES, CN_EXPORTERS, JP_UNLISTED, MILITARY_USES
from bench.ledger import BAN, LISTS, write

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "recognition"
SEED = 20260106


def _lines(name: str) -> list[str]:
    with (CORPUS / name).open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle) if r and not r[0].startswith("#")]
    return [r[0] for r in rows[1:]]


def iter_invoices(rows: int, seed: int = SEED) -> Iterator[dict[str, Any]]:
    """``rows`` transfers in a fixed order for the seed."""
    rng = random.Random(seed)
    items = rng.sample(_lines("items.csv"), 12)
    parties = _lines("parties.csv") + list(JP_UNLISTED)
    days = [BAN, LISTS]
    for index in range(1, rows + 1):
        party = rng.choice(parties)
        consignee = party if rng.random() < 0.7 else rng.choice(parties)
        destination = "JP" if rng.random() < 0.85 else rng.choice(("KR", "SG", "US"))
        route = [destination] if rng.random() < 0.8 else [rng.choice(("SG", "KR")), destination]
        day = rng.choice(days).toordinal() + rng.randint(-30, 200)
        transfer: dict[str, Any] = {
            "id": f"INV-{index:06d}",
            "date": BAN.fromordinal(day).isoformat(),
            "transfer": "export",
            "origin": "CN",
            "item": {"description": rng.choice(items), "kind": "goods"},
            "exporter": {"name": rng.choice(CN_EXPORTERS), "country": "CN"},
            "consignee": {"name": consignee},
            "end_user": {"name": party},
            "destination": destination,
            "route": route,
            "turnover_cny": rng.randint(10, 5000) * 1000,
        }
        if rng.random() < 0.7:  # the order form's end-use statement
            military = rng.random() < 0.1
            transfer["end_use"] = {
                "description": rng.choice(MILITARY_USES if military else CIVIL_USES),
                "military": military,
                "helps_military_strength": military and rng.random() < 0.5,
            }
        if rng.random() < 0.6:  # the exporter's declaration
            transfer["exporter_knowledge"] = {
                "wmd": False,
                "terrorism": False,
                "national_security": rng.random() < 0.03,
                "notified": False,
            }
            transfer["licences"] = [] if rng.random() < 0.7 else [f"L-2026-{index:05d}"]
        yield transfer


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: write a ledger."""
    parser = argparse.ArgumentParser(prog="python -m bench.invoices", description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    count = write(iter_invoices(args.rows, args.seed), args.out)
    print(f"{count} rows written to {args.out}")


if __name__ == "__main__":
    main()
