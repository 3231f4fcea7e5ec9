"""What recognition costs a decision: reading the item line and matching the three parties.

``python -m bench.recognition`` (a few seconds). Each item line and party name of the corpus
(``tests/recognition/``) and of a ledger drawn by ``bench/ledger.py`` is read cold (the caches of
the line reader and of the name normaliser are cleared before every call) and warm (a ledger
repeats its descriptions and names). A decision recognises one item and three parties
(exporter, consignee, end user): the per-decision figure is the sum over such groups, drawn from
the ledger's own rows. Target: at most 0.2 ms per decision.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from dualuse.engine import Engine
from dualuse.engine.decide import items, names
from rapidfuzz import fuzz, process

from bench import ledger

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "recognition"
TARGET_MS = 0.2
"""Recognition may add at most this much to a decision (issue: read items and parties)."""


class StringMatcher:
    """The matcher recognition replaced, for the comparison: one name index and rapidfuzz.

    A typed name was folded (case, width, punctuation, a few suffixes), looked up, and on a miss
    compared with every name by token-sort ratio; no parts, no evidence.
    """

    SUFFIXES = ("co ltd", "co", "ltd", "limited", "corporation", "corp", "inc", "kk", "company")

    def __init__(self, engine: Engine) -> None:
        self.items: dict[str, str] = {}
        self.parties: dict[str, str] = {}
        for entry in engine.catalogue():
            index = self.items if entry.kind == "item" else self.parties
            for name in entry.names:
                index.setdefault(self.fold(name), entry.id)
        self.item_keys, self.party_keys = list(self.items), list(self.parties)

    def fold(self, text: str) -> str:
        words = "".join(c if c.isalnum() else " " for c in text.casefold()).split()
        while (words and " ".join(words[-2:]) in self.SUFFIXES) or words[-1:] == ["co"]:
            words = words[:-2] if " ".join(words[-2:]) in self.SUFFIXES else words[:-1]
        return " ".join(words)

    def _match(self, text: str, index: dict[str, str], keys: list[str]) -> str | None:
        key = self.fold(text)
        if key in index:
            return index[key]
        best = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio) if key else None
        return index[best[0]] if best is not None and best[1] >= 86 else None

    def item(self, text: str) -> str | None:
        return self._match(text, self.items, self.item_keys)

    def party(self, text: str) -> str | None:
        return self._match(text, self.parties, self.party_keys)


def _corpus(name: str) -> list[str]:
    with (CORPUS / name).open(newline="", encoding="utf-8") as f:
        return [r["text"] for r in csv.DictReader(f) if not r["text"].startswith("#")]


def _clear(engine: Engine) -> None:
    items.read_line.cache_clear()
    names.normalise_name.cache_clear()
    names.legal_forms.cache_clear()
    engine._state.resolver._seen.clear()  # the resolver's own memory of words seen


def _time(engine: Engine, call: Callable[[str], object], text: str, *, cold: bool) -> float:
    """One call in microseconds (``cold``: every cache cleared first)."""
    if cold:
        _clear(engine)
    start = time.perf_counter_ns()
    call(text)
    return (time.perf_counter_ns() - start) / 1000


def _stats(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(0.95 * (len(samples) - 1))]
    return f"median {statistics.median(samples):7.1f} us  p95 {p95:7.1f} us  (n={len(samples)})"


def main(argv: list[str] | None = None) -> None:
    """Print the figures as a Markdown-ready list."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000, help="ledger rows (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per sample (median)")
    args = parser.parse_args(argv)
    engine = Engine()
    rows = ledger.generate(args.rows)
    groups: list[tuple[str, list[str]]] = []
    for row in rows:
        item = (row.get("item") or {}).get("description") or ""
        parties = [
            (row.get(role) or {}).get("name") or ""
            for role in ("exporter", "consignee", "end_user")
        ]
        if item:
            groups.append((item, [p for p in parties if p]))
    item_lines = _corpus("items.csv") + [g[0] for g in groups]
    party_names = _corpus("parties.csv") + [p for g in groups for p in g[1]]
    old = StringMatcher(engine)
    engine.match_item("warm-up")

    def median(call: Callable[[str], object], text: str, cold: bool) -> float:
        return statistics.median(_time(engine, call, text, cold=cold) for _ in range(args.rounds))

    for cold in (True, False):
        kind = "cold" if cold else "warm"
        per_item = [median(engine.match_item, t, cold) for t in item_lines]
        per_party = [median(engine.match_party, t, cold) for t in party_names]
        print(f"- item line, {kind}: {_stats(per_item)}")
        print(f"- party name, {kind}: {_stats(per_party)}")
        new, before = [], []
        for item, parties in groups:
            new.append(
                median(engine.match_item, item, cold)
                + sum(median(engine.match_party, p, cold) for p in parties)
            )
            before.append(
                median(old.item, item, cold) + sum(median(old.party, p, cold) for p in parties)
            )
        if new:
            p50, p50_old = statistics.median(new) / 1000, statistics.median(before) / 1000
            mean, mean_old = statistics.fmean(new) / 1000, statistics.fmean(before) / 1000
            added = mean - mean_old
            verdict = "met" if added <= TARGET_MS else "missed"
            print(
                f"- per decision (1 item + 3 parties), {kind}: mean {mean:.3f} ms "
                f"(p50 {p50:.3f}); the string matcher it replaced: mean {mean_old:.3f} ms "
                f"(p50 {p50_old:.3f}); added {added:+.3f} ms, target {TARGET_MS} ms {verdict}"
            )


if __name__ == "__main__":
    main()
