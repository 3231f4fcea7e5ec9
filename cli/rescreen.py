"""``dualuse rescreen``: decide recorded transfers again on today's law and say what changed.

Recorded transfers (the latest record of each; all, or those dated on or after ``--since``) are
decided again on the current rule base, or on the folder given with ``--rules``, with the batch
machinery: worker processes, chunks in order, bounded memory; records are read from the store a
page at a time. A transfer whose outcome, liability or licence conditions changed is decided once
more with its proofs and compared with the recorded proofs (replayed on the recorded law when the
record has none): the report says which rules and table rows now hold or no longer do, with their
citations. Every new decision is recorded and names the record it replaces. Exit code 3 when
anything changed, 1 when some transfer could not be decided, 0 otherwise.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from dualuse import store as records_store
from dualuse.cli.batch import _progress, default_workers, screen
from dualuse.cli.decide import AsOf, RulesOption
from dualuse.cli.guard import EXIT_PROBLEMS, BadInput, CommandFailed, guarded
from dualuse.cli.ledger import LedgerRow
from dualuse.cli.outputs import Record as Output
from dualuse.cli.recording import DbOption, Recorder, Recording, UserOption, open_store
from dualuse.cli.rescreen_report import (
    ChangedTransfer,
    RescreenReport,
    render_json,
    render_markdown,
    render_text,
)
from dualuse.cli.screening import Settings
from dualuse.cli.sources import load_engine, parse_day, rules_folder
from dualuse.engine import Decision, RuleInfo
from dualuse.store import Entry, Filters, Record, StoreError, compare, default_user
from rich.console import Console

if TYPE_CHECKING:
    from dualuse.store import Store

EXIT_CHANGED = 3


class ReportFormat(StrEnum):
    """How the report is written."""

    text = "text"
    markdown = "markdown"
    json = "json"


RENDERERS: dict[ReportFormat, Callable[[RescreenReport], str]] = {
    ReportFormat.text: render_text,
    ReportFormat.markdown: render_markdown,
    ReportFormat.json: render_json,
}


@dataclass
class Tally:
    """What a run has found so far."""

    considered: int = 0
    already_current: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    changes: list[ChangedTransfer] = field(default_factory=list)


class Rescreen:
    """One re-screening run over a store."""

    def __init__(
        self, store: Store, rules: Path | None, as_of: date | None, user: str, record: bool
    ) -> None:
        self.store = store
        self.rules = rules
        self.as_of = as_of
        self.user = user
        self.record = record
        self.folder = rules_folder(rules)
        self.digest = records_store.rules_digest_of(self.folder)
        self.tally = Tally()
        self._rule_infos: dict[str, dict[str, RuleInfo]] = {}

    def passes(self, since: date | None) -> list[tuple[Filters, date | None]]:
        """The selections to run, each with the as-of date its workers apply.

        Without ``--as-of`` a record is re-decided as of the date it was decided as of: one
        pass for the records decided on their transfer's own date, one per other date.
        """
        if self.as_of is not None:
            return [(Filters(since=since, current=True), self.as_of)]
        others = Filters(since=since, current=True, own_date=False)
        return [(Filters(since=since, current=True, own_date=True), None)] + [
            (Filters(since=since, current=True, own_date=False, as_of=day), day)
            for day in self.store.as_of_days(others)
        ]

    def count(self, since: date | None) -> int:
        """How many records the run will consider."""
        return self.store.count_matching(Filters(since=since, current=True))

    def run(
        self, filters: Filters, as_of: date | None, workers: int, advance: Callable[[int], None]
    ) -> None:
        """Re-decide the records of one selection."""
        settings = Settings(rules=self.rules, as_of=as_of, explain=False, output="jsonl")
        waiting: deque[tuple[Record, Decision]] = deque()

        def rows() -> Iterator[LedgerRow]:
            for n, (record, decision) in enumerate(self.store.decisions(filters), 1):
                self.tally.considered += 1
                if record.rules_digest == self.digest and (as_of is None or as_of == record.as_of):
                    self.tally.already_current += 1
                    advance(1)
                    continue
                waiting.append((record, decision))
                yield LedgerRow(n, record.transfer)

        with closing(screen(rows(), settings, workers)) as chunks:
            for chunk in chunks:
                done = [waiting.popleft() for _ in range(chunk.rows)]
                self.settle(done, chunk.records, as_of)
                advance(chunk.rows)

    def settle(
        self, done: list[tuple[Record, Decision]], outputs: list[Output], as_of: date | None
    ) -> None:
        """Compare a chunk's new decisions with the recorded ones, and record them."""
        entries: list[Entry] = []
        for (record, old), output in zip(done, outputs, strict=True):
            if output.decision is None:
                self.tally.errors.append(f"{record.transfer_id or record.id}: {output.error}")
                continue
            new = Decision.model_validate_json(output.decision)
            if not compare(old, new).changed:
                self.tally.unchanged += 1
                entries.append(self._entry(new, record, explained=False, text=output.decision))
                continue
            # Changed: decide again with proofs, and compare proofs with proofs.
            new = load_engine(self.rules).decide(record.transfer, as_of)
            before = old if record.explained else self._replayed(record)
            entry = self._entry(new, record, explained=True)
            entries.append(entry)
            self.tally.changes.append(
                ChangedTransfer(
                    transfer_id=record.transfer_id,
                    transfer_date=record.transfer_date,
                    as_of=new.as_of,
                    parties=record.parties,
                    item=record.item,
                    record=record.id,
                    new_record=entry.record_id if self.record else None,
                    difference=compare(
                        before,
                        new,
                        rules_before=self._rules(record),
                        rules_after=self._rules(None),
                    ),
                )
            )
        if self.record and entries:
            try:
                self.store.record(entries)
            except StoreError as exc:
                raise CommandFailed(str(exc)) from None

    def _rules(self, record: Record | None) -> dict[str, RuleInfo]:
        """The rules of the record's rule base (``None``: of the rule base re-screened on)."""
        key = "" if record is None else record.rules_digest
        found = self._rule_infos.get(key)
        if found is None:
            try:
                engine = (
                    load_engine(self.rules)
                    if record is None
                    else records_store.rules_engine(
                        self.store, record.rules_digest, record.rules_folder
                    )
                )
            except StoreError as exc:
                raise CommandFailed(str(exc)) from None
            found = self._rule_infos[key] = {r.id: r for r in engine.rules()}
        return found

    def _replayed(self, record: Record) -> Decision:
        try:
            return records_store.replay(self.store, record.id, explain=True).again
        except StoreError as exc:
            raise CommandFailed(str(exc)) from None

    def _entry(
        self, decision: Decision, record: Record, *, explained: bool, text: str | None = None
    ) -> Entry:
        return Entry(
            decision=decision,
            user=self.user,
            source="rescreen",
            explained=explained,
            supersedes=record.id,
            rules_folder=self.folder.name,
            json_text=text,
        )

    def report(self, since: date | None) -> RescreenReport:
        """The report of the run so far."""
        t = self.tally
        return RescreenReport(
            rules_digest=self.digest,
            since=since,
            as_of=self.as_of,
            considered=t.considered,
            already_current=t.already_current,
            unchanged=t.unchanged,
            errors=t.errors,
            changes=t.changes,
        )


@guarded
def rescreen(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only transfers dated on or after this day (open shipments).",
            show_default=False,
        ),
    ] = None,
    rules: RulesOption = None,
    as_of: AsOf = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text, markdown or json.")
    ] = ReportFormat.text,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the report to this file.", show_default=False),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-j", min=1, help="Worker processes (default: the number of cores)."
        ),
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record/--no-record", help="Record the new decisions (--no-record: report only)."
        ),
    ] = True,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Decide recorded transfers again on the current rules and report what changed, and why.

    Each change of outcome, liability or licence conditions comes with the rules and table rows
    (list entries, suspensions, catalogue lines) that now hold or no longer do, with their
    citations. The new decisions are recorded, each linked to the record it replaces. Exits 3
    when anything changed (for scheduled jobs), 1 when a transfer could not be decided.
    """
    day = parse_day(since, "--since")
    override = parse_day(as_of, "--as-of")
    if out is not None and not out.parent.is_dir():
        raise BadInput(f"--out {out}: no folder {out.parent}")
    store = open_store(db)
    folder = rules_folder(rules)
    if record:
        Recorder(
            Recording.make(db, user, folder), records_store.rules_digest_of(folder), "rescreen"
        )
    run = Rescreen(store, rules, override, user or default_user(), record)
    console = Console(file=sys.stderr)
    selections = run.passes(day)
    n_workers = workers or default_workers()
    if console.is_terminal:
        with _progress(console) as progress:
            task = progress.add_task("Re-screening", total=run.count(day) or None)
            for filters, when in selections:
                run.run(filters, when, n_workers, lambda n: progress.advance(task, n))
    else:
        for filters, when in selections:
            run.run(filters, when, n_workers, lambda n: None)
    report = run.report(day)
    text = RENDERERS[fmt](report)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"{len(report.changes)} changed of {report.considered}; report written to {out}")
    if report.changes:
        raise typer.Exit(EXIT_CHANGED)
    if report.errors:
        raise typer.Exit(EXIT_PROBLEMS)
