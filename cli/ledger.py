"""Reading a ledger of transfers, row by row: CSV, JSON lines or Parquet, never all at once.

CSV columns are the transfer's fields with dots (``item.description``, ``end_user.name``,
``end_use.military``, ``service_providers.0.name``); an empty cell means unknown; ``route`` and
``licences`` are ``;``-separated, and ``none`` in ``licences`` means no licence is held. A row's
number is the line of the file where it starts, so ``row 3`` is the third line for both formats;
in Parquet it is the row's position (``row 1`` is the first row). A ledger may also be a folder of
parts (:mod:`dualuse.cli.parts`) and a URL (:mod:`dualuse.cli.locations`): :func:`open_ledger`.

>>> unflatten([("end_user.name", "JMSDF"), ("route", "KR; JP"), ("date", "")], {
...     "end_user.name": "scalar", "route": "list", "date": "scalar"})
{'end_user': {'name': 'JMSDF'}, 'route': ['KR', 'JP']}
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NamedTuple, Protocol, TextIO

from dualuse.cli.fields import Leaf, kind_of, leaf
from dualuse.cli.guard import BadInput, describe
from dualuse.cli.locations import filesystem, is_url, suffix
from dualuse.engine import InputError, read_json

LedgerKind = Literal["csv", "jsonl", "parquet"]
KINDS: dict[str, LedgerKind] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
NONE = "none"
"""A list cell meaning an empty list (no licence held), as opposed to an empty cell (unknown)."""


class LedgerRow(NamedTuple):
    """One input row: the transfer as JSON data, or why the row could not be read."""

    row: int
    data: dict[str, Any] | None
    error: str | None = None
    where: str | None = None
    """Where the row is when the row number alone does not say (the part and line of a folder)."""

    def label(self) -> str:
        """``row 7``, or ``row 7 (part-00002.csv line 3)``: how messages name the row."""
        return f"row {self.row}" + (f" ({self.where})" if self.where else "")


class Source(Protocol):
    """An open ledger: its rows in order, and how many there are."""

    name: str

    def rows(self) -> Iterator[LedgerRow]:
        """Every row, in order."""
        ...

    def count(self) -> int:
        """The number of rows (0 when it cannot be told cheaply)."""
        ...

    def close(self) -> None:
        """Release the file."""
        ...


def kind_of_path(path: Path | str, what: str) -> LedgerKind:
    """The format named by a file's extension."""
    kind = KINDS.get(suffix(str(path)))
    if kind is None:
        raise BadInput(f"{what} {path}: the name must end in .csv, .jsonl, .ndjson or .parquet")
    return kind


def open_text(location: Path | str) -> TextIO:
    """A text handle on a local file or a URL; BOM skipped, newlines kept for the CSV reader.

    Raises:
        BadInput: the file cannot be opened.
    """
    try:
        if isinstance(location, str) and is_url(location):
            fs, path = filesystem(location)
            return io.TextIOWrapper(fs.open(path, "rb"), encoding="utf-8-sig", newline="")
        return Path(location).open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise BadInput(f"{location}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{location}: is a folder, not a file") from None
    except OSError as exc:
        raise BadInput(f"{location}: {exc.strerror or exc}") from None


def open_ledger(location: str) -> Source:
    """The ledger at ``location``: a CSV, JSON lines or Parquet file, or a folder of parts.

    Raises:
        BadInput: it cannot be read, or its name gives no format.
    """
    if is_url(location) or Path(location).is_dir():
        from dualuse.cli.parts import PartsLedger, is_parts_folder

        if is_parts_folder(location):
            return PartsLedger(location)
    if kind_of_path(location, "ledger") == "parquet":
        from dualuse.cli.parquet import ParquetLedger

        return ParquetLedger(location)
    return Ledger(location)


def list_cell(cell: str) -> list[str]:
    """A list cell: ``;``-separated values, or ``none`` for an empty list."""
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
        node[last] = list_cell(cell) if leaves[column] == "list" else cell
    result: dict[str, Any] = _listify(root)
    return result


class Ledger:
    """An open ledger file; ``rows()`` streams it, ``count()`` counts its rows in a second pass.

    Raises:
        BadInput: the file cannot be read, or a CSV header names a column that is no field.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.name = Path(str(path).rstrip("/")).name
        self.kind = kind_of_path(path, "ledger")
        if self.kind == "parquet":
            raise BadInput(f"{path}: a Parquet file is read by open_ledger, not as text")
        self._handle: TextIO = open_text(path)
        self._reader = csv.reader(self._handle) if self.kind == "csv" else None
        self.columns: list[str] = self._header() if self._reader is not None else []

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
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
        try:
            handle = open_text(self.path)
        except BadInput:
            return 0
        with handle:
            if self.kind == "jsonl":
                try:
                    return sum(1 for text in handle if text.strip())
                except UnicodeDecodeError:
                    return 0
            reader = csv.reader(handle)
            next(reader, None)
            try:
                return sum(1 for cells in reader if any(c.strip() for c in cells))
            except (csv.Error, UnicodeDecodeError):
                return 0
