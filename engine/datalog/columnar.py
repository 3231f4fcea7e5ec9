"""Set-at-a-time evaluation of large programs on Polars data frames, without provenance.

The tuple-at-a-time evaluator (:mod:`dualuse.engine.datalog.evaluator`) suits the rule base's
programs: a few hundred facts, where start-up cost dominates, and provenance for every fact. A
peer benchmark program (LUBM, a points-to analysis) has 50,000-100,000 facts; there a relation is
a data frame (one column per argument) and a rule body is a chain of hash joins over whole
relations, chosen greedily from shared variables and sizes, with negation as an anti-join and
comparisons as filters. Components run in the evaluator's order; a recursive one semi-naively,
each round joining one body atom against the previous round's new rows (the delta) and the
others against the whole relation, until a round adds nothing. Text values are numbered once,
so joins hash integers. Measured on LUBM and hmmer beside the tuple evaluator and clingo
(``python -m bench.peers``, ``bench/README.md``); DuckDB, the other candidate, was not measured.

Programs it cannot run this way (arithmetic, values of more than one type, comparisons that
bind) raise :class:`Unsupported`; the caller evaluates them tuple-at-a-time instead.

>>> from dualuse.engine.datalog.parser import parse_text
>>> from dualuse.engine.datalog.planning import CompiledProgram
>>> text = 'path(X, Y) :- edge(X, Y). path(X, Y) :- edge(X, Z), path(Z, Y).'
>>> facts = evaluate_columnar(CompiledProgram(parse_text(text)), {"edge": {("a", "b"), ("b", "a")}})
>>> sorted(facts["path"])
[('a', 'a'), ('a', 'b'), ('b', 'a'), ('b', 'b')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl
from dualuse.engine.datalog.planning import CompiledProgram
from dualuse.engine.datalog.syntax import Atom, Clause, Comparison, Const, Value, Var
from dualuse.engine.datalog.terms import Row

_OPS = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


class Unsupported(Exception):
    """The program uses something the columnar evaluator does not run (the message says what)."""


_Frame = pl.DataFrame | None
"""Bindings of a body so far, one column per variable; ``None``: the one empty binding."""


def evaluate_columnar(
    compiled: CompiledProgram, edb: Mapping[str, Iterable[Row]]
) -> dict[str, set[Row]]:
    """Every fact of ``compiled`` over the input facts ``edb`` (no provenance).

    Raises:
        Unsupported: the program needs the tuple-at-a-time evaluator.
    """
    inputs: dict[str, list[Row]] = {p: list(rows) for p, rows in edb.items()}
    for pred, rows in compiled.facts.items():
        inputs.setdefault(pred, []).extend(rows)
    dtype = _dtype(compiled, inputs)
    names: list[Value] | None = None
    clauses_of = [[rule.clause for rule in rules] for _, rules, _ in compiled.components]
    if dtype == pl.String() and not _orders_text(compiled):
        # Text joins and hashes several times slower than integers: number every value once.
        codes: dict[Value, int] = {}
        inputs = {
            p: [tuple(codes.setdefault(v, len(codes)) for v in row) for row in rows]
            for p, rows in inputs.items()
        }
        clauses_of = [[_encode(c, codes) for c in clauses] for clauses in clauses_of]
        names = list(codes)
        dtype = pl.Int64()
    arity = dict(compiled.arity)
    for pred, given in inputs.items():
        if given:
            arity.setdefault(pred, len(given[0]))
    rel: dict[str, pl.DataFrame] = {
        pred: _frame(rows, arity.get(pred, 0), dtype).unique() for pred, rows in inputs.items()
    }
    for (preds, _, recursive), clauses in zip(compiled.components, clauses_of, strict=True):
        for pred in preds:
            rel.setdefault(pred, _frame([], arity[pred], dtype))
        delta = _round(clauses, rel, None, preds, dtype)
        while recursive and any(df.height for df in delta.values()):
            delta = _round(clauses, rel, delta, preds, dtype)
    if names is None:
        return {pred: set(df.rows()) for pred, df in rel.items()}
    return {
        pred: {tuple(names[v] for v in row) for row in df.iter_rows()} for pred, df in rel.items()
    }


def _orders_text(compiled: CompiledProgram) -> bool:
    """True when a comparison orders values (numbered text would not keep their order)."""
    return any(
        isinstance(lit, Comparison) and lit.op not in ("=", "!=")
        for clause in compiled.program.clauses
        for lit in clause.body
    )


def _encode(clause: Clause, codes: dict[Value, int]) -> Clause:
    """The clause with each constant replaced by its number."""

    def term(t: Any) -> Any:
        if isinstance(t, Const):
            return Const(value=codes.setdefault(t.value, len(codes)))
        return t

    def atom(a: Atom) -> Atom:
        return a.model_copy(update={"args": tuple(term(t) for t in a.args)})

    body: list[Any] = []
    for lit in clause.body:
        if isinstance(lit, Atom):
            body.append(atom(lit))
        else:
            body.append(lit.model_copy(update={"left": term(lit.left), "right": term(lit.right)}))
    return clause.model_copy(update={"head": atom(clause.head), "body": tuple(body)})


def _round(
    clauses: list[Clause],
    rel: dict[str, pl.DataFrame],
    delta: Mapping[str, pl.DataFrame] | None,
    preds: set[str],
    dtype: pl.DataType,
) -> dict[str, pl.DataFrame]:
    """Fire every rule once (against the delta of ``preds`` when given); add and return the new."""
    out: dict[str, list[pl.DataFrame]] = {}
    for clause in clauses:
        positives = [b for b in clause.body if isinstance(b, Atom) and not b.negated]
        if delta is None:
            variants: list[int | None] = [None]
        else:
            variants = [
                j
                for j, atom in enumerate(positives)
                if atom.pred in delta and delta[atom.pred].height
            ]
        for j in variants:
            got = _fire(clause, positives, rel, j, delta, dtype)
            if got.height:
                out.setdefault(clause.head.pred, []).append(got)
    new: dict[str, pl.DataFrame] = {}
    for pred, frames in out.items():
        found = pl.concat(frames).unique()
        old = rel[pred]
        fresh = found.join(old, on=old.columns, how="anti") if old.height else found
        if fresh.height:
            rel[pred] = pl.concat([old, fresh])
            new[pred] = fresh
    return new


def _fire(
    clause: Any,
    positives: list[Atom],
    rel: Mapping[str, pl.DataFrame],
    delta_at: int | None,
    delta: Mapping[str, pl.DataFrame] | None,
    dtype: pl.DataType,
) -> pl.DataFrame:
    """The head rows one rule derives (atom ``delta_at`` read from the delta)."""
    empty = _frame([], clause.head.arity, dtype)
    sources: list[pl.DataFrame] = []
    for j, atom in enumerate(positives):
        if j == delta_at and delta is not None:
            sources.append(delta[atom.pred])
        else:
            sources.append(rel.get(atom.pred, _frame([], atom.arity, dtype)))
    frames: list[pl.DataFrame] = []
    for atom, source in zip(positives, sources, strict=True):
        frame = _atom_frame(atom, source, dtype)
        if frame is None:
            continue  # no variables: it holds (it has a matching row) and binds nothing
        if frame.height == 0:
            return empty
        frames.append(frame)
    if any(f.height == 0 for f in frames):
        return empty
    joined = _join(frames, first=None if delta_at is None else _index_of(positives, delta_at))
    for lit in clause.body:
        if isinstance(lit, Comparison):
            joined = _compare(lit, joined, dtype)
        elif isinstance(lit, Atom) and lit.negated:
            joined = _negate(lit, joined, rel, dtype)
        if joined is not None and joined.height == 0:
            return empty
    return _head(clause.head, joined, dtype)


def _index_of(positives: list[Atom], delta_at: int) -> int:
    """The delta atom's place among the atoms that bind variables."""
    return sum(1 for atom in positives[:delta_at] if _names(atom))


def _names(atom: Atom) -> list[str]:
    return list(dict.fromkeys(a.name for a in atom.args if isinstance(a, Var) and a.name != "_"))


def _atom_frame(atom: Atom, source: pl.DataFrame, dtype: pl.DataType) -> pl.DataFrame | None:
    """The bindings one atom gives: its relation filtered by constants and repeated variables.

    ``None`` when it binds no variable and a row matches; an empty frame when none matches.
    """
    first: dict[str, str] = {}
    conditions: list[pl.Expr] = []
    for i, arg in enumerate(atom.args):
        column = f"c{i}"
        if isinstance(arg, Const):
            conditions.append(pl.col(column) == _literal(arg.value, dtype))
        elif isinstance(arg, Var):
            if arg.name == "_":
                continue
            if arg.name in first:
                conditions.append(pl.col(column) == pl.col(first[arg.name]))
            else:
                first[arg.name] = column
        else:
            raise Unsupported("arithmetic in a body atom")
    frame = source.filter(conditions) if conditions else source
    if not first:
        return None if frame.height else frame.head(0)
    frame = frame.select([pl.col(c).alias(v) for v, c in first.items()])
    # Every column kept as it is: the rows are already distinct.
    return frame if len(first) == len(atom.args) else frame.unique()


def _join(frames: list[pl.DataFrame], first: int | None) -> _Frame:
    """Join the atoms' bindings: the delta first, then the smallest that shares a variable."""
    if not frames:
        return None
    remaining = list(range(len(frames)))
    start = (
        first
        if first is not None and first < len(frames)
        else min(remaining, key=lambda i: frames[i].height)
    )
    remaining.remove(start)
    joined = frames[start]
    while remaining:
        sharing = [i for i in remaining if set(frames[i].columns) & set(joined.columns)]
        pick = min(sharing or remaining, key=lambda i: frames[i].height)
        remaining.remove(pick)
        other = frames[pick]
        on = [c for c in other.columns if c in joined.columns]
        joined = joined.join(other, on=on, how="inner") if on else joined.join(other, how="cross")
        if joined.height == 0:
            return joined
    return joined


def _term(term: Any, joined: _Frame, dtype: pl.DataType) -> pl.Expr:
    if isinstance(term, Const):
        return _literal(term.value, dtype)
    if isinstance(term, Var) and joined is not None and term.name in joined.columns:
        return pl.col(term.name)
    raise Unsupported("a comparison that binds a variable, or arithmetic")


def _compare(lit: Comparison, joined: _Frame, dtype: pl.DataType) -> _Frame:
    if joined is None:
        raise Unsupported("a comparison in a body that binds no variable")
    test = _OPS[lit.op](_term(lit.left, joined, dtype), _term(lit.right, joined, dtype))
    return joined.filter(test)


def _negate(
    lit: Atom, joined: _Frame, rel: Mapping[str, pl.DataFrame], dtype: pl.DataType
) -> _Frame:
    """Keep the bindings under which the negated atom has no matching row (an anti-join)."""
    source = rel.get(lit.pred, _frame([], lit.arity, dtype))
    frame = _atom_frame(lit, source, dtype)
    if frame is None:  # no variables and a row matches: the negation fails for every binding
        if joined is None:
            raise Unsupported("a body of negated atoms only")
        return joined.head(0)
    if joined is None or not set(frame.columns) <= set(joined.columns):
        raise Unsupported("a negated atom with a variable bound nowhere else")
    if frame.height == 0:
        return joined
    return joined.join(frame, on=list(frame.columns), how="anti")


def _head(head: Atom, joined: _Frame, dtype: pl.DataType) -> pl.DataFrame:
    columns: list[pl.Expr] = []
    for i, arg in enumerate(head.args):
        if isinstance(arg, Const):
            columns.append(_literal(arg.value, dtype).alias(f"c{i}"))
        elif isinstance(arg, Var) and joined is not None and arg.name in joined.columns:
            columns.append(pl.col(arg.name).alias(f"c{i}"))
        else:
            raise Unsupported("arithmetic or an unbound variable in a head")
    if joined is None:  # one empty binding: one row of constants
        return pl.select(columns)
    return joined.select(columns).unique()


def _literal(value: Value, dtype: pl.DataType) -> pl.Expr:
    return pl.lit(value, dtype=dtype)


def _frame(rows: list[Row], arity: int, dtype: pl.DataType) -> pl.DataFrame:
    schema = {f"c{i}": dtype for i in range(arity)}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _dtype(compiled: CompiledProgram, inputs: Mapping[str, list[Row]]) -> pl.DataType:
    """One type for every value of the program: text or integers, not both."""
    kinds: set[type] = set()
    for rows in inputs.values():
        for row in rows:
            if not row:
                raise Unsupported("a relation without arguments")
            kinds.update(type(v) for v in row)
            if len(kinds) > 1:
                raise Unsupported("values of more than one type")
    for clause in compiled.program.clauses:
        for lit in (clause.head, *clause.body):
            if isinstance(lit, Atom):
                if not lit.args:
                    raise Unsupported("a relation without arguments")
                args: tuple[Any, ...] = lit.args
            elif isinstance(lit, Comparison):
                args = (lit.left, lit.right)
            else:  # pragma: no cover - every body literal is an atom or a comparison
                raise Unsupported("an unknown body literal")
            for arg in args:
                if isinstance(arg, Const):
                    kinds.add(type(arg.value))
                elif not isinstance(arg, Var):
                    raise Unsupported("arithmetic")
    if len(kinds) > 1 or kinds - {str, int}:
        raise Unsupported("values of more than one type")
    return pl.Int64() if kinds == {int} else pl.String()


__all__ = ["Unsupported", "evaluate_columnar"]
