"""``dualuse rules``: check a rule folder, and list its rules with citations and dates.

``check`` prints every error as ``file:line:col: code: message`` (the form editors and CI jump
to) and exits 1 when there is any; ``list`` prints the rules grouped by the article they formalise:
a table on a terminal, tab-separated lines (article, rule id, citation, dates in force) otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from dualuse.cli.guard import EXIT_PROBLEMS, guarded
from dualuse.cli.sources import load_engine, rules_folder
from dualuse.engine import RuleInfo, check_rules
from rich.console import Console
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    name="rules",
    help="Check the rule base and list its rules.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

Folder = Annotated[
    Path | None,
    typer.Argument(
        metavar="[DIR]",
        help="A folder of .dl rule files and data tables (default: the bundled rules).",
        show_default=False,
    ),
]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@app.command("check")
@guarded
def check(folder: Folder = None) -> None:
    """Check every rule file and data table; print each error as file:line:col: code: message."""
    root = rules_folder(folder)
    errors = check_rules(root)
    for error in errors:
        typer.echo(str(error))
    if errors:
        typer.echo(f"{_plural(len(errors), 'error')} in {root}", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    rules = load_engine(folder).rules()
    files = sum(1 for _ in root.rglob("*.dl"))
    tables = sum(1 for _ in root.rglob("*.csv"))
    typer.echo(
        f"OK: {_plural(len(rules), 'rule')} in {_plural(files, 'file')}, "
        f"{_plural(tables, 'data table')}, no errors ({root})"
    )


def by_article(rules: list[RuleInfo]) -> dict[str, list[RuleInfo]]:
    """The rules grouped by the article they formalise, articles in order of first rule."""
    groups: dict[str, list[RuleInfo]] = {}
    for rule in rules:
        groups.setdefault(rule.article, []).append(rule)
    return groups


def _table(rules: list[RuleInfo]) -> Table:
    table = Table(title="Rules by article", show_lines=False, expand=False)
    # Ids and dates fold rather than vanish on a narrow terminal; citations wrap.
    table.add_column("id", style="bold", overflow="fold", ratio=3)
    table.add_column("citation", ratio=4, min_width=16)
    table.add_column("in force", overflow="fold", ratio=2)
    for article, members in by_article(rules).items():
        # Text, never markup: a citation may contain square brackets.
        heading = members[0].article_citation or "(no article)"
        table.add_section()
        table.add_row(
            Text(article or "—", style="bold cyan"), Text(heading, style="bold"), Text("")
        )
        for rule in members:
            table.add_row(Text("  " + rule.id), Text(rule.citation), Text(rule.in_force))
    return table


@app.command("list")
@guarded
def list_rules(folder: Folder = None) -> None:
    """List every rule by article: id, citation and dates in force (a table on a terminal)."""
    rules = load_engine(folder).rules()
    console = Console(file=sys.stdout)
    if console.is_terminal:
        console.print(_table(rules))
        return
    for article, members in by_article(rules).items():
        for rule in members:
            typer.echo(f"{article}\t{rule.id}\t{rule.citation}\t{rule.in_force}")
