"""The ``dualuse`` console script: one command line over the engine's public API.

>>> from typer.testing import CliRunner
>>> CliRunner().invoke(app, ["schema", "transfer"]).exit_code
0

Exit codes: 0 done; 1 problems found (rule errors, rows with errors); 2 unusable input; 70 an
internal error (see :mod:`dualuse.cli.guard`).
"""

from __future__ import annotations

import os
import sys

import typer
from dualuse.cli import records, rules
from dualuse.cli.batch import batch
from dualuse.cli.decide import decide
from dualuse.cli.guard import EXIT_INTERNAL, internal_error
from dualuse.cli.launch import chat, coverage
from dualuse.cli.rescreen import rescreen
from dualuse.cli.schema import schema
from dualuse.cli.serve import serve

app = typer.Typer(
    name="dualuse",
    help=(
        "Decide whether transfers of dual-use items are allowed under the PRC's export ban on "
        "Japan (MOFCOM Announcement 2026 No. 1) and its legal frame, with the grounds."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
app.command("decide")(decide)
app.command("batch")(batch)
app.add_typer(rules.app, name="rules")
app.command("schema")(schema)
app.command("chat")(chat)
app.command("coverage")(coverage)
app.add_typer(records.app, name="records")
app.command("rescreen")(rescreen)
app.command("serve")(serve)


def main() -> None:
    """Run the command line; whatever happens, no traceback reaches the user."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a failure outside any command (the commands are guarded)
        if os.environ.get("DUALUSE_DEBUG"):
            raise
        print(f"error: {internal_error(exc)}", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
