"""What a rule base needs besides a valid program: every rule cited, dated, explained, defined.

Each problem is a :class:`~dualuse.engine.errors.RuleCheckError` with a stable ``code``:
``duplicate_rule_id``, ``missing_citation``, ``missing_article``, ``missing_annotation``,
``undefined_predicate``.

>>> from dualuse.engine.datalog.parser import parse_text
>>> [e.code for e in check_legal(parse_text('p(X) :- q(X).'))]
['missing_annotation', 'undefined_predicate']
"""

from __future__ import annotations

from collections.abc import Iterable

from dualuse.engine.datalog.syntax import Atom, Location, Program
from dualuse.engine.errors import RuleCheckError
from dualuse.engine.law.articles import resolve_articles


def _where(loc: Location) -> dict[str, object]:
    return {"file": loc.file, "line": loc.line, "column": loc.column}


def check_legal(program: Program) -> list[RuleCheckError]:
    """Every rule-base problem of ``program``.

    Articles, ids, citations, dates, sentences, definitions: each rule is checked with what it
    inherits from its article.
    """
    resolved, _, errors = resolve_articles(program)
    return errors + list(_legal(resolved))


def _legal(program: Program) -> Iterable[RuleCheckError]:
    ids: dict[str, Location] = {}
    for clause in program.clauses:
        meta = clause.meta
        if meta.id is None:
            yield RuleCheckError(
                "missing_annotation",
                f"a rule of {clause.head.pred} has no @id; every rule in a rule base needs one",
                **_where(clause.loc),  # type: ignore[arg-type]
            )
            continue
        if meta.id in ids:
            yield RuleCheckError(
                "duplicate_rule_id",
                f"rule id {meta.id!r} is already used at {ids[meta.id].text()}",
                **_where(clause.loc),  # type: ignore[arg-type]
            )
        ids.setdefault(meta.id, clause.loc)
        if meta.article is not None and (meta.cites is None or meta.in_force is None):
            continue  # the article is unknown or incomplete: reported on the article
        if meta.cites is None:
            yield RuleCheckError(
                "missing_citation",
                f"rule {meta.id} has no @article(...) and no @cites(instrument=..., article=...)",
                **_where(clause.loc),  # type: ignore[arg-type]
            )
        elif meta.article is None:
            yield RuleCheckError(
                "missing_article",
                f"rule {meta.id} cites {meta.cites.text()} but sits under no article: declare "
                '.article "id" with the citation, dates and quote, and point the rule to it '
                'with @article("id")',
                **_where(clause.loc),  # type: ignore[arg-type]
            )
        for name in ("in_force", "says"):
            if getattr(meta, name) is None:
                yield RuleCheckError(
                    "missing_annotation",
                    f"rule {meta.id} has no @{name}",
                    **_where(clause.loc),  # type: ignore[arg-type]
                )
    defined = {c.head.pred for c in program.clauses} | {d.pred for d in program.declarations}
    for clause in program.clauses:
        for lit in clause.body:
            if isinstance(lit, Atom) and lit.pred not in defined:
                yield RuleCheckError(
                    "undefined_predicate",
                    f"{lit.pred} is neither derived by a rule nor declared with .table or .input",
                    **_where(lit.loc),  # type: ignore[arg-type]
                )
