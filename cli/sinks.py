"""Where a batch on this machine writes its records: one file, or a folder of parts.

An output named ``decisions.csv``, ``.jsonl`` or ``.parquet`` is one file; one whose name ends
in ``/``, or that is an existing folder, is a folder of parts in the format its name ends in
(``decisions.parquet/``), as :mod:`dualuse.cli.parts` writes them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, TextIO

from dualuse.cli.guard import BadInput
from dualuse.cli.locations import filesystem, is_url
from dualuse.cli.outputs import OutputKind, Record, header, output_kind, text
from dualuse.cli.parts import write_part

if TYPE_CHECKING:
    from dualuse.cli.parquet import ParquetSink


@dataclass(frozen=True)
class Target:
    """What ``--out`` names: a format, and a file or a folder of parts."""

    location: str
    kind: OutputKind
    folder: bool

    @classmethod
    def of(cls, location: str) -> Target:
        """Read ``--out``.

        Raises:
            BadInput: no known extension, or no folder to write the file in.
        """
        kind = output_kind(location)
        folder = location.endswith("/") or (not is_url(location) and Path(location).is_dir())
        if not folder and not is_url(location) and not Path(location).parent.is_dir():
            raise BadInput(f"--out {location}: no folder {Path(location).parent}")
        return cls(location.rstrip("/") if folder else location, kind, folder)


class Sink(Protocol):
    """Records in, in order."""

    def write(self, records: list[Record]) -> None:
        """Write records after those already written."""
        ...

    def close(self) -> None:
        """Finish the output."""
        ...


class FileSink:
    """One output file, written as records come."""

    def __init__(self, target: Target) -> None:
        self.kind = target.kind
        self._parquet: ParquetSink | None = None
        self._binary: BinaryIO | None = None
        self._text: TextIO | None = None
        if is_url(target.location) or target.kind == "parquet":
            fs, path = filesystem(target.location)
            self._binary = fs.open(path, "wb")
        if target.kind == "parquet":
            from dualuse.cli.parquet import ParquetSink

            assert self._binary is not None
            self._parquet = ParquetSink(self._binary)
        elif self._binary is not None:
            self._text = io.TextIOWrapper(self._binary, encoding="utf-8", newline="")
        else:
            self._text = Path(target.location).open(  # noqa: SIM115  closed by close()
                "w", encoding="utf-8", newline=""
            )
        if self._text is not None:
            self._text.write(header(self.kind))

    def write(self, records: list[Record]) -> None:
        """Append records."""
        if self._parquet is not None:
            self._parquet.write(records)
        elif self._text is not None:
            self._text.write(text(self.kind, records))

    def close(self) -> None:
        """Flush and close the file."""
        if self._parquet is not None:
            self._parquet.close()
        if self._text is not None:
            self._text.close()
        elif self._binary is not None:
            self._binary.close()


class PartsSink:
    """A folder of parts, a part every ``rows_per_part`` records."""

    def __init__(self, target: Target, rows_per_part: int) -> None:
        self.target = target
        self.rows_per_part = rows_per_part
        self._pending: list[Record] = []
        self._index = 0

    def write(self, records: list[Record]) -> None:
        """Add records; every full part is written."""
        self._pending.extend(records)
        while len(self._pending) >= self.rows_per_part:
            self._part(self._pending[: self.rows_per_part])
            self._pending = self._pending[self.rows_per_part :]

    def _part(self, records: list[Record]) -> None:
        write_part(self.target.location, self._index, self.target.kind, [records])
        self._index += 1

    def close(self) -> None:
        """Write the last part."""
        if self._pending or self._index == 0:
            self._part(self._pending)
        self._pending = []


def open_sink(target: Target, rows_per_part: int) -> Sink:
    """The sink ``--out`` names."""
    return PartsSink(target, rows_per_part) if target.folder else FileSink(target)
