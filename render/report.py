"""What a decision report says, section by section, before any formatting.

The order follows how a reader checks an answer: the outcome in one line, what to know before
relying on it (the caveats: a defaulted date, the research horizon, suspensions past their end,
readings, gaps, low-confidence sources), its grounds, the words
of the law, why the other outcomes fail, conditions, liability, the questions that remain, what
would change the outcome, how names were matched, and the record to replay it.
"""

from __future__ import annotations

import json

from dualuse.engine import Change, Decision, Liability, Match, Penalty, Question, Sanction
from dualuse.render.document import (
    Block,
    Code,
    Item,
    Items,
    Line,
    Paragraph,
    Report,
    Section,
    Span,
    code,
    em,
    line,
    strong,
)
from dualuse.render.proofs import proof_item, quoted_steps, why_not_item
from dualuse.render.words import (
    DECISIVE_LABELS,
    DECISIVE_ORDER,
    citation_text,
    fine_range,
    humanise,
    interpretation_label,
    join_or,
    outcome_label,
)

_SEP = " · "


def _none(text: str) -> tuple[Block, ...]:
    return (Paragraph(line(em(text))),)


def _items(items: list[Item], empty: str, *, numbered: bool = False) -> tuple[Block, ...]:
    return (Items(tuple(items), numbered),) if items else _none(empty)


def _ids(ids: list[str]) -> Line:
    spans: list[Span] = []
    for n, name in enumerate(ids):
        if n:
            spans.append(Span(", "))
        spans.append(code(name))
    return tuple(spans)


def _source(rule_id: str, citation: str) -> Line:
    return line(code(rule_id), *((_SEP + citation,) if citation else ()))


def _headline(decision: Decision) -> tuple[Line, ...]:
    lines = [
        line(strong(f"Outcome: {outcome_label(decision.outcome)}"), " — ", decision.summary),
        line(strong("As of"), f": {decision.as_of.isoformat()} (the law in force on that date)"),
    ]
    if decision.possible_outcomes:
        still = join_or([outcome_label(o) for o in decision.possible_outcomes])
        lines.append(line(strong("Still possible"), f": {still}"))
    if decision.interpretations:
        lines.append(
            line(strong("Relies on interpretations"), ": ", *_ids(decision.interpretations))
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
    return Section("Before relying on this answer", (Items(tuple(items)),)) if items else None


def _grounds(decision: Decision) -> Section:
    if decision.grounds:
        return Section("Grounds", (Items(tuple(proof_item(g) for g in decision.grounds)),))
    if decision.outcome == "undetermined":
        return Section("Grounds", _none("No ground settles the outcome yet: see the questions."))
    return Section("Grounds", _none("Not recorded: the decision was made without explanations."))


def _law(decision: Decision) -> Section | None:
    items = []
    for step in quoted_steps(decision.grounds):
        quote = step.quote
        assert quote is not None  # quoted_steps keeps only steps with a quote
        lines = [_source(step.rule_id, citation_text(step.citation))]
        lines += [line(f"“{text}”") for text in (quote.en, quote.zh) if text]
        if quote.source:
            lines.append(line(em(f"Source: {quote.source}")))
        items.append(Item(tuple(lines)))
    return Section("The law relied on", (Items(tuple(items)),)) if items else None


def _why_not(decision: Decision) -> Section:
    items = [
        Item((line(strong(outcome_label(o.outcome))),), tuple(why_not_item(w) for w in o.rules))
        for o in decision.why_not
    ]
    return Section("Why not the other outcomes", _items(items, "Not recorded."))


def _conditions(decision: Decision) -> Section:
    items = [
        Item(
            (
                line(c.sentence),
                _source(c.rule_id, citation_text(c.citation)),
                *(
                    (
                        line(
                            strong(interpretation_label(c.interpretation)),
                            " ",
                            c.interpretation.reading,
                        ),
                    )
                    if c.interpretation is not None
                    else ()
                ),
            )
        )
        for c in decision.conditions
    ]
    return Section("Licence conditions", _items(items, "None."))


def _penalty(p: Penalty) -> Item:
    lines = [
        line(strong("Fine"), f": {fine_range(p.min_cny, p.max_cny)}"),
        line(strong("Arithmetic"), f": {p.arithmetic}"),
        _source(p.rule_id, citation_text(p.citation)),
    ]
    if p.interpretation is not None:
        lines.append(
            line(strong(interpretation_label(p.interpretation)), " ", p.interpretation.reading)
        )
    return Item(tuple(lines))


def _sanction(s: Sanction) -> Item:
    return Item(
        (
            line(strong("Sanction"), f": {humanise(s.sanction)}"),
            _source(s.rule_id, citation_text(s.citation)),
        )
    )


def _liability(liable: Liability) -> Item:
    children = [_penalty(p) for p in liable.penalties]
    if not liable.penalties:
        children.append(
            Item((line(strong("Fine"), ": ", em("not sized: the illegal turnover is unknown")),))
        )
    children += [_sanction(s) for s in liable.sanctions]
    if liable.proof is not None:  # absent when the decision was made without explanations
        children.append(Item((line(strong("Why")),), (proof_item(liable.proof),)))
    lines = (
        line(strong(liable.party), f" — liable for {humanise(liable.basis)}"),
        line(liable.sentence),
        _source(liable.rule_id, citation_text(liable.citation)),
    )
    return Item(lines, tuple(children))


def _question(q: Question) -> Item:
    lines = [
        line(q.question),
        line(
            strong("Field"), ": ", code(q.field), _SEP, DECISIVE_LABELS.get(q.decisive, q.decisive)
        ),
    ]
    if q.options:
        lines.append(line(strong("Answers"), ": ", " / ".join(q.options)))
    if q.if_answered:
        outcomes = "; ".join(f"“{a}” → {outcome_label(o)}" for a, o in q.if_answered.items())
        lines.append(line(strong("If answered"), ": ", outcomes))
    if q.reason:
        lines.append(line(strong("Why it matters"), ": ", q.reason))
    if q.rule_ids:
        lines.append(line(strong("Rules"), ": ", *_ids(q.rule_ids)))
    return Item(tuple(lines))


def _questions(decision: Decision) -> Section:
    ordered = sorted(decision.questions, key=lambda q: DECISIVE_ORDER.get(q.decisive, 9))
    return Section(
        "Questions that remain (most decisive first)",
        _items([_question(q) for q in ordered], "None.", numbered=True),
    )


def _change(c: Change) -> Item:
    lines = [line("; ".join(c.changes), " → ", strong(outcome_label(c.outcome)))]
    if c.fields:
        lines.append(line(strong("Fields"), ": ", *_ids(c.fields)))
    if c.rule_ids:
        lines.append(line(strong("Rules"), ": ", *_ids(c.rule_ids)))
    return Item(tuple(lines))


def _changes(decision: Decision) -> Section:
    items = [_change(c) for c in decision.what_would_change]
    return Section("What would change the outcome", _items(items, "No change found."))


def _match(m: Match) -> Item:
    name = f"{m.label} ({m.matched})" if m.label else (m.matched or "")
    if m.matched is None:
        verdict = (
            f"no entry of the catalogue or lists matched (best score {m.score:g}); taken as written"
        )
    elif m.exact:
        verdict = f"matched {name}, exact"
    else:
        verdict = f"near match {name}, score {m.score:g}: not assumed, to be confirmed"
    return Item((line(code(m.field), f": “{m.text}” → {verdict}"),))


def _matches(decision: Decision) -> Section:
    return Section("Names matched", _items([_match(m) for m in decision.matches], "None."))


def _audit(decision: Decision) -> Section:
    audit = decision.audit
    record = json.dumps(audit.input, ensure_ascii=False, indent=2, sort_keys=False)
    return Section(
        "Audit record",
        (
            Paragraph(line(strong("Engine version"), ": ", code(audit.engine_version))),
            Paragraph(line(strong("Rules digest"), ": ", code(audit.rules_digest))),
            Paragraph(line(strong("As of"), f": {audit.as_of.isoformat()}")),
            *_rule_lists(audit.rules_fired, audit.rules_not_fired),
            Paragraph(line(strong("Input as received"), ":")),
            Code(record, "json"),
        ),
    )


def _rule_lists(fired: list[str], not_fired: list[str]) -> tuple[Block, ...]:
    lists = (("Rules that fired", fired), ("Rules in force that did not fire", not_fired))
    return tuple(
        Paragraph(line(strong(f"{label} ({len(ids)})"), ": ", *_ids(ids)))
        for label, ids in lists
        if ids
    )


def build_report(decision: Decision) -> Report:
    """The report of a decision, as structure for a formatter."""
    title = f"Decision {decision.id}" if decision.id else "Decision"
    parts = (
        _caveats(decision),
        _grounds(decision),
        _law(decision),
        _why_not(decision),
        _conditions(decision),
        Section(
            "Liability",
            _items([_liability(x) for x in decision.liable], "No party is exposed on these facts."),
        ),
        _questions(decision),
        _changes(decision),
        _matches(decision),
        _audit(decision),
    )
    return Report(title, _headline(decision), tuple(p for p in parts if p is not None))
