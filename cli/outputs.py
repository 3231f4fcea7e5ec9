r"""What a batch writes: one record per input row, as a CSV line, a JSON line or a Parquet row.

A :class:`Record` is what a worker sends back or writes: the row number, the decision's summary
and, when the output needs it, the whole decision as JSON. Every format carries the row number:
a JSON line is ``{"row": 7, ...the decision...}`` (``Decision`` without ``row`` validates it), or
``{"row": 7, "id": ..., "error": ...}``; CSV and Parquet have the columns of
:data:`~dualuse.cli.verdicts.CSV_COLUMNS`, and Parquet a ``decision`` column with the JSON too.

>>> text("csv", [failed(4, "X1", "row 4: end_user.country: must be a two-letter ISO code")])
'4,X1,,,,,,row 4: end_user.country: must be a two-letter ISO code\n'
>>> output_kind("decisions.parquet")
'parquet'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Literal, NamedTuple

from dualuse.cli.guard import BadInput
from dualuse.cli.locations import suffix
from dualuse.cli.verdicts import CSV_COLUMNS
from dualuse.engine import Decision
from dualuse.render.proofs import rule_ids

OutputKind = Literal["csv", "jsonl", "parquet"]
KINDS: dict[str, OutputKind] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
EXTENSIONS: dict[OutputKind, str] = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet"}


class Record(NamedTuple):
    """The output of one row: a decision's summary, or the message of an error row."""

    row: int
    id: str | None
    outcome: str | None
    summary: str | None
    grounds: tuple[str, ...]
    liable: tuple[str, ...]
    questions: tuple[str, ...]
    error: str | None
    decision: str | None
    """The whole decision as JSON, when the output format holds it (JSON lines, Parquet)."""


def output_kind(location: str) -> OutputKind:
    """The output format named by the extension of a file or of a folder of parts."""
    kind = KINDS.get(suffix(location))
    if kind is None:
        raise BadInput(f"--out {location}: the name must end in .csv, .jsonl or .parquet")
    return kind


def decided(kind: OutputKind, row: int, decision: Decision) -> Record:
    """The record of a decided row."""
    return Record(
        row=row,
        id=decision.id,
        outcome=decision.outcome,
        summary=decision.summary,
        grounds=tuple(rule_ids(decision.grounds)),
        liable=tuple(dict.fromkeys(f"{x.party} ({x.basis})" for x in decision.liable)),
        questions=tuple(dict.fromkeys(q.field for q in decision.questions)),
        error=None,
        # pydantic's own encoder: a third of the time of json.dumps over model_dump
        decision=decision.model_dump_json() if kind != "csv" else None,
    )


def failed(row: int, ident: str | None, message: str) -> Record:
    """The record of a row that could not be decided; ``message`` names the row and field."""
    return Record(row, ident, None, None, (), (), (), message, None)


def header(kind: OutputKind) -> str:
    """What a CSV or JSON lines output starts with."""
    return _csv_line(list(CSV_COLUMNS)) if kind == "csv" else ""


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _line(kind: OutputKind, record: Record) -> str:
    if kind == "jsonl":
        if record.error is not None or record.decision is None:
            error = {"row": record.row, "id": record.id, "error": record.error}
            return json.dumps(error, ensure_ascii=False) + "\n"
        return f'{{"row":{record.row},{record.decision[1:]}\n'
    return _csv_line(
        [
            str(record.row),
            record.id or "",
            record.outcome or "",
            record.summary or "",
            ";".join(record.grounds),
            ";".join(record.liable),
            ";".join(record.questions),
            record.error or "",
        ]
    )


def text(kind: OutputKind, records: Iterable[Record]) -> str:
    """CSV or JSON lines for ``records``, in order (without the CSV header)."""
    if kind == "parquet":
        raise ValueError("Parquet is not text")
    return "".join(_line(kind, record) for record in records)
