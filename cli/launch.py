"""``dualuse chat`` and ``dualuse coverage``: commands that hand over to other packages.

Each imports its package only when run, so the rest of the command line never loads Textual or
pytest (``dualuse decide`` starts faster, and a broken chat cannot break a batch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from dualuse.cli.guard import guarded
from dualuse.cli.recording import DbOption, Recording, RecordingEngine, RecordOption, UserOption
from dualuse.cli.sources import bundled_rules


@guarded
def chat(
    record: RecordOption = False,
    db: DbOption = None,
    user: UserOption = None,
    speak_as: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="COMPANY",
            help='Who "we" are, e.g. "Ganzhou Rare Earth Trading, CN"; kept for the next runs.',
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start the chat: describe a transfer in your own words, and ask what applies.

    With --record every decision is recorded; F4 shows the records store.
    """
    from dualuse.interpret import speaker_of
    from dualuse.tui.app import make_app

    if speak_as is not None:
        try:
            speaker_of(speak_as)
        except ValueError as exc:
            typer.echo(f"error: --as: {exc}", err=True)
            raise typer.Exit(2) from None
    engine = RecordingEngine(Recording.make(db, user, bundled_rules())) if record else None
    if speak_as is not None:
        app = make_app(engine, speaker=speak_as)
    elif engine is not None:
        app = make_app(engine)
    else:
        app = make_app()  # the engine loads in a worker: the message line is ready at once
    app.records_url = db
    app.run()


@guarded
def coverage(
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE",
            help="Also write a Markdown report of the provisions and their scenarios.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show which rules the lawyers' scenarios exercise, firing and not firing."""
    from dualuse.cli.coverage import run

    raise typer.Exit(run(report))
