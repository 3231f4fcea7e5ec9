"""A rule base: the ``.dl`` files and dated CSV tables of a folder, parsed, checked and dated.

>>> base = RuleBase.load()            # the bundled rules/ folder
>>> base.rule("ann2026_1.c1.military_user").meta.cites is not None
True
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from dualuse.engine.datalog.checks import check_program
from dualuse.engine.datalog.parser import parse_file
from dualuse.engine.datalog.syntax import Article, Clause, Declaration, Program, Quote, Value
from dualuse.engine.datalog.terms import Row
from dualuse.engine.errors import DataError, DualuseError, RuleBaseError
from dualuse.engine.law.articles import resolve_articles
from dualuse.engine.law.legal import check_legal

ROW_COLUMNS = ("valid_from", "valid_until", "source", "confidence")
"""Columns every data row carries besides its own."""

CONFIDENCE = ("V-primary", "V-secondary", "low", "M")
"""Confidence marks of sources.md; "low": secondary sources only, marked low confidence there."""


def bundled_rules_dir() -> Path:
    """The rules folder shipped with the package (a checkout's ``rules/`` in development)."""
    return Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True)
class TableRow:
    """One dated row of a data table, with where it came from."""

    values: Row
    valid_from: date
    valid_until: date | None
    source: str
    confidence: str
    file: str
    line: int
    record: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def valid_on(self, day: date) -> bool:
        """True when the row is in force on ``day``."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


def _int_columns(rows: list[dict[str, str]], columns: list[str]) -> set[str]:
    out = set()
    for col in columns:
        values = [r.get(col, "") for r in rows]
        if values and all(v.strip().lstrip("-").isdigit() for v in values):
            out.add(col)
    return out


def _parse_day(value: str, file: str, line: int, column: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip())
    except ValueError:
        raise DataError(
            f"column {column!r} must be a date YYYY-MM-DD, got {value!r}", file=file, line=line
        ) from None


def read_table(path: Path, display: str, decl: Declaration) -> list[TableRow]:
    """Read the rows of ``decl`` from the CSV file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(
            f"table {decl.pred} reads {decl.source!r}, which does not exist",
            file=decl.loc.file,
            line=decl.loc.line,
            column=decl.loc.column,
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in (*decl.columns, "valid_from", "source", "confidence") if c not in header]
    if missing:
        raise DataError(
            f"table {decl.pred} needs column(s) {', '.join(missing)}; the header has "
            f"{', '.join(header)}",
            file=display,
            line=1,
        )
    records = list(reader)
    ints = _int_columns(records, list(decl.columns))
    rows: list[TableRow] = []
    for offset, record in enumerate(records):
        line = offset + 2
        if None in record:
            raise DataError("the row has more cells than the header", file=display, line=line)
        conf = (record.get("confidence") or "").strip()
        if conf not in CONFIDENCE:
            raise DataError(
                f"confidence must be one of {', '.join(CONFIDENCE)}, got {conf!r}",
                file=display,
                line=line,
            )
        if not (record.get("source") or "").strip():
            raise DataError("every row needs a source", file=display, line=line)
        values: list[Value] = []
        for col in decl.columns:
            cell = (record.get(col) or "").strip()
            values.append(int(cell) if col in ints else cell)
        until_cell = (record.get("valid_until") or "").strip()
        rows.append(
            TableRow(
                values=tuple(values),
                valid_from=_parse_day(record["valid_from"], display, line, "valid_from"),
                valid_until=(
                    _parse_day(until_cell, display, line, "valid_until") if until_cell else None
                ),
                source=record["source"].strip(),
                confidence=conf,
                file=display,
                line=line,
                record={k: (v or "") for k, v in record.items() if k is not None},
            )
        )
    return rows


class RuleBase:
    """All rules and tables of a folder, parsed and checked (the law of a day: :mod:`.inforce`)."""

    def __init__(
        self,
        root: Path,
        program: Program,
        tables: dict[str, list[TableRow]],
        articles: dict[str, Article] | None = None,
    ) -> None:
        self.root = root
        self.program = program
        self.tables = tables
        self.articles = articles or {}
        """The articles by id; the rules of :attr:`program` carry their article's citation."""
        self._by_id = {c.meta.id: c for c in program.clauses if c.meta.id}
        self.declarations = {d.pred: d for d in program.declarations}

    @classmethod
    def load(cls, root: Path | None = None) -> RuleBase:
        """Parse, check and load the folder (default: the bundled rules).

        Raises:
            RuleBaseError: with every syntax, check and data error found, each with its place.
        """
        folder = (root or bundled_rules_dir()).resolve()
        if not folder.is_dir():
            raise RuleBaseError([DataError(f"{folder} is not a folder of rule files")])
        errors: list[DualuseError] = []
        program = Program()
        files = sorted(folder.rglob("*.dl"))
        if not files:
            errors.append(DataError("no .dl rule files in the folder", file=str(folder)))
        for path in files:
            display = str(path.relative_to(folder.parent))
            try:
                program = program.merged(parse_file(path, display))
            except DualuseError as exc:
                errors.append(exc)
        errors.extend(check_program(program))
        errors.extend(check_legal(program))
        program, articles, _ = resolve_articles(program)  # its problems: check_legal's
        tables: dict[str, list[TableRow]] = {}
        heads = {c.head.pred for c in program.clauses}
        for decl in program.declarations:
            if decl.pred in heads:
                errors.append(
                    DataError(
                        f"{decl.pred} is declared as {decl.kind} and also derived by rules",
                        file=decl.loc.file,
                        line=decl.loc.line,
                        column=decl.loc.column,
                    )
                )
            if decl.kind != "table" or decl.source is None:
                continue
            path = folder / decl.source
            try:
                tables[decl.pred] = read_table(path, str(path.relative_to(folder.parent)), decl)
            except DualuseError as exc:
                errors.append(exc)
        if errors:
            raise RuleBaseError(errors)
        return cls(folder, program, tables, articles)

    def quote_of(self, clause: Clause) -> Quote | None:
        """The words of the law behind a rule: its own quote, else its article's."""
        if clause.meta.quote is not None:
            return clause.meta.quote
        article = self.articles.get(clause.meta.article or "")
        return article.meta.quote if article is not None else None

    def article_of(self, rule_id: str) -> str | None:
        """The id of the article a rule formalises (``None``: no such rule, or no article)."""
        clause = self._by_id.get(rule_id)
        return clause.meta.article if clause is not None else None

    def rule(self, rule_id: str) -> Clause:
        """The rule with this id; KeyError if there is none."""
        return self._by_id[rule_id]

    @property
    def rules(self) -> list[Clause]:
        """Every rule, in file order."""
        return [c for c in self.program.clauses if c.meta.id]

    def rules_for(self, pred: str) -> list[Clause]:
        """The clauses with a body that conclude ``pred``, in file order, whatever their dates."""
        return self._by_head.get(pred, [])

    @cached_property
    def _by_head(self) -> dict[str, list[Clause]]:
        out: dict[str, list[Clause]] = {}
        for clause in self.program.clauses:
            if clause.body:
                out.setdefault(clause.head.pred, []).append(clause)
        return out

    def in_force(self, clause: Clause, day: date) -> bool:
        """True when the rule is in force on ``day``."""
        return clause.meta.in_force is None or clause.meta.in_force.covers(day)

    def row_for(self, pred: str, values: Row, day: date) -> TableRow | None:
        """The table row behind a fact on ``day`` (for proofs and why-not)."""
        for row in self.tables.get(pred, ()):
            if row.values == values and row.valid_on(day):
                return row
        return None

    def rows_for(self, pred: str, values: Row) -> list[TableRow]:
        """Every row with these values, whatever its dates (to explain out-of-force rows)."""
        return [row for row in self.tables.get(pred, ()) if row.values == values]

    @cached_property
    def digest(self) -> str:
        """SHA-256 over every rule and data file, to replay a decision exactly."""
        h = hashlib.sha256()
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path.suffix in {".dl", ".csv"}:
                h.update(str(path.relative_to(self.root)).encode())
                h.update(path.read_bytes())
        return h.hexdigest()
