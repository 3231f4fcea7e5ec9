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


_VERBS = (
    (" is ", " is not "),
    (" are ", " are not "),
    (" has ", " has not "),
    (" helps ", " does not help "),
    (" knows ", " does not know "),
)


def negative(sentence: str) -> str | None:
    """The one negation of a positive sentence ("is" -> "is not"); ``None`` when it has none.

    >>> negative("TDK is on the control list")
    'TDK is not on the control list'
    """
    for verb, neg in _VERBS:
        if verb in sentence:
            return sentence.replace(verb, neg, 1)
    return None


def negate(sentence: str) -> str:
    """The negation of a sentence: :func:`negative`, else "it is not the case that ..."."""
    return negative(sentence) or f"it is not the case that {sentence}"


def check_legal(program: Program) -> list[RuleCheckError]:
    """Every rule-base problem of ``program``.

    Articles, ids, citations, dates, sentences, definitions: each rule is checked with what it
    inherits from its article.
    """
    resolved, _, errors = resolve_articles(program)
    return errors + list(_legal(resolved)) + list(_sentences(resolved))


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


def _sentences(program: Program) -> Iterable[RuleCheckError]:
    """Every fact a rule reads can be shown to a person: a sentence, its negation, a question.

    A why-not shows a declared fact (``.input``, ``.table``) in the words of its ``@says``, or
    of its negation (``@denies``, or the ``@says`` with "is" made "is not"); a question asks an
    input with its ``@asks``.
    """
    used = {
        lit.pred
        for clause in program.clauses
        if clause.meta.id is not None
        for lit in clause.body
        if isinstance(lit, Atom)
    }
    for decl in program.declarations:
        if decl.pred not in used or decl.kind == "decl":
            continue
        where = _where(decl.loc)
        meta = decl.meta
        if not meta.says:
            yield RuleCheckError(
                "missing_sentence",
                f"{decl.pred} is read by rules but has no @says: a person could be shown it",
                **where,  # type: ignore[arg-type]
            )
        elif not meta.denies and negative(meta.says) is None:
            yield RuleCheckError(
                "missing_negation",
                f"the @says of {decl.pred} ({meta.says!r}) has no verb to negate: give its "
                'negative form with @denies("...")',
                **where,  # type: ignore[arg-type]
            )
        if decl.kind == "input" and not meta.asks:
            yield RuleCheckError(
                "missing_question",
                f"the input {decl.pred} has no @asks: it could not be asked when unknown",
                **where,  # type: ignore[arg-type]
            )
