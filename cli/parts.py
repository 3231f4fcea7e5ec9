"""Folders of parts: a ledger split into files, and an output written a part per partition.

A ledger folder holds CSV, JSON lines or Parquet files read in name order (names starting with
``.`` or ``_`` are left out, as Spark's and Dask's markers are); its rows are numbered on through
the parts, and a message names the part and line too: ``row 1207 (part-00002.csv line 8)``.

An output folder holds ``part-00000.csv``, ``part-00001.csv``, ...: partition ``n`` of the
ledger, its rows in order. A part is written under a temporary name and renamed when complete,
so a part that exists is whole, and a re-run skips it. ``_job.json`` records what the parts were
made from; a re-run of another job into the same folder is refused.

>>> part_name(3, "parquet"), part_index("part-00003.parquet", "parquet")
('part-00003.parquet', 3)
"""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from dualuse.cli.guard import BadInput
from dualuse.cli.ledger import KINDS, LedgerRow, Source, open_ledger
from dualuse.cli.locations import base_name, filesystem, join, suffix
from dualuse.cli.outputs import EXTENSIONS, OutputKind, Record, header, text

JOB = "_job.json"


def part_name(index: int, kind: OutputKind) -> str:
    """The file name of output part ``index``."""
    return f"part-{index:05d}{EXTENSIONS[kind]}"


def part_index(name: str, kind: OutputKind) -> int | None:
    """The index of a complete output part, or ``None`` for any other file."""
    found = re.fullmatch(rf"part-(\d{{5,}}){re.escape(EXTENSIONS[kind])}", name)
    return int(found.group(1)) if found else None


def _names(location: str) -> list[tuple[str, str]]:
    """The files of a folder as (name, location), in name order."""
    fs, path = filesystem(location)
    found = []
    for entry in fs.ls(path, detail=True):
        if entry.get("type") != "file":
            continue
        name = base_name(str(entry["name"]))
        found.append((name, join(location, name)))
    return sorted(found)


def is_parts_folder(location: str) -> bool:
    """Whether ``location`` is a folder (of ledger parts)."""
    fs, path = filesystem(location)
    return bool(fs.isdir(path))


class PartsLedger:
    """A folder of ledger parts read as one ledger, part after part.

    Raises:
        BadInput: the folder has no ledger parts, or a part cannot be read.
    """

    def __init__(self, location: str) -> None:
        self.location = location
        self.name = base_name(location)
        self.parts = [
            (name, place)
            for name, place in _names(location)
            if not name.startswith((".", "_")) and suffix(name) in KINDS
        ]
        if not self.parts:
            raise BadInput(f"{location}: a folder with no .csv, .jsonl or .parquet parts")
        self._open: Source | None = None

    def __enter__(self) -> PartsLedger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the part being read."""
        if self._open is not None:
            self._open.close()
            self._open = None

    def rows(self) -> Iterator[LedgerRow]:
        """Every row of every part, numbered on through the parts."""
        number = 0
        for name, place in self.parts:
            self._open = open_ledger(place)
            unit = "row" if suffix(name) in (".parquet", ".pq") else "line"
            for item in self._open.rows():
                number += 1
                yield item._replace(row=number, where=f"{name} {unit} {item.row}")
            self.close()

    def count(self) -> int:
        """The rows of all the parts."""
        total = 0
        for _, place in self.parts:
            source = open_ledger(place)
            try:
                total += source.count()
            finally:
                source.close()
        return total


def write_part(folder: str, index: int, kind: OutputKind, batches: Iterable[list[Record]]) -> str:
    """Write output part ``index`` under a temporary name, then rename it; its location.

    ``batches`` are written as they come, so a part's records are never all in memory at once.
    """
    fs, path = filesystem(folder)
    fs.makedirs(path, exist_ok=True)
    final = join(path, part_name(index, kind))
    temporary = join(path, f".{part_name(index, kind)}.{uuid.uuid4().hex}.tmp")
    try:
        with fs.open(temporary, "wb") as handle:
            if kind == "parquet":
                from dualuse.cli.parquet import ParquetSink

                sink = ParquetSink(handle)
                for records in batches:
                    sink.write(records)
                sink.close()
            else:
                handle.write(header(kind).encode("utf-8"))
                for records in batches:
                    handle.write(text(kind, records).encode("utf-8"))
        fs.mv(temporary, final)
    finally:
        if fs.exists(temporary):
            fs.rm(temporary)
    return join(folder, part_name(index, kind))


def done_parts(folder: str, kind: OutputKind) -> dict[int, str]:
    """The complete parts in an output folder, by index (nothing when there is no folder)."""
    fs, path = filesystem(folder)
    if not fs.isdir(path):
        return {}
    found = {}
    for name, place in _names(folder):
        index = part_index(name, kind)
        if index is not None:
            found[index] = place
    return found


def part_counts(location: str, kind: OutputKind) -> tuple[int, int]:
    """The rows and error rows of a complete part."""
    if kind == "parquet":
        from dualuse.cli.parquet import error_count

        return error_count(location)
    fs, path = filesystem(location)
    rows = errors = 0
    with fs.open(path, "rt", encoding="utf-8", newline="") as handle:
        if kind == "csv":
            for cells in csv.DictReader(handle):
                rows += 1
                errors += bool(cells.get("error"))
            return rows, errors
        for line in handle:
            rows += 1
            errors += "error" in json.loads(line)
    return rows, errors


def claim(folder: str, job: dict[str, Any]) -> None:
    """Record the job in the folder; refuse a folder whose parts another job made.

    Raises:
        BadInput: the folder holds parts of another ledger or other settings.
    """
    fs, path = filesystem(folder)
    manifest = join(path, JOB)
    if fs.exists(manifest):
        with fs.open(manifest, "rt", encoding="utf-8") as handle:
            try:
                earlier = json.load(handle)
            except json.JSONDecodeError:
                earlier = {}
        if earlier != job:
            raise BadInput(
                f"--out {folder}: holds parts of another job ({_differences(earlier, job)}); "
                "remove it or choose another folder"
            )
        return
    fs.makedirs(path, exist_ok=True)
    with fs.open(manifest, "wt", encoding="utf-8") as handle:
        json.dump(job, handle, indent=1, sort_keys=True)


_LABELS = {
    "ledger": "another ledger",
    "part_rows": "other --part-rows",
    "format": "another format",
    "output": "another format",
    "explain": "other --explain/--no-explain",
    "as_of": "another --as-of",
    "rules": "other --rules",
}


def _differences(earlier: dict[str, Any], job: dict[str, Any]) -> str:
    keys = (k for k in {*earlier, *job} if earlier.get(k) != job.get(k))
    return ", ".join(sorted({_LABELS.get(k, "other settings") for k in keys}))


def merge(folder: str, out: str, kind: OutputKind, count: int) -> None:
    """Write parts ``0..count-1`` of ``folder`` into the one file ``out``, then remove them."""
    parts = [join(folder, part_name(n, kind)) for n in range(count)]
    fs, path = filesystem(out)
    temporary = f"{path}.{uuid.uuid4().hex}.tmp"
    with fs.open(temporary, "wb") as handle:
        if kind == "parquet":
            from dualuse.cli.parquet import merge as merge_parquet

            merge_parquet(parts, handle)
        else:
            handle.write(header(kind).encode("utf-8"))
            for part in parts:
                part_fs, part_path = filesystem(part)
                with part_fs.open(part_path, "rb") as source:
                    if kind == "csv":
                        source.readline()  # each part has its own header
                    while block := source.read(1 << 20):
                        handle.write(block)
    fs.mv(temporary, path)
    folder_fs, folder_path = filesystem(folder)
    folder_fs.rm(folder_path, recursive=True)
