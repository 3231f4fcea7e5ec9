"""Reading a ledger of transfers, row by row: CSV or JSON lines, never all at once.

CSV columns are the transfer's fields with dots (``item.description``, ``end_user.name``,
``end_use.military``, ``service_providers.0.name``); an empty cell means unknown; ``route`` and
``licences`` are ``;``-separated, and ``none`` in ``licences`` means no licence is held. A row's
number is the line of the file where it starts, so ``row 3`` is the third line for both formats.

>>> unflatten([("end_user.name", "JMSDF"), ("route", "KR; JP"), ("date", "")], {
...     "end_user.name": "scalar", "route": "list", "date": "scalar"})
{'end_user': {'name': 'JMSDF'}, 'route': ['KR', 'JP']}
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NamedTuple, TextIO

from dualuse.cli.fields import Leaf, kind_of, leaf
from dualuse.cli.guard import BadInput, describe
from dualuse.engine import InputError, read_json

LedgerKind = Literal["csv", "jsonl"]
KINDS: dict[str, LedgerKind] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
NONE = "none"
"""A list cell meaning an empty list (no licence held), as opposed to an empty cell (unknown)."""


class LedgerRow(NamedTuple):
    """One input row: the transfer as JSON data, or why the row could not be read."""

    row: int
    data: dict[str, Any] | None
    error: str | None = None


def kind_of_path(path: Path, what: str) -> LedgerKind:
    """The format named by a file's extension."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise BadInput(f"{what} {path}: the name must end in .csv, .jsonl or .ndjson")
    return kind


def _list_cell(cell: str) -> list[str]:
    if cell.lower() == NONE:
        return []
    return [part.strip() for part in cell.split(";") if part.strip()]


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    items = {key: _listify(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


def unflatten(cells: Iterable[tuple[str, str]], leaves: dict[str, Leaf]) -> dict[str, Any]:
    """Dotted columns and their cells as a nested transfer; empty cells are left out."""
    root: dict[str, Any] = {}
    for column, raw in cells:
        cell = raw.strip()
        if not cell:
            continue
        *parents, last = column.split(".")
        node = root
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = _list_cell(cell) if leaves[column] == "list" else cell
    result: dict[str, Any] = _listify(root)
    return result


class Ledger:
    """An open ledger file; ``rows()`` streams it, ``count()`` counts its rows in a second pass.

    Raises:
        BadInput: the file cannot be read, or a CSV header names a column that is no field.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = kind_of_path(path, "ledger")
        try:
            self._handle: TextIO = path.open(encoding="utf-8-sig", newline="")
        except FileNotFoundError:
            raise BadInput(f"{path}: no such file") from None
        except OSError as exc:
            raise BadInput(f"{path}: {exc.strerror or exc}") from None
        self._reader = csv.reader(self._handle) if self.kind == "csv" else None
        self.columns: list[str] = self._header() if self._reader is not None else []

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._handle.close()

    def _header(self) -> list[str]:
        assert self._reader is not None
        try:
            header = next(self._reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise BadInput(f"{self.path}: line 1: {exc}") from None
        if not header:
            raise BadInput(f"{self.path}: empty; the first line must name the columns")
        columns = [c.strip() for c in header]
        for n, column in enumerate(columns, start=1):
            if columns.index(column) != n - 1:
                raise BadInput(f"{self.path}: column {column!r} appears twice in the header")
            if leaf(column) is None:
                raise BadInput(
                    f"{self.path}: column {n} {column!r} is not a field of a transfer; columns "
                    "are fields with dots, such as item.description, end_user.name, "
                    "end_use.military (see `dualuse schema transfer`)"
                )
        return columns

    def rows(self) -> Iterator[LedgerRow]:
        """Every row, in file order."""
        try:
            yield from self._csv_rows() if self.kind == "csv" else self._json_rows()
        except UnicodeDecodeError as exc:
            raise BadInput(f"{self.path}: not UTF-8 text (byte {exc.start})") from None

    def _csv_rows(self) -> Iterator[LedgerRow]:
        assert self._reader is not None
        leaves: dict[str, Leaf] = {c: leaf(c) or "scalar" for c in self.columns}
        last = self._reader.line_num
        while True:
            try:
                cells = next(self._reader, None)
            except csv.Error as exc:
                raise BadInput(f"{self.path}: line {self._reader.line_num}: {exc}") from None
            if cells is None:
                return
            start, last = last + 1, self._reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(self.columns):
                yield LedgerRow(
                    start, None, f"{len(cells)} cells, but the header names {len(self.columns)}"
                )
                continue
            yield LedgerRow(start, unflatten(zip(self.columns, cells, strict=False), leaves))

    def _json_rows(self) -> Iterator[LedgerRow]:
        for number, text in enumerate(self._handle, start=1):
            if not text.strip():
                continue
            try:
                value = read_json(text)  # the engine's input guard: limits, lone surrogates
            except InputError as exc:
                message = describe(exc).replace(" at line 1 column", " at column")
                yield LedgerRow(number, None, message)
                continue
            if not isinstance(value, dict):
                yield LedgerRow(
                    number, None, f"a transfer must be a JSON object, got {kind_of(value)}"
                )
                continue
            yield LedgerRow(number, value)

    def count(self) -> int:
        """The number of rows, read in a separate pass (for a progress bar)."""
        with self.path.open(encoding="utf-8-sig", newline="", errors="replace") as handle:
            if self.kind == "jsonl":
                return sum(1 for text in handle if text.strip())
            reader = csv.reader(handle)
            next(reader, None)
            try:
                return sum(1 for cells in reader if any(c.strip() for c in cells))
            except csv.Error:
                return 0
