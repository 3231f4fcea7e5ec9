"""What would change the answer: the smallest sets of input changes that flip a settled outcome.

Each candidate is one change a person could make to the transfer's facts: an end use that is or
is not military, a licence held, a consignee or end user that is another party, what the exporter
knows, the item's listing. Every candidate is evaluated alone, and every pair of candidates that
do not flip the outcome alone but each take away a step of its proof is evaluated together (only
what the change touches is evaluated again, towards the outcome). A set is reported only when no
smaller set inside it flips the outcome. A change that only adds facts which the outcome's rules
read along positive atoms alone, and which no rule of a prevailing outcome reads, is not evaluated:
it can neither flip the outcome nor take a step of its proof away. Changes the user can act on
(the end use, the parties, the licences) come before what they cannot (what the exporter was
told or knows, a listing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from dualuse.engine.datalog.planning import CompiledProgram
from dualuse.engine.datalog.syntax import Atom, Const, Value
from dualuse.engine.datalog.terms import Fact, Row
from dualuse.engine.datalog.threevalued import World
from dualuse.engine.decide.decision import OUTCOME_LABELS, PRIORITY, Change, Outcome
from dualuse.engine.decide.facts import InputFacts, not_entry
from dualuse.engine.decide.options import OTHER
from dualuse.engine.explain.proof import ProofNode, RuleNode
from dualuse.engine.explain.sentences import Sentences

if TYPE_CHECKING:
    from dualuse.engine.decide.decider import Decider

OUTCOME = frozenset({"outcome"})
"""The goal of the variants evaluated to find what would change."""

ACTIONABLE, KNOWLEDGE, LISTING = 0, 1, 2
"""How far the user can act on a change: their own choice, a fact about them, a listing."""

_YES_NO: tuple[tuple[str, str, int], ...] = (
    ("end_use.military", "end_use_military", ACTIONABLE),
    ("end_use.helps_military_strength", "end_use_helps_military_strength", ACTIONABLE),
    ("licences", "licence_held", ACTIONABLE),
    ("licences (special approval)", "special_approval", ACTIONABLE),
    ("exporter_knowledge.wmd", "exporter_knows_wmd", KNOWLEDGE),
    ("exporter_knowledge.terrorism", "exporter_knows_terrorism", KNOWLEDGE),
    ("exporter_knowledge.national_security", "exporter_knows_national_security", KNOWLEDGE),
    ("exporter_knowledge.notified", "exporter_notified", KNOWLEDGE),
    ("item.listed", "item_declared_listed", LISTING),
)
"""The yes/no facts of a transfer: its field, its fact, and how far the user can act on it."""

_PARTIES = ("consignee", "end_user")


@dataclass(frozen=True)
class Candidate:
    """One change of the transfer's facts."""

    field: str
    sentence: str
    rank: int
    remove: tuple[Fact, ...] = ()
    add: tuple[Fact, ...] = ()
    settles: tuple[str, ...] = ()
    """Fields whose open questions the change answers."""


def candidates(
    facts: InputFacts, sentences: Sentences, label: Callable[[str], str]
) -> list[Candidate]:
    """Every single change of a known fact worth trying, in a fixed order."""
    out: list[Candidate] = []
    asked = {o.field for o in facts.open}
    for field, pred, rank in _YES_NO:
        if field in asked:
            continue
        if () in facts.known.get(pred, set()):
            out.append(Candidate(field, sentences.denies(pred, ()), rank, remove=((pred, ()),)))
        else:
            out.append(Candidate(field, sentences.says(pred, ()), rank, add=((pred, ()),)))
    for role in _PARTIES:
        present = sorted(facts.known.get(role, set()), key=repr)
        if not present or f"{role}.name" in asked:
            continue
        other = f"?another {role}"
        words = role.replace("_", " ")
        out.append(
            Candidate(
                f"{role}.name",
                f"the {words} were another party, outside Japan and China",
                ACTIONABLE,
                remove=tuple((role, row) for row in present),
                add=((role, (other,)), ("party_country", (other, OTHER))),
            )
        )
    for (ident,) in sorted(facts.known.get("item", set()), key=repr):
        if not_entry(facts, str(ident)) is None:  # only an item read from a description
            continue
        out.append(
            Candidate(
                "item.description",
                f"the item were not {label(str(ident))}, nor otherwise listed",
                LISTING,
                remove=(("item", (ident,)), ("item_declared_listed", ())),
                add=(("item", ("?another item",)),),
                settles=("item.listed",),
            )
        )
    return out


def _apply(facts: InputFacts, changes: tuple[Candidate, ...]) -> InputFacts:
    known: dict[str, set[Row]] = defaultdict(set, {p: set(r) for p, r in facts.known.items()})
    fields = dict(facts.fields)
    for change in changes:
        for pred, row in change.remove:
            known[pred].discard(row)
        for pred, row in change.add:
            known[pred].add(row)
            fields.setdefault((pred, row), change.field)
    settled = {f for change in changes for f in change.settles}
    return InputFacts(
        known=known,
        open=[o for o in facts.open if o.field not in settled],
        fields=fields,
        matches=facts.matches,
        readings=facts.readings,
    )


def changes(
    decider: Decider,
    facts: InputFacts,
    world: World,
    outcome: Outcome,
    grounds: list[ProofNode],
) -> list[Change]:
    """The smallest sets (up to two) of changes that give another settled outcome, ranked."""
    sentences = Sentences(decider.base, decider.label)
    tried = candidates(facts, sentences, decider.resolver.label_of)

    steps = _steps(world, grounds)
    found: list[tuple[int, int, int, Change]] = []
    weakening: list[int] = []  # changes that take away a ground without flipping the outcome
    for n, candidate in enumerate(tried):
        if not _reaches_outcome(decider, candidate) or _only_adds_to(decider, candidate, outcome):
            continue  # it cannot flip the outcome nor take a step of its proof away
        w, change = _flip(decider, sentences, facts, world, outcome, (candidate,))
        if change is not None:
            found.append((candidate.rank, 1, n, change))
        elif _weakens(w, steps):
            weakening.append(n)
    for a, b in combinations(weakening, 2):
        if tried[a].field == tried[b].field:
            continue
        _, change = _flip(decider, sentences, facts, world, outcome, (tried[a], tried[b]))
        if change is not None:
            found.append((max(tried[a].rank, tried[b].rank), 2, a * len(tried) + b, change))
    return [c for *_, c in sorted(found, key=lambda t: t[:3])]


def _reaches_outcome(decider: Decider, candidate: Candidate) -> bool:
    """Whether the outcome is derived, directly or not, from a relation the change touches.

    A licence held, say, bears on liability and conditions, not on the outcome: evaluating it
    would only find that it changes nothing. The proofs' steps are all derived towards the
    outcome, so a change that cannot reach it cannot take a step away either.
    """
    compiled = decider.law.plain
    preds = {pred for pred, _ in (*candidate.remove, *candidate.add)}
    return any(OUTCOME & compiled.components[i][0] for i in compiled.affected(preds))


def _only_adds_to(decider: Decider, candidate: Candidate, outcome: Outcome) -> bool:
    """Whether a change provably keeps the outcome and every step of its proof.

    A change that only adds facts adds to what they reach along positive body atoms, and takes
    nothing away from it: a Datalog program with stratified negation is monotone along its
    positive dependencies. When the added facts reach the rules of the outcome only so, and
    reach no rule of an outcome that prevails over it, the outcome holds as before, by the same
    rules, and nothing above it can hold: evaluating the change would find neither a flip nor
    a weakened proof.
    """
    if candidate.remove:
        return False
    compiled = decider.law.plain
    known = _KEEPS.setdefault(compiled, {})
    key = (frozenset(pred for pred, _ in candidate.add), outcome)
    found = known.get(key)
    if found is None:
        found = known[key] = _keeps(compiled, *key)
    return found


_KEEPS: WeakKeyDictionary[CompiledProgram, dict[tuple[frozenset[str], Outcome], bool]] = (
    WeakKeyDictionary()
)
"""Per program, whether adding to these relations keeps this outcome (:func:`_only_adds_to`)."""


def _keeps(compiled: CompiledProgram, preds: frozenset[str], outcome: Outcome) -> bool:
    reached, negated = compiled.dependents(preds)
    above = PRIORITY[: PRIORITY.index(outcome)] if outcome in PRIORITY else PRIORITY
    for clause in compiled.program.clauses:
        if clause.head.pred not in OUTCOME or not clause.body:
            continue
        said = clause.head.args[0] if clause.head.args else None
        value = said.value if isinstance(said, Const) else None
        atoms = [b for b in clause.body if isinstance(b, Atom)]
        if value == outcome:
            if any(a.pred in (negated if not a.negated else reached) for a in atoms):
                return False
        elif (value is None or value in above) and any(a.pred in reached for a in atoms):
            return False
    return True


def _steps(world: World, grounds: list[ProofNode]) -> set[tuple[str, tuple[Value, ...], int]]:
    """Every derivation of the facts the outcome's proofs rest on: (predicate, row, rule)."""
    preds = {n.pred for g in grounds for n in _rule_nodes(g)}
    return {
        (pred, row, rule)
        for (pred, row), ways in world.evaluation.provenance.items()
        if pred in preds
        for rule in ways
    }


def _weakens(world: World, steps: set[tuple[str, tuple[Value, ...], int]]) -> bool:
    """True when a world lacks one of these derivations: a change took away part of a ground."""
    provenance = world.evaluation.provenance
    return any(rule not in provenance.get((pred, row), {}) for pred, row, rule in steps)


def _rule_nodes(node: ProofNode) -> list[RuleNode]:
    if not isinstance(node, RuleNode):
        return []
    return [node, *(n for c in node.children for n in _rule_nodes(c))]


def _flip(
    decider: Decider,
    sentences: Sentences,
    facts: InputFacts,
    world: World,
    outcome: Outcome,
    changed: tuple[Candidate, ...],
) -> tuple[World, Change | None]:
    """The world with these changes, and the change when it gives another settled outcome."""
    w = decider.world(_apply(facts, changed), base=world, goals=OUTCOME)
    o, _ = decider.outcome_of(w)
    if o in (outcome, "undetermined"):
        return w, None
    return w, _change(sentences, w, changed, o)


def _change(
    sentences: Sentences,
    world: World,
    changed: tuple[Candidate, ...],
    outcome: Outcome,
) -> Change:
    ways = world.evaluation.provenance.get(("outcome", (outcome,)), {})
    clauses = world.compiled.program.clauses
    ordered = sorted(ways.values(), key=lambda d: (d.height, d.rule))
    rule_ids = [clauses[d.rule].meta.id or "" for d in ordered]
    because = ""
    if ordered:
        clause = clauses[ordered[0].rule]
        said = sentences.fill(clause.meta.says, ordered[0].binding, OUTCOME_LABELS[outcome])
        cite = clause.meta.cites.text() if clause.meta.cites else ""
        because = f"then {said}" + (f" ({cite})" if cite else "")
    return Change(
        changes=[c.sentence for c in changed],
        fields=[c.field for c in changed],
        outcome=outcome,
        rule_ids=[r for r in rule_ids if r],
        actionable=all(c.rank == ACTIONABLE for c in changed),
        because=because,
    )
