"""``dualuse decide``: one transfer (JSON) in, one decision out, as JSON, text or Markdown.

JSON output is ``Decision.model_dump(mode="json")``: the contract for tools. Text and Markdown
are the reports of :mod:`dualuse.render`.
"""

from __future__ import annotations

import json
import shutil
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from dualuse.cli.fields import to_transfer
from dualuse.cli.guard import guarded
from dualuse.cli.recording import DbOption, Recorder, Recording, RecordOption, UserOption
from dualuse.cli.sources import load_engine, parse_day, read_json, rules_folder
from dualuse.engine import Decision
from dualuse.render import render_markdown, render_text


class Format(StrEnum):
    """How a decision is written."""

    json = "json"
    text = "text"
    markdown = "markdown"


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Apply the law in force on this date (YYYY-MM-DD) instead of the transfer's date.",
        show_default=False,
    ),
]
RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        metavar="DIR",
        help="Decide with the rules of this folder instead of the bundled ones.",
        show_default=False,
    ),
]


def format_decision(decision: Decision, fmt: Format) -> str:
    """The decision in the chosen format, ending with a newline."""
    if fmt is Format.json:
        return json.dumps(decision.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if fmt is Format.markdown:
        return render_markdown(decision)
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    return render_text(decision, width=width)


@guarded
def decide(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE|-",
            help="A transfer as a JSON object; '-' or nothing reads stdin.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOf = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="json (the decision model), text or markdown."),
    ] = Format.json,
    rules: RulesOption = None,
    record: RecordOption = False,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Decide one transfer: is it prohibited, licence-required, not controlled or out of scope?

    Reads a transfer as JSON (run `dualuse schema transfer` for its fields; a field left out is
    unknown) and prints the decision. Bad input exits 2 with a message naming the field.
    """
    day = parse_day(as_of, "--as-of")
    transfer = to_transfer(read_json(file))
    engine = load_engine(rules)
    decision = engine.decide(transfer, day)
    if record:
        recorder = Recorder(
            Recording.make(db, user, rules_folder(rules)), engine.rules_digest, "decide"
        )
        recorder.note(recorder.record([decision]))
    typer.echo(format_decision(decision, fmt), nl=False)
