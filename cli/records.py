"""``dualuse records``: list, show, export and replay the decisions in the records store.

``list`` prints one line per record (a table on a terminal); ``export`` writes CSV, JSON lines
(each record with its full decision) or Markdown; ``show`` prints a record and its decision;
``replay`` decides the recorded transfer again on the rule base it was recorded on and says
whether the answer is identical (exit 0) or not (exit 1, with what differs).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, get_args

import typer
from dualuse.cli.decide import Format, format_decision
from dualuse.cli.guard import EXIT_PROBLEMS, BadInput, CommandFailed, guarded
from dualuse.cli.recording import DbOption, open_store
from dualuse.cli.sources import parse_day
from dualuse.engine import Outcome
from dualuse.render.words import outcome_label
from dualuse.store import Filters, Record, StoreError

if TYPE_CHECKING:
    from dualuse.store import Store
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="records",
    help="List, show, export and replay recorded decisions.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

OUTCOMES: tuple[str, ...] = get_args(Outcome)
PARTS = {
    "outcome": "the outcome",
    "summary": "the summary",
    "possible_outcomes": "the outcomes left open",
    "grounds": "the grounds",
    "why_not": "why the other outcomes were not reached",
    "conditions": "the licence conditions",
    "liable": "who is liable and the fines",
    "questions": "the questions asked",
    "what_would_change": "what would change the answer",
    "interpretations": "the interpretations relied on",
    "matches": "how names were matched",
    "audit.engine_version": "the dualuse version",
    "audit.rules_digest": "the rule base",
    "audit.rules_fired": "the rules that fired",
    "audit.rules_weighed": "how many rules did not fire",
}
"""The parts of a decision, in words, for saying what differs."""

COLUMNS = (
    "id",
    "recorded_at",
    "user",
    "source",
    "transfer_id",
    "transfer_date",
    "as_of",
    "outcome",
    "parties",
    "item",
    "engine_version",
    "rules_digest",
    "supersedes",
)


class ExportFormat(StrEnum):
    """How records are exported."""

    csv = "csv"
    jsonl = "jsonl"
    markdown = "markdown"


EXTENSIONS = {".csv": ExportFormat.csv, ".jsonl": ExportFormat.jsonl, ".md": ExportFormat.markdown}

Since = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="Transfers dated on or after this day."),
]
Until = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Transfers dated on or before this day."),
]
OutcomeOpt = Annotated[
    str | None,
    typer.Option("--outcome", help=f"One outcome: {', '.join(OUTCOMES)}.", show_default=False),
]
Party = Annotated[
    str | None, typer.Option("--party", help="Part of a party's name.", show_default=False)
]
Item = Annotated[
    str | None,
    typer.Option("--item", help="Part of the item's description or code.", show_default=False),
]


def _filters(
    since: str | None, until: str | None, outcome: str | None, party: str | None, item: str | None
) -> Filters:
    if outcome is not None and outcome not in OUTCOMES:
        raise BadInput(f"--outcome: must be one of {', '.join(OUTCOMES)}, got {outcome!r}")
    return Filters(
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        outcome=outcome,
        party=party,
        item=item,
    )


def _cells(record: Record) -> list[str]:
    return [
        record.id,
        record.recorded_at.isoformat(timespec="seconds"),
        record.user,
        record.source,
        record.transfer_id or "",
        record.transfer_date.isoformat() if record.transfer_date else "",
        record.as_of.isoformat(),
        record.outcome,
        "; ".join(record.parties),
        record.item,
        record.engine_version,
        record.rules_digest,
        record.supersedes or "",
    ]


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def export_lines(store: Store, records: Iterator[Record], fmt: ExportFormat) -> Iterator[str]:
    """The export of ``records``, line by line."""
    if fmt is ExportFormat.csv:
        yield _csv_line(list(COLUMNS))
        for record in records:
            yield _csv_line(_cells(record))
    elif fmt is ExportFormat.jsonl:
        for record in records:
            decision = store.decision(record.id)
            yield (
                json.dumps(
                    {
                        "record": record.model_dump(mode="json"),
                        "decision": decision.model_dump(mode="json"),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    else:
        shown = ("id", "transfer_id", "transfer_date", "outcome", "parties", "item", "user")
        yield "| " + " | ".join(c.replace("_", " ") for c in shown) + " |\n"
        yield "|" + " --- |" * len(shown) + "\n"
        for record in records:
            values = dict(zip(COLUMNS, _cells(record), strict=True))
            values["outcome"] = outcome_label(record.outcome)
            yield "| " + " | ".join(_md_cell(values[c]) for c in shown) + " |\n"


@app.command("list")
@guarded
def list_records(
    since: Since = None,
    until: Until = None,
    outcome: OutcomeOpt = None,
    party: Party = None,
    item: Item = None,
    db: DbOption = None,
) -> None:
    """List recorded decisions, oldest first: id, transfer, date, outcome, parties, item."""
    store = open_store(db)
    records = store.records(_filters(since, until, outcome, party, item))
    console = Console(file=sys.stdout)
    if not console.is_terminal:
        for record in records:
            typer.echo("\t".join(_cells(record)[:10]))
        return
    table = Table("id", "transfer", "date", "outcome", "parties", "item", "recorded", "by")
    for r in records:
        table.add_row(
            r.id[:8],
            r.transfer_id or "",
            (r.transfer_date or r.as_of).isoformat(),
            outcome_label(r.outcome),
            "; ".join(r.parties),
            r.item,
            r.recorded_at.strftime("%Y-%m-%d %H:%M"),
            r.user,
        )
    console.print(table)


@app.command("export")
@guarded
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write: .csv, .jsonl or .md.")],
    since: Since = None,
    until: Until = None,
    outcome: OutcomeOpt = None,
    party: Party = None,
    item: Item = None,
    db: DbOption = None,
) -> None:
    """Export recorded decisions as CSV, JSON lines (with each full decision) or Markdown."""
    fmt = EXTENSIONS.get(out.suffix.lower())
    if fmt is None:
        raise BadInput(f"--out {out}: the name must end in .csv, .jsonl or .md")
    if not out.parent.is_dir():
        raise BadInput(f"--out {out}: no folder {out.parent}")
    store = open_store(db)
    count = 0
    with out.open("w", encoding="utf-8", newline="") as sink:
        for line in export_lines(
            store, store.records(_filters(since, until, outcome, party, item)), fmt
        ):
            sink.write(line)
            count += 1
    rows = count - (2 if fmt is ExportFormat.markdown else 1 if fmt is ExportFormat.csv else 0)
    typer.echo(f"{rows} records written to {out}")


def _header(record: Record) -> str:
    lines = [
        f"Record {record.id}",
        f"  recorded {record.recorded_at.isoformat(timespec='seconds')} by {record.user} "
        f"({record.source})",
        f"  law as of {record.as_of.isoformat()}; rules {record.rules_digest[:12]}; "
        f"dualuse {record.engine_version}",
    ]
    if record.supersedes:
        lines.append(f"  replaces record {record.supersedes}")
    if record.superseded_by:
        lines.append(f"  replaced by record {record.superseded_by}")
    return "\n".join(lines) + "\n\n"


@app.command("show")
@guarded
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A record id (or its start).")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text, markdown or json (the decision).")
    ] = Format.text,
    db: DbOption = None,
) -> None:
    """Show a recorded decision with who made it, when, and on what law."""
    store = open_store(db)
    try:
        record = store.get(ident)
        decision = store.decision(record.id)
    except StoreError as exc:
        raise CommandFailed(str(exc)) from None
    if fmt is not Format.json:
        typer.echo(_header(record), nl=False)
    typer.echo(format_decision(decision, fmt), nl=False)


@app.command("replay")
@guarded
def replay_record(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A record id (or its start).")],
    db: DbOption = None,
) -> None:
    """Decide a recorded transfer again on exactly the law it was recorded on.

    The recorded rule files and tables are put back in a temporary folder and loaded; the
    transfer is decided as of the recorded date. Exits 0 when the decision is identical, 1 when
    it is not (and says what differs).
    """
    from dualuse.store import replay  # the database layer, loaded only when used

    store = open_store(db)
    try:
        result = replay(store, ident)
    except StoreError as exc:
        raise CommandFailed(str(exc)) from None
    record = result.record
    typer.echo(
        f"Record {record.id} ({record.transfer_id or 'transfer without id'}), "
        f"decided as of {record.as_of.isoformat()} on rules {record.rules_digest[:12]}"
    )
    if result.identical:
        typer.echo(
            f"Replayed on the recorded rules: identical ({outcome_label(result.again.outcome)})."
        )
        return
    typer.echo(
        f"Replayed on the recorded rules: NOT identical. Recorded "
        f"{outcome_label(result.recorded.outcome)}, now {outcome_label(result.again.outcome)}."
    )
    parts = dict.fromkeys(
        PARTS.get(d, PARTS.get(d.split(".")[0], "other details")) for d in result.differences
    )
    typer.echo("What differs: " + "; ".join(parts) + ".")
    raise typer.Exit(EXIT_PROBLEMS)
