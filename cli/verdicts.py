r"""The output of a batch: one record per input row, as a CSV line or a JSON line.

A JSON line is the decision as ``Decision.model_dump(mode="json")``, or
``{"row": ..., "id": ..., "error": ...}`` for a row that could not be decided. A CSV line has the
columns of :data:`CSV_COLUMNS`; lists inside a cell are ``;``-separated.

>>> header("csv")
'row,id,outcome,summary,grounds,liable,questions,error\n'
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Literal

from dualuse.cli.guard import BadInput
from dualuse.engine import Decision
from dualuse.render.proofs import rule_ids

OutputKind = Literal["csv", "jsonl"]
KINDS: dict[str, OutputKind] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
CSV_COLUMNS = ("row", "id", "outcome", "summary", "grounds", "liable", "questions", "error")


def output_kind(path: Path) -> OutputKind:
    """The output format named by the file's extension."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise BadInput(f"--out {path}: the name must end in .csv or .jsonl")
    return kind


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def header(kind: OutputKind) -> str:
    """What the output file starts with."""
    return _csv_line(list(CSV_COLUMNS)) if kind == "csv" else ""


def decided(kind: OutputKind, row: int, decision: Decision) -> str:
    """The record of a decided row."""
    if kind == "jsonl":
        return decision.model_dump_json() + "\n"  # pydantic's own encoder: a third of the time
    liable = dict.fromkeys(f"{x.party} ({x.basis})" for x in decision.liable)
    return _csv_line(
        [
            str(row),
            decision.id or "",
            decision.outcome,
            decision.summary,
            ";".join(rule_ids(decision.grounds)),
            ";".join(liable),
            ";".join(dict.fromkeys(q.field for q in decision.questions)),
            "",
        ]
    )


def failed(kind: OutputKind, row: int, ident: str | None, message: str) -> str:
    """The record of a row that could not be decided; ``message`` names the row and field."""
    if kind == "jsonl":
        return json.dumps({"row": row, "id": ident, "error": message}, ensure_ascii=False) + "\n"
    return _csv_line([str(row), ident or "", "", "", "", "", "", message])
