"""Why the other outcomes were not reached, as a memo writes it.

For each outcome not reached, one line per route (a prong, a list, a licence route) with the
decisive fact and its citation: "Not prohibited: the end use is not military (Announcement 2026
No. 1, cl. 1, second prong)". An outcome still open leads with the question it turns on. The full
reasoning of a route is folded beneath its line; a step that only repeats the line above is left
out, its citation added to the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dualuse.engine import Decision, OutcomeWhyNot, WhyNot
from dualuse.render.document import Item, Items, Line, Paragraph, Section, em, line, strong
from dualuse.render.proofs import decisive, why_not_item
from dualuse.render.words import citation_text, join_or, outcome_label

__all__ = ["why_not_section"]

TITLE = "Why not the other outcomes"


@dataclass
class _Route:
    """One decisive fact, the citations that lead to it and the reasoning beneath it."""

    sentence: str
    citations: list[str] = field(default_factory=list)
    reasons: list[WhyNot] = field(default_factory=list)

    def cite(self, text: str) -> None:
        if text and text not in self.citations and text not in self.sentence:
            self.citations.append(text)

    def restates(self, reason: WhyNot) -> bool:
        """A reason that only repeats a part of the line, under a citation the line gives."""
        cite = citation_text(reason.citation)
        return (
            not reason.because
            and reason.sentence in self.sentence
            and (not cite or cite in self.citations or cite in self.sentence)
        )

    def unfold(self, reason: WhyNot) -> list[WhyNot]:
        """A reason that repeats part of the line under its citation gives way to its own."""
        cite = citation_text(reason.citation)
        if reason.because and reason.sentence in self.sentence and cite in self.citations:
            return [x for r in reason.because for x in self.unfold(r)]
        return [reason]

    def line(self, prefix: str = "") -> Line:
        cites = f" ({'; '.join(self.citations)})" if self.citations else ""
        return line(strong(prefix) if prefix else "", " " if prefix else "", self.sentence, cites)

    def item(self, prefix: str = "") -> Item:
        children = tuple(why_not_item(r) for r in self.reasons)
        return Item((self.line(prefix),), children, folded=bool(children))


def _nearest_citation(why: WhyNot, fact: WhyNot) -> str:
    """The citation of the decisive fact, or of the nearest step above it that has one."""
    cited = citation_text(why.citation)
    while why is not fact and why.because:
        why = why.because[0]
        cited = citation_text(why.citation) or cited
    return cited


def _routes(outcome: OutcomeWhyNot) -> list[_Route]:
    """The routes of an outcome, one per decisive fact: routes that fail alike are said once."""
    found: dict[str, _Route] = {}
    for why in outcome.rules:
        fact = decisive(why)
        route = found.setdefault(fact.sentence, _Route(fact.sentence))
        route.cite(_nearest_citation(why, fact))
        for reason in fact.because:
            if reason.sentence == fact.sentence:  # the same fact under a narrower citation
                route.cite(citation_text(reason.citation))
                route.reasons += reason.because
            elif reason.sentence not in {r.sentence for r in route.reasons}:
                route.reasons.append(reason)
    for route in found.values():
        route.reasons = [x for r in route.reasons for x in route.unfold(r)]
        if all(route.restates(r) for r in route.reasons):
            route.reasons = []
    return list(found.values())


def _open_line(decision: Decision, outcome: str) -> Line:
    """For an outcome still possible: the question it turns on, and the answers that give it."""
    for q in decision.questions:
        answers = [a for a, o in q.if_answered.items() if o == outcome]
        if answers:
            return line(
                strong("Open"),
                f": {q.question} If {join_or(answers)}: {outcome_label(outcome).lower()}.",
            )
    return ()


def _prefix(label: str) -> str:
    """``Not prohibited:``; an outcome whose name is already negative: ``Not controlled:``."""
    if label.lower().startswith("not "):
        return f"{label}: not reached, because"
    return f"Not {label.lower()}:"


def outcome_item(decision: Decision, outcome: OutcomeWhyNot) -> Item:
    """Why one outcome was not reached (or what it still turns on), route by route."""
    label = outcome_label(outcome.outcome)
    routes = _routes(outcome)
    if decision.outcome == "undetermined" and outcome.outcome in decision.possible_outcomes:
        lead = _open_line(decision, outcome.outcome)
        ways = tuple(r.item() for r in routes)
        if lead:
            ways = (Item((lead,)), *ways)
        return Item((line(strong(f"{label}: still open")),), ways)
    prefix = _prefix(label)
    if len(routes) == 1:
        return routes[0].item(prefix)
    said = prefix.removesuffix(", because").removesuffix(":")
    count = f"none of its {len(routes)} routes applies" if routes else "no rule reaches it"
    return Item(
        (line(strong(said), f", {count}" if said.endswith("reached") else f": {count}"),),
        tuple(r.item() for r in routes),
    )


def why_not_section(decision: Decision, only: str | None = None) -> Section:
    """The section "Why not the other outcomes"; ``only``: just that outcome."""
    items = tuple(
        outcome_item(decision, o) for o in decision.why_not if only is None or o.outcome == only
    )
    if items:
        return Section(TITLE, (Items(items),), key="why_not")
    return Section(TITLE, (Paragraph(line(em("Not recorded."))),), key="why_not")
