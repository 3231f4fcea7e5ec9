"""What a user must know before relying on a decision: the caveats, and the law's open questions.

Two steps, around the evaluation:

- :func:`law_facts` adds, before the evaluation, what the user has verified of the law where the
  sources stop (``Transfer.law``), and opens it as a question where it could matter: a time-boxed
  suspension past its published end (``data/suspension_ends.csv``), a listing reported by
  secondary sources only (the second wave of 29 June 2026);
- :func:`caveats` writes, after it, the caveats shown before everything else: a defaulted date,
  the research horizon, suspensions past their end, readings the outcome rests on, known gaps
  that bear on the transfer, and low-confidence sources relied on.

Every fact and sentence comes from the rule base's tables and rules; nothing here states law.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from datetime import date

from dualuse.engine.datalog.terms import Row
from dualuse.engine.datalog.threevalued import World
from dualuse.engine.decide.decision import Caveat, Liability, Question
from dualuse.engine.decide.facts import InputFacts, Open
from dualuse.engine.decide.options import yes_no
from dualuse.engine.decide.transfer import Transfer
from dualuse.engine.explain.proof import FactNode, ProofNode, RuleNode
from dualuse.engine.explain.sentences import enumeration
from dualuse.engine.law.rulebase import RuleBase, TableRow

SUSPENSION_ENDS = "suspension_end_passed"
"""The table of measures whose suspension has passed its published end."""
EXTENDED = "suspension_extended"
"""The input fact: MOFCOM extended a suspension (its argument: the suspending instrument)."""
REPORTED = ("control_listed_reported", "watch_listed_reported")
"""The tables of listings reported by secondary sources only."""
VERIFIED = "second_wave_verified"
"""The input fact: the user has verified the reported listing."""
HORIZON = "beyond_research_horizon"
"""The table whose row is valid on every date past the research horizon."""
GAPS = "known_gap"
"""The table of what the research could not retrieve, with what each gap bears on."""

LOW = {
    "low": "reported by secondary sources only and marked low confidence",
    "M": "not confirmed in any stored source (from memory or inference)",
}


def _valid(base: RuleBase, pred: str, day: date) -> list[TableRow]:
    return [row for row in base.tables.get(pred, ()) if row.valid_on(day)]


def _ends(base: RuleBase, day: date) -> dict[str, list[TableRow]]:
    """Rows of suspensions past their end on ``day``, by suspending instrument."""
    out: dict[str, list[TableRow]] = {}
    for row in _valid(base, SUSPENSION_ENDS, day):
        out.setdefault(str(row.values[1]), []).append(row)
    return out


def _items(facts: InputFacts) -> set[str]:
    return {str(row[0]) for row in facts.known.get("item", ())}


def _parties(facts: InputFacts) -> set[str]:
    return {str(row[0]) for role in ("end_user", "consignee") for row in facts.known.get(role, ())}


def law_facts(base: RuleBase, day: date, transfer: Transfer, facts: InputFacts) -> None:
    """Add what the user verified of the law past the sources; open it where it could matter.

    A suspension past its end is asked about when the transfer's item is catalogued under a
    measure it suspended; a reported listing when the end user or consignee is a reported entity.
    Elsewhere the status cannot change the outcome and the caveat says so.
    """
    measures = {
        str(row.values[0]): str(row.values[1]) for row in base.tables.get("catalogue_entry", ())
    }
    items = _items(facts)
    for suspender, rows in _ends(base, day).items():
        name = rows[0].record.get("field", "")
        answer = getattr(transfer.law, name, None)
        field = f"law.{name}"
        if answer is True:
            facts.add(EXTENDED, (suspender,), field)
        elif answer is None and any(
            measures.get(i) in {str(r.values[0]) for r in rows} for i in items
        ):
            question = rows[0].record.get("question", "") or _asks(base, EXTENDED)
            facts.open.append(
                Open(
                    field,
                    question,
                    {"yes": [(EXTENDED, (suspender,))], "no": []},
                    options=list(yes_no(field)),
                )
            )
    reported = {str(r.values[0]) for pred in REPORTED for r in _valid(base, pred, day)}
    if reported & _parties(facts):
        answer = transfer.law.second_wave_verified if transfer.law is not None else None
        if answer is True:
            facts.add(VERIFIED, (), "law.second_wave_verified")
        elif answer is None:
            question = _asks(base, VERIFIED)
            facts.open.append(
                Open(
                    "law.second_wave_verified",
                    question,
                    {"yes": [(VERIFIED, ())], "no": []},
                    options=list(yes_no("law.second_wave_verified")),
                )
            )


def _asks(base: RuleBase, pred: str) -> str:
    decl = base.declarations.get(pred)
    return (decl.meta.asks or "") if decl is not None else ""


def caveats(
    base: RuleBase,
    day: date,
    transfer: Transfer,
    facts: InputFacts,
    world: World,
    grounds: Sequence[ProofNode],
    liable: Sequence[Liability],
    questions: Sequence[Question],
    *,
    label: Callable[[str], str] = str,
    evaluate: Callable[[Open, str], World] | None = None,
) -> list[Caveat]:
    """The caveats of one decision, most important first.

    ``evaluate`` re-evaluates the transfer with one open question answered, to find the
    questions a possible liability turns on; ``label`` names a party for people.
    """
    out: list[Caveat] = []
    if transfer.date is None:
        out.append(
            Caveat(
                kind="date",
                text=(
                    f"The transfer gives no date: the law in force on {day.isoformat()} was "
                    "applied. Give the date of the transfer for an answer on its date."
                ),
            )
        )
    for row in _valid(base, HORIZON, day):
        out.append(
            Caveat(
                kind="horizon",
                text=(
                    f"The sources of this rule base end on {row.values[0]}: law made after that "
                    f"date (new lists, new measures, extensions, repeals) is not known, so this "
                    f"answer for {day.isoformat()} cannot reflect it."
                ),
            )
        )
    asked = {q.field for q in questions}
    for suspender, rows in _ends(base, day).items():
        out.append(_suspension(base, suspender, rows, transfer, asked))
    out.extend(_readings(grounds))
    out.extend(_gaps(base, day, transfer, facts, world))
    if evaluate is not None:
        out.extend(_may_be_liable(base, facts, world, label, evaluate))
    out.extend(_alternatives(base, day, liable))
    out.extend(_low(grounds, liable))
    return list({c.text: c for c in out}.values())


def _suspension(
    base: RuleBase, suspender: str, rows: list[TableRow], transfer: Transfer, asked: set[str]
) -> Caveat:
    name = rows[0].record.get("field", "")
    ended = str(rows[0].values[2])
    suspended = [_instrument(base, str(r.values[0])) for r in rows]
    text = (
        f"{suspender} suspended {enumeration(suspended)} until {ended}. The sources of this rule "
        "base do not say whether the suspension was extended or has lapsed, so the status of the "
        "suspended measures after that date is not known."
    )
    answer = getattr(transfer.law, name, None)
    decisive = f"law.{name}" in asked
    if answer is not None:
        verb = "has" if answer else "has not"
        text += f" You state that MOFCOM {verb} extended it; the answer relies on that."
    elif decisive:
        text += " The answer depends on it: see the question."
    else:
        text += " The outcome of this transfer does not depend on it."
    return Caveat(kind="suspension", text=text, decisive=decisive)


def _instrument(base: RuleBase, measure: str) -> str:
    for row in base.tables.get("suspension", ()):
        if str(row.values[0]) == measure:
            return row.record.get("instrument", measure)
    return measure


def _readings(grounds: Sequence[ProofNode]) -> Iterable[Caveat]:
    """The readings the outcome rules themselves adopt (the top of each ground)."""
    for ground in grounds:
        if isinstance(ground, RuleNode) and ground.interpretation is not None:
            reading = ground.interpretation
            yield Caveat(
                kind="reading",
                text=(
                    f"This answer rests on a reading, not on the text of the law: "
                    f"{reading.reading} (held by {reading.by}; confidence {reading.confidence})."
                ),
            )


def _gaps(
    base: RuleBase, day: date, transfer: Transfer, facts: InputFacts, world: World
) -> Iterable[Caveat]:
    rows = _catalogue(base, day, facts)  # once: every gap's test reads the same entries
    for row in _valid(base, GAPS, day):
        if _bears(str(row.values[1]), rows, transfer, facts, world):
            rec = row.record
            yield Caveat(
                kind="gap",
                text=f"{rec.get('instrument', '')}: {rec.get('description', '')}",
            )


def _catalogue(base: RuleBase, day: date, facts: InputFacts) -> list[TableRow]:
    """The catalogue entries of the transfer's items valid on ``day``."""
    items = _items(facts)
    return [
        r
        for r in base.tables.get("catalogue_entry", ())
        if str(r.values[0]) in items and r.valid_on(day)
    ]


def _bears(
    what: str, rows: list[TableRow], transfer: Transfer, facts: InputFacts, world: World
) -> bool:
    """Whether a gap bears on this transfer (the keywords of the column ``bears_on``).

    ``rows``: the catalogue entries of the transfer's items on its day.
    """
    kind, _, arg = what.partition(":")
    values = [v for v in arg.split("|") if v]
    if kind == "japan_nexus":
        return bool(world.possibly("japan_nexus"))
    if kind == "item_uncatalogued":
        return bool(_items(facts)) and not rows
    if kind == "item_no_code":
        return any(not r.record.get("code") for r in rows)
    if kind == "item_code":
        return any(r.record.get("code", "").startswith(tuple(values)) for r in rows)
    if kind == "item_material":
        return any(r.record.get("material") in values for r in rows)
    if kind == "item_ask":
        return any(r.values[2] == "ask" for r in rows)
    if kind == "transfer":
        return transfer.transfer in values
    if kind == "country":
        countries = {transfer.destination, transfer.origin, *(transfer.route or [])}
        countries |= {p.country for p in (transfer.exporter, transfer.consignee, transfer.end_user)}
        return bool(countries & set(values))
    return False


def _may_be_liable(
    base: RuleBase,
    facts: InputFacts,
    world: World,
    label: Callable[[str], str],
    evaluate: Callable[[Open, str], World],
) -> Iterable[Caveat]:
    """Liabilities that turn on unknown facts: "may be liable", with the questions."""
    maybe = sorted(world.possibly("liable") - world.surely("liable"), key=str)

    def sure_after(opened: Open, answer: str) -> AbstractSet[Row]:
        return evaluate(opened, answer).surely("liable")

    for party, basis in maybe:
        asked = []
        for opened in facts.open:
            if opened.penalty_only:
                continue
            for answer in opened.answers:
                if (party, basis) in sure_after(opened, answer):
                    asked.append(opened.question)
                    break
        rule = next(
            (
                c
                for c in base.rules_for("liable")
                if len(c.head.args) == 2 and getattr(c.head.args[1], "value", None) == basis
            ),
            None,
        )
        if not asked:  # no single answer makes it sure: the three-valued bound, not a real case
            continue
        where = rule.meta.cites.text() if rule is not None and rule.meta.cites else "these rules"
        yield Caveat(
            kind="liability",
            text=(
                f"{label(str(party))} may be liable under {where}, depending on the answer to: "
                + " ".join(asked)
            ),
        )


def _alternatives(base: RuleBase, day: date, liable: Sequence[Liability]) -> Iterable[Caveat]:
    """One act, two bases of liability: say they are alternatives, not fines to add up."""
    for row in _valid(base, "alternative_bases", day):
        first, other = str(row.values[0]), str(row.values[1])
        for lia in liable:
            twin = next((x for x in liable if x.party == lia.party and x.basis == other), None)
            if lia.basis != first or twin is None:
                continue
            cites = [x.citation.text() if x.citation else x.basis for x in (lia, twin)]
            yield Caveat(
                kind="reading",
                text=(
                    f"{lia.party} is liable under {cites[0]} and under {cites[1]} for the same "
                    "export: these are alternative bases for one act, and the authority decides "
                    "which it applies; the fines shown are not added together (a reading of "
                    "dualuse, not confirmed in the sources)."
                ),
            )


def _low(grounds: Sequence[ProofNode], liable: Sequence[Liability]) -> Iterable[Caveat]:
    roots = [*grounds, *(lia.proof for lia in liable if lia.proof is not None)]
    stack: list[ProofNode] = list(roots)
    while stack:
        node = stack.pop(0)
        if isinstance(node, RuleNode):
            stack.extend(node.children)
            reading = node.interpretation
            if reading is not None and reading.confidence == "low":
                yield Caveat(
                    kind="low_confidence",
                    text=f"The answer relies on a reading of low confidence: {reading.reading}",
                )
        elif isinstance(node, FactNode) and node.confidence in LOW:
            yield Caveat(
                kind="low_confidence",
                text=f"The answer relies on a fact {LOW[node.confidence]}: {node.sentence}.",
            )
