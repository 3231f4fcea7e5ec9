"""Bottom-up evaluation of a checked program, with provenance and incremental re-evaluation.

The evaluator walks the strongly connected components of the dependency graph in order. For each
rule it joins the positive body atoms, then applies the rule's bindings, comparisons and negations
in Python over the facts already complete in lower strata. Recursive components run
semi-naively, joining each round against the previous round's new facts only. Every derived
fact records the rule and bindings of its lowest derivation by each rule, with its height, which
is what proofs are rebuilt from (the Soufflé provenance approach).

Joins run on hash indexes (:mod:`dualuse.engine.datalog.joins`) by default.
``joins="pydatalog"`` hands each body to pyDatalog instead, built through its programmatic API
(``Term``; never ``load`` or ``ask`` on text): the same facts and derivations (tests check both
on real decisions), at about 0.2 ms a query, about six times slower over a whole decision.
pyDatalog's own top-down resolution is not used: it does not terminate on right-recursive rules
over cyclic data.

An evaluation can start from an earlier one (``base``) whose inputs differ in a few relations:
only components that read something changed are evaluated again, rules that read nothing
changed keep their derivations, and a component whose facts come out as before stops the change
from spreading. What-would-change and the question ranking re-evaluate variants of one transfer
this way.

>>> from dualuse.engine.datalog.parser import parse_text
>>> text = 'path(X, Y) :- edge(X, Y). path(X, Y) :- edge(X, Z), path(Z, Y).'
>>> compiled = CompiledProgram(parse_text(text))
>>> result = evaluate(compiled, {"edge": {("a", "b"), ("b", "a")}})
>>> sorted(result.facts["path"])
[('a', 'a'), ('a', 'b'), ('b', 'a'), ('b', 'b')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dualuse.engine.datalog.planning import CompiledProgram
from dualuse.engine.datalog.provenance import Derivation, Evaluation
from dualuse.engine.datalog.seminaive import component, fire
from dualuse.engine.datalog.store import JOINS, FactStore, Preloaded
from dualuse.engine.datalog.terms import Binding, EvaluationError, Fact, Row, compare, eval_term

__all__ = [
    "JOINS",
    "Binding",
    "CompiledProgram",
    "Derivation",
    "Evaluation",
    "EvaluationError",
    "Fact",
    "Preloaded",
    "Row",
    "compare",
    "eval_term",
    "evaluate",
]


def evaluate(
    compiled: CompiledProgram,
    edb: Mapping[str, Iterable[Row]],
    *,
    provenance: bool = True,
    preloaded: Preloaded | None = None,
    joins: str = "indexed",
    base: Evaluation | None = None,
    goals: frozenset[str] | None = None,
) -> Evaluation:
    """Evaluate ``compiled`` over the input facts ``edb`` and return every fact.

    With ``goals``, only the relations the goals are derived from are evaluated: the result is
    *partial* (``complete`` is False) and only those relations may be read from it.

    With ``base``, an earlier evaluation of the same program over inputs that differ from
    ``edb`` in a few relations, only the relations derived from the changed ones are evaluated
    again; everything else, facts and provenance, is taken from ``base`` as it is (incremental
    re-evaluation by dependency cone: the result is the same as a full evaluation).

    ``joins`` picks how rule bodies are joined: ``"indexed"`` (hash indexes, the default) or
    ``"pydatalog"`` (a pyDatalog query per body; each call then starts a fresh pyDatalog base in
    the calling thread, a copy of ``preloaded`` when given, so calls from different threads never
    see each other's facts). Both give the same facts and the same provenance.
    """
    inputs = {
        pred: rows
        if type(rows) is frozenset
        else frozenset(rows)
        if type(rows) is set  # of rows already: hashable, so tuples
        else frozenset(tuple(r) for r in rows)
        for pred, rows in edb.items()
    }
    affected: list[int] | None = None
    changed: frozenset[str] = frozenset()
    if (
        base is not None
        and base.program is compiled
        and base.complete
        and (base.with_provenance or not provenance)
    ):
        empty: frozenset[Row] = frozenset()
        changed = frozenset(
            p
            for p in set(inputs) | set(base.inputs)
            if not _same_rows(inputs.get(p, empty), base.inputs.get(p, empty))
        )
        affected = compiled.affected(changed)
    facts: dict[str, set[Row]] = {}
    if affected is None or base is None:
        facts = {p: set(rows) for p, rows in compiled.facts.items()}
        for pred, given in inputs.items():
            if pred in facts:
                facts[pred].update(given)
            else:
                facts[pred] = set(given)
        result = Evaluation(facts=facts)
    else:
        # The base's facts and derivations, read and never written; a relation evaluated again
        # gets a set and derivations of its own (``_restart``).
        facts = dict(base.facts)
        for pred in changed.difference(compiled.derived):
            _restart(pred, facts, compiled, inputs)
        result = Evaluation(facts=facts, provenance=dict(base.provenance))
    result.program = compiled
    result.inputs = inputs
    result.with_provenance = provenance
    store = FactStore(
        facts,
        preloaded,
        joins,
        lent=_lent(preloaded, inputs, compiled),
        derived=compiled.derived,
    )
    dirty = set(changed)  # relations whose facts or derivations differ from the base's
    needed = compiled.upstream(goals) if goals is not None else None
    result.complete = needed is None
    if base is None or affected is None:
        for preds, rules, recursive in compiled.components:
            if needed is None or not preds.isdisjoint(needed):
                component(rules, recursive, store, result, provenance)
        return result
    reads = compiled.reads
    for number in affected:
        preds, rules, recursive = compiled.components[number]
        if (reads[number].isdisjoint(dirty) and preds.isdisjoint(changed)) or (
            needed is not None and preds.isdisjoint(needed)
        ):
            continue  # nothing it reads or is given has changed, or no goal needs it: as in base
        for pred in preds:
            _restart(pred, facts, compiled, inputs)
            for fact, _ways in base.derivations_of(pred):
                del result.provenance[fact]
        if not recursive and base.with_provenance:
            kept: dict[str, list[int]] = {}  # per relation, its rules that read nothing changed
            for rule in rules:
                if rule.uses.isdisjoint(dirty):
                    kept.setdefault(rule.head_pred, []).append(rule.index)
                else:
                    fire(rule, store, result, provenance)
            for pred, indices in kept.items():
                _copy(pred, indices, base, store, result, provenance)
        else:
            component(rules, recursive, store, result, provenance)
        if not _same(preds, base, result, provenance):
            dirty |= preds
    return result


def _same_rows(a: frozenset[Row], b: frozenset[Row]) -> bool:
    return a is b or a == b


def _lent(
    preloaded: Preloaded | None, inputs: Mapping[str, frozenset[Row]], compiled: CompiledProgram
) -> dict[str, str]:
    """Input relations with exactly the rows of a preloaded relation: ours -> its name."""
    if preloaded is None:
        return {}
    out = {}
    for pred, rows in inputs.items():
        lender = preloaded.by_rows.get(id(rows))
        if lender is None and pred in preloaded.rows and rows == preloaded.rows[pred]:
            lender = pred
        if lender is not None and pred not in compiled.facts and pred not in compiled.derived:
            out[pred] = lender
    return out


def _restart(
    pred: str, facts: dict[str, set[Row]], compiled: CompiledProgram, inputs: Mapping[str, Any]
) -> None:
    """Give ``pred`` a set of its own holding only its stated and input facts."""
    fresh = set(compiled.facts.get(pred, ()))
    fresh.update(inputs.get(pred, ()))
    facts[pred] = fresh


def _copy(
    pred: str,
    rules: list[int],
    base: Evaluation,
    store: FactStore,
    result: Evaluation,
    provenance: bool,
) -> None:
    """Take over what these rules of ``pred`` derived in ``base``, with the same derivations.

    The rules of a component that is not recursive read only lower components, so what they
    derive does not depend on the order they are fired or copied in.
    """
    ways_of = result.provenance
    for fact, ways in base.derivations_of(pred):
        found = False
        for index in rules:
            derivation = ways.get(index)
            if derivation is not None:
                found = True
                if provenance:
                    ways_of.setdefault(fact, {})[index] = derivation
        if found:
            store.add(pred, fact[1])


def _same(preds: set[str], base: Evaluation, result: Evaluation, provenance: bool) -> bool:
    for pred in preds:
        rows = result.facts.get(pred, set())
        if rows != base.facts.get(pred, set()):
            return False
        if provenance and any(
            result.provenance.get((pred, row)) != base.provenance.get((pred, row)) for row in rows
        ):
            return False
    return True
