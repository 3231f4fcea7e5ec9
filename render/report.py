"""What a decision report says, section by section, before any formatting.

The order follows how a reader checks an answer: the outcome in one line, what to know before
relying on it (the caveats: a defaulted date, the research horizon, suspensions past their end,
readings, gaps, low-confidence sources), its grounds, the words
of the law, why the other outcomes fail, conditions, liability, the questions that remain, what
would change the outcome, how names were matched, and the record to replay it.
"""

from __future__ import annotations

from typing import Any

from dualuse.engine import (
    Change,
    Citation,
    Decision,
    Liability,
    Match,
    Penalty,
    Question,
    Quote,
    Sanction,
)
from dualuse.render.document import (
    Block,
    Item,
    Items,
    Line,
    Paragraph,
    Report,
    Section,
    em,
    line,
    strong,
)
from dualuse.render.memo import why_not_section
from dualuse.render.proofs import proof_item, quoted_steps
from dualuse.render.words import (
    DECISIVE_LABELS,
    DECISIVE_ORDER,
    citation_text,
    field_label,
    fine_range,
    humanise,
    interpretation_label,
    join_or,
    outcome_label,
    source_words,
)

_SEP = " · "


def _none(text: str) -> tuple[Block, ...]:
    return (Paragraph(line(em(text))),)


def _items(items: list[Item], empty: str, *, numbered: bool = False) -> tuple[Block, ...]:
    return (Items(tuple(items), numbered),) if items else _none(empty)


def _source(citation: str) -> Line:
    return line(em(citation)) if citation else ()


def _lines(*lines: Line) -> tuple[Line, ...]:
    return tuple(x for x in lines if x)


def _headline(decision: Decision) -> tuple[Line, ...]:
    lines = [
        line(strong(f"Outcome: {outcome_label(decision.outcome)}"), " — ", decision.summary),
        line(strong("As of"), f": {decision.as_of.isoformat()} (the law in force on that date)"),
    ]
    if decision.possible_outcomes:
        still = join_or([outcome_label(o) for o in decision.possible_outcomes])
        lines.append(line(strong("Still possible"), f": {still}"))
    if decision.interpretations:
        count = len(decision.interpretations)
        lines.append(
            line(
                strong("Relies on interpretations"),
                f": {count} reading{'s' if count > 1 else ''} of the law, marked “Interpretation” "
                "where it is applied",
            )
        )
    return tuple(lines)


CAVEAT_LABELS = {
    "date": "Date",
    "horizon": "Research horizon",
    "suspension": "Suspension past its end",
    "reading": "Reading",
    "liability": "Possible liability",
    "gap": "Gap in the research",
    "low_confidence": "Low-confidence source",
}


def _caveats(decision: Decision) -> Section | None:
    items = [
        Item((line(strong(CAVEAT_LABELS.get(c.kind, c.kind)), ": ", c.text),))
        for c in decision.caveats
    ]
    return (
        Section("Before relying on this answer", (Items(tuple(items)),), key="caveats")
        if items
        else None
    )


def _grounds(decision: Decision) -> Section:
    if decision.grounds:
        return Section(
            "Grounds", (Items(tuple(proof_item(g) for g in decision.grounds)),), key="grounds"
        )
    if decision.outcome == "undetermined":
        return Section(
            "Grounds", _none("No ground settles the outcome yet: see the questions."), key="grounds"
        )
    return Section(
        "Grounds", _none("Not recorded: the decision was made without explanations."), key="grounds"
    )


def _law(decision: Decision) -> Section | None:
    """Each article the answer relies on with its words, once; then any narrower words quoted."""
    texts: list[tuple[Citation, str, Quote]] = [
        (a.citation, a.in_force, a.quote) for a in decision.articles.values() if a.quote
    ]
    texts += [
        (s.citation, s.in_force or "", s.quote)
        for s in quoted_steps(decision.grounds)
        if s.citation is not None and s.quote is not None
    ]
    # one entry per provision as cited: a rule that quotes a narrower part (one limb of ECL
    # Art. 2(3)) adds its words under the article's heading, not a second heading
    by_cite: dict[str, tuple[Citation, str, list[Quote]]] = {}
    seen: set[tuple[str | None, str | None]] = set()
    for cite, in_force, quote in texts:
        if not (quote.en or quote.zh) or (quote.en, quote.zh) in seen:
            continue
        seen.add((quote.en, quote.zh))
        by_cite.setdefault(cite.text(), (cite, in_force, []))[2].append(quote)
    items = []
    for cite, in_force, quotes in by_cite.values():
        dates = f", in force {in_force}" if in_force else ""
        lines = [line(strong(cite.text()), f" ({cite.text(lang='zh')}){dates}")]
        for n, quote in enumerate(quotes):
            lines += [line(f"“{text}”") for text in (quote.en, quote.zh) if text]
            later = [q.source for q in quotes[n + 1 :]]
            if quote.source and quote.source not in later:  # a source shared is said once, last
                lines.append(line(em(f"Source: {source_words(quote.source)}")))
        items.append(Item(tuple(lines)))
    return Section("The law relied on", (Items(tuple(items)),), key="law") if items else None


def _conditions(decision: Decision) -> Section | None:
    items = [
        Item(
            _lines(
                line(c.sentence),
                _source(citation_text(c.citation)),
                line(strong(interpretation_label(c.interpretation)), " ", c.interpretation.reading)
                if c.interpretation is not None
                else (),
            )
        )
        for c in decision.conditions
    ]
    if decision.outcome == "prohibited":  # a ban attaches no licence conditions
        return None
    return Section("Licence conditions", _items(items, "None."), key="conditions")


def _penalty(p: Penalty) -> Item:
    lines = [
        line(strong("Fine"), f": {fine_range(p.min_cny, p.max_cny)}"),
        line(strong("Arithmetic"), f": {p.arithmetic}"),
        *_lines(_source(citation_text(p.citation))),
    ]
    if p.interpretation is not None:
        lines.append(
            line(strong(interpretation_label(p.interpretation)), " ", p.interpretation.reading)
        )
    return Item(tuple(lines))


def _sanction(s: Sanction) -> Item:
    cite = citation_text(s.citation)
    words = s.sentence.removeprefix(f"{cite}: ") if cite else s.sentence  # cited once, below
    return Item(_lines(line(strong("Sanction"), f": {words}"), _source(cite)))


def _liability(liable: Liability) -> Item:
    children = [_penalty(p) for p in liable.penalties]
    if not liable.penalties:
        children.append(
            Item((line(strong("Fine"), ": ", em("not sized: the illegal turnover is unknown")),))
        )
    children += [_sanction(s) for s in liable.sanctions]
    if liable.proof is not None:  # absent when the decision was made without explanations
        children.append(Item((line(strong("Why")),), (proof_item(liable.proof),)))
    lines = _lines(
        line(strong(liable.party), f" — liable for {humanise(liable.basis)}"),
        line(liable.sentence),
        _source(citation_text(liable.citation)),
    )
    return Item(lines, tuple(children))


def liability_section(decision: Decision) -> Section:
    """Who is exposed, with the fines, the other sanctions and why."""
    items = [_liability(x) for x in decision.liable]
    return Section(
        "Liability", _items(items, "No party is exposed on these facts."), key="liability"
    )


def _question(q: Question) -> Item:
    lines = [
        line(q.question),
        line(
            strong("Fill in"),
            f": {field_label(q.field)}",
            _SEP,
            DECISIVE_LABELS.get(q.decisive, ""),
        ),
    ]
    if q.options:
        lines.append(line(strong("Answers"), ": ", " / ".join(q.options)))
    if q.if_answered:
        outcomes = "; ".join(f"“{a}” → {outcome_label(o)}" for a, o in q.if_answered.items())
        lines.append(line(strong("If answered"), ": ", outcomes))
    if q.reason:
        lines.append(line(strong("Why it matters"), ": ", q.reason))
    return Item(tuple(lines))


def _questions(decision: Decision) -> Section:
    ordered = sorted(decision.questions, key=lambda q: DECISIVE_ORDER.get(q.decisive, 9))
    return Section(
        "Questions that remain (most decisive first)",
        _items([_question(q) for q in ordered], "None.", numbered=True),
        key="questions",
    )


def _change(c: Change) -> Item:
    lines = [line("If ", " and ".join(c.changes), ": ", strong(outcome_label(c.outcome).lower()))]
    if c.because:
        lines.append(line(em(c.because)))
    return Item(tuple(lines))


def _changes(decision: Decision) -> Section:
    items = [_change(c) for c in decision.what_would_change]
    return Section(
        "What would change the outcome", _items(items, "No change found."), key="changes"
    )


def _match(m: Match) -> Item:
    if m.matched is None:
        verdict = (
            f"no entry of the catalogue or lists matched (best score {m.score:g}); taken as written"
        )
    elif m.exact:
        verdict = f"matched {m.label or 'an entry'}, exact"
    else:
        verdict = (
            f"near match {m.label or 'an entry'}, score {m.score:g}: not assumed, to be confirmed"
        )
    return Item((line(strong(field_label(m.field).capitalize()), f": “{m.text}” → {verdict}"),))


def _matches(decision: Decision) -> Section:
    return Section(
        "Names matched", _items([_match(m) for m in decision.matches], "None."), key="matches"
    )


def _input_lines(value: Any, path: str = "") -> list[Item]:
    if isinstance(value, dict):
        return [i for k, v in value.items() for i in _input_lines(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        return [i for v in value for i in _input_lines(v, path)]
    if isinstance(value, list):
        shown = ", ".join(humanise(str(v)) for v in value) or "none"
    elif isinstance(value, bool):
        shown = "yes" if value else "no"
    elif isinstance(value, int):
        shown = f"{value:,}" if abs(value) >= 10000 else str(value)
    else:
        shown = humanise(str(value))
    return [Item((line(strong(field_label(path).capitalize()), f": {shown}"),))]


def _audit(decision: Decision) -> Section:
    audit = decision.audit
    counts = (
        f": {len(audit.rules_fired)} applied, {audit.rules_weighed} weighed without "
        "applying (listed by id in the decision's JSON form)"
    )
    return Section(
        "Audit record",
        (
            Paragraph(line(strong("Engine version"), f": {audit.engine_version}")),
            Paragraph(line(strong("Rules digest"), f": {audit.rules_digest}")),
            Paragraph(line(strong("As of"), f": {audit.as_of.isoformat()}")),
            *((Paragraph(line(strong("Rules"), counts)),) if audit.rules_fired else ()),
            Paragraph(line(strong("Input as received"), ":")),
            Items(tuple(_input_lines(audit.input))),
        ),
        key="audit",
    )


def build_report(decision: Decision) -> Report:
    """The report of a decision, as structure for a formatter."""
    title = f"Decision {decision.id}" if decision.id else "Decision"
    parts = (
        _caveats(decision),
        _grounds(decision),
        _law(decision),
        why_not_section(decision),
        _conditions(decision),
        liability_section(decision),
        _questions(decision),
        _changes(decision),
        _matches(decision),
        _audit(decision),
    )
    return Report(title, _headline(decision), tuple(p for p in parts if p is not None))
