"""Articles: each provision's citation, dates and text once, inherited by the rules beneath it.

A rule with ``@article("id")`` formalises that article: it takes the article's citation and dates
unless it narrows them (a paragraph or item of the article; a later start or an earlier end), and
its quote is the article's unless it quotes a part of its own. Problems have stable codes:
``unknown_article``, ``duplicate_article_id``, ``article_mismatch``, ``article_dates``,
``invalid_annotation`` and ``missing_annotation`` on an article.

>>> from dualuse.engine.datalog.parser import parse_text
>>> program = parse_text('''
... @cites(instrument="Export Control Law", article="12", paragraph="2")
... @in_force(from="2020-12-01")
... .article "ecl.12.2"
... @id("r") @article("ecl.12.2") @says("p") p :- q.
... ''')
>>> resolved, articles, errors = resolve_articles(program)
>>> resolved.clauses[0].meta.cites.text(), errors
('ECL Art. 12(2)', [])
"""

from __future__ import annotations

from collections.abc import Iterable

from dualuse.engine.datalog.syntax import Article, Clause, InForce, Location, Program, RuleMeta
from dualuse.engine.errors import RuleCheckError

_ARTICLE_ANNOTATIONS = ("cites", "in_force", "quote", "note")
"""What an article may state; sentences and readings belong to the rules beneath it."""


def _where(loc: Location) -> dict[str, object]:
    return {"file": loc.file, "line": loc.line, "column": loc.column}


def _within(inner: InForce, outer: InForce) -> bool:
    if inner.start < outer.start:
        return False
    if outer.until is None:
        return True
    return inner.until is not None and inner.until <= outer.until


def _article_errors(articles: Iterable[Article]) -> Iterable[RuleCheckError]:
    seen: dict[str, Location] = {}
    for article in articles:
        where = _where(article.loc)
        if article.id in seen:
            yield RuleCheckError(
                "duplicate_article_id",
                f"article id {article.id!r} is already used at {seen[article.id].text()}",
                **where,  # type: ignore[arg-type]
            )
        seen.setdefault(article.id, article.loc)
        for name in ("cites", "in_force"):
            if getattr(article.meta, name) is None:
                yield RuleCheckError(
                    "missing_annotation",
                    f"article {article.id} has no @{name}",
                    **where,  # type: ignore[arg-type]
                )
        stated = {k for k, v in article.meta.model_dump(exclude_none=True).items() if v}
        for name in sorted(stated - set(_ARTICLE_ANNOTATIONS)):
            yield RuleCheckError(
                "invalid_annotation",
                f"@{name} belongs on the rules of article {article.id}, not on the article",
                **where,  # type: ignore[arg-type]
            )


def _dates(
    rule_id: str | None, dates: InForce, article: Article, outer: InForce, where: dict[str, object]
) -> RuleCheckError:
    return RuleCheckError(
        "article_dates",
        f"rule {rule_id} is in force {dates.text()}, outside its article {article.id} "
        f"({outer.text()})",
        **where,  # type: ignore[arg-type]
    )


def _inherit(clause: Clause, article: Article) -> tuple[RuleMeta, list[RuleCheckError]]:
    meta, own = clause.meta, article.meta
    where = _where(clause.loc)
    errors: list[RuleCheckError] = []
    update: dict[str, object] = {}
    if meta.cites is None:
        update["cites"] = own.cites
    elif own.cites is not None and not meta.cites.within(own.cites):
        errors.append(
            RuleCheckError(
                "article_mismatch",
                f"rule {meta.id} cites {meta.cites.text()}, which is not part of its article "
                f"{article.id} ({own.cites.text()})",
                **where,  # type: ignore[arg-type]
            )
        )
    if meta.in_force is None:
        update["in_force"] = own.in_force
    elif own.in_force is not None and meta.in_force.until is None and own.in_force.until:
        narrowed = InForce.model_validate(
            {"from": meta.in_force.start, "until": own.in_force.until}
        )
        update["in_force"] = narrowed  # a later start; the article's end
        if not _within(narrowed, own.in_force):
            errors.append(_dates(meta.id, narrowed, article, own.in_force, where))
    elif own.in_force is not None and not _within(meta.in_force, own.in_force):
        errors.append(_dates(meta.id, meta.in_force, article, own.in_force, where))
    if meta.quote is not None and meta.quote == own.quote:
        update["quote"] = None  # the article's own text: stated once, on the article
    return meta.model_copy(update=update), errors


def resolve_articles(
    program: Program,
) -> tuple[Program, dict[str, Article], list[RuleCheckError]]:
    """Give each rule its article's citation and dates; return the articles by id and problems.

    A rule's ``meta.quote`` stays its own narrower quote (``None`` when the article's applies;
    ``RuleBase.quote_of`` gives the words either way).
    """
    errors = list(_article_errors(program.articles))
    articles: dict[str, Article] = {}
    for article in program.articles:
        articles.setdefault(article.id, article)
    clauses: list[Clause] = []
    for clause in program.clauses:
        name = clause.meta.article
        if name is None:
            clauses.append(clause)
            continue
        found = articles.get(name)
        if found is None:
            known = ", ".join(sorted(articles)[:5]) or "none declared"
            errors.append(
                RuleCheckError(
                    "unknown_article",
                    f"rule {clause.meta.id} points to article {name!r}, which no .article "
                    f"declares (known: {known})",
                    **_where(clause.loc),  # type: ignore[arg-type]
                )
            )
            clauses.append(clause)
            continue
        meta, problems = _inherit(clause, found)
        errors.extend(problems)
        clauses.append(clause.model_copy(update={"meta": meta}))
    return program.model_copy(update={"clauses": tuple(clauses)}), articles, errors
