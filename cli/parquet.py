"""Parquet ledgers and outputs, with pyarrow: read in record batches, written in row groups.

A Parquet ledger's columns are either the dotted fields of a CSV ledger (``end_user.name``,
``route``) or the transfer's own nested fields as structs (``end_user`` with ``name``,
``country``); a null is unknown, as an empty cell is. List fields are Parquet lists, or text
``;``-separated as in CSV. A row's number is its position in the file, from 1.

The output has the columns of a CSV output (``grounds``, ``liable`` and ``questions`` as lists)
and ``decision``, the whole decision as JSON. pyarrow is imported only when Parquet is used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from dualuse.cli.fields import field_names, leaf
from dualuse.cli.guard import BadInput
from dualuse.cli.ledger import LedgerRow, list_cell
from dualuse.cli.locations import filesystem
from dualuse.cli.outputs import Record

if TYPE_CHECKING:
    import pyarrow as pa

READ_BATCH = 1_024
"""Rows read from the file at a time."""
ROW_GROUP = 10_000
"""Rows per row group written."""


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise BadInput("Parquet needs pyarrow: pip install 'dualuse[cluster]'") from None
    return pyarrow, pyarrow.parquet


def _plain(value: Any) -> Any:
    """A Parquet value as JSON data: nulls left out, dates as ISO text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value if v is not None]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def transfer_of(cells: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row as transfer data: dotted columns nested, lists as text split.

    >>> transfer_of({"end_user.name": "JMSDF", "route": "KR;JP", "item": {"code": None}})
    {'end_user': {'name': 'JMSDF'}, 'route': ['KR', 'JP'], 'item': {}}
    """
    root: dict[str, Any] = {}
    for column, raw in cells.items():
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        value = _plain(raw)
        if leaf(column) == "list" and isinstance(value, str):
            value = list_cell(value)
        elif isinstance(value, str):
            value = value.strip()
        *parents, last = column.split(".")
        node = root
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    result: dict[str, Any] = _lists(root)
    return result


def _lists(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    items = {key: _lists(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


class ParquetLedger:
    """An open Parquet ledger; ``rows()`` streams it a record batch at a time.

    Raises:
        BadInput: the file cannot be read, is not Parquet, or a column is no field.
    """

    def __init__(self, location: str) -> None:
        pa, pq = _pyarrow()
        self.location = location
        self.name = location.rstrip("/").rsplit("/", 1)[-1]
        fs, path = filesystem(location)
        try:
            self._handle: BinaryIO = fs.open(path, "rb")
            self._file = pq.ParquetFile(self._handle)
        except FileNotFoundError:
            raise BadInput(f"{location}: no such file") from None
        except (OSError, pa.ArrowException) as exc:
            raise BadInput(f"{location}: not a Parquet file ({exc})") from None
        self.columns: list[str] = list(self._file.schema_arrow.names)
        top = set(field_names(()))
        for n, column in enumerate(self.columns, start=1):
            if leaf(column) is None and column not in top:
                raise BadInput(
                    f"{location}: column {n} {column!r} is not a field of a transfer; columns "
                    "are fields with dots, such as item.description, end_user.name, or the "
                    "transfer's own fields (see `dualuse schema transfer`)"
                )

    def __enter__(self) -> ParquetLedger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._handle.close()

    def count(self) -> int:
        """The number of rows, from the file's metadata."""
        return int(self._file.metadata.num_rows)

    def rows(self) -> Iterator[LedgerRow]:
        """Every row, in file order."""
        number = 0
        for batch in self._file.iter_batches(batch_size=READ_BATCH):
            for cells in batch.to_pylist():
                number += 1
                yield LedgerRow(number, transfer_of(cells))


def schema() -> pa.Schema:
    """The columns of a Parquet output."""
    pa, _ = _pyarrow()
    text, texts = pa.string(), pa.list_(pa.string())
    return pa.schema(
        [
            ("row", pa.int64()),
            ("id", text),
            ("outcome", text),
            ("summary", text),
            ("grounds", texts),
            ("liable", texts),
            ("questions", texts),
            ("error", text),
            ("decision", text),
        ]
    )


class ParquetSink:
    """Records written to a binary handle as Parquet, a row group every :data:`ROW_GROUP` rows."""

    def __init__(self, handle: BinaryIO) -> None:
        _, pq = _pyarrow()
        self._schema = schema()
        self._writer = pq.ParquetWriter(handle, self._schema, compression="zstd")
        self._pending: list[Record] = []

    def write(self, records: list[Record]) -> None:
        """Add records; a row group is written when enough are pending."""
        self._pending.extend(records)
        if len(self._pending) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        pa, _ = _pyarrow()
        columns = list(zip(*self._pending, strict=True))
        arrays = [
            pa.array([list(v) for v in col] if kind == pa.list_(pa.string()) else col, type=kind)
            for col, kind in zip(columns, self._schema.types, strict=True)
        ]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
        self._pending = []

    def close(self) -> None:
        """Write what is pending and the file's footer."""
        self._flush()
        self._writer.close()


def merge(parts: list[str], handle: BinaryIO) -> None:
    """Parquet parts written one after another into one file, a row group at a time."""
    _, pq = _pyarrow()
    writer = pq.ParquetWriter(handle, schema(), compression="zstd")
    for part in parts:
        fs, path = filesystem(part)
        with fs.open(path, "rb") as source:
            file = pq.ParquetFile(source)
            for group in range(file.num_row_groups):
                writer.write_table(file.read_row_group(group))
    writer.close()


def error_count(location: str) -> tuple[int, int]:
    """The rows and error rows of a Parquet output (a part written by an earlier run)."""
    _, pq = _pyarrow()
    fs, path = filesystem(location)
    with fs.open(path, "rb") as handle:
        errors = pq.read_table(handle, columns=["error"]).column("error")
        return len(errors), len(errors) - errors.null_count
