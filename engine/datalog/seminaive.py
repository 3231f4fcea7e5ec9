"""Semi-naive evaluation of one component: fire each rule, or iterate to a fixpoint.

A component that is not recursive fires each rule once, over facts complete in lower strata. A
recursive one fires its rules, then joins each round against the previous round's new facts
only (the delta) until nothing new comes. Each firing records the lowest derivation of each fact
by the rule (:mod:`dualuse.engine.datalog.provenance`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from dualuse.engine.datalog.planning import CompiledRule
from dualuse.engine.datalog.provenance import Derivation, Evaluation
from dualuse.engine.datalog.store import FactStore
from dualuse.engine.datalog.syntax import Atom, Value, Var
from dualuse.engine.datalog.terms import Binding, Fact, Row, eval_term


def component(
    rules: list[CompiledRule],
    recursive: bool,
    store: FactStore,
    result: Evaluation,
    provenance: bool,
) -> None:
    """Evaluate the rules of one component: once, or semi-naively to a fixpoint."""
    if not recursive:
        for rule in rules:
            fire(rule, store, result, provenance)
        return
    delta: dict[str, set[Row]] = {}
    for rule in rules:
        for pred, row in fire(rule, store, result, provenance):
            delta.setdefault(pred, set()).add(row)
    generation = itertools.count()
    while delta:
        round_no = next(generation)
        delta_names = {}
        for pred, rows in delta.items():
            name = f"{pred}__delta{round_no}"
            delta_names[pred] = name
            store.facts[name] = rows
        new: dict[str, set[Row]] = {}
        for rule in rules:
            for j, atom in enumerate(rule.join_atoms):
                if atom.pred not in delta_names:
                    continue
                for pred, row in fire(
                    rule, store, result, provenance, delta=j, delta_pred=delta_names[atom.pred]
                ):
                    new.setdefault(pred, set()).add(row)
        for name in delta_names.values():
            store.drop(name)
        delta = new


def _atom_height(atom: Atom, binding: Binding, store: FactStore, result: Evaluation) -> int:
    """The height of the derived fact an atom matched (the lowest, where ``_`` leaves a choice)."""
    if not any(isinstance(a, Var) and a.name == "_" for a in atom.args):
        return result.height((atom.pred, tuple(eval_term(a, binding) for a in atom.args)))
    positions = tuple(
        i for i, a in enumerate(atom.args) if not (isinstance(a, Var) and a.name == "_")
    )
    key = tuple(eval_term(atom.args[i], binding) for i in positions)
    rows = (
        store.indexes.rows(atom.pred, positions, key)
        if positions
        else store.facts.get(atom.pred, ())
    )
    heights = [result.height((atom.pred, row)) for row in rows if len(row) == len(atom.args)]
    return min(heights, default=0)


def _canonical(binding: Mapping[str, Value]) -> list[tuple[str, str]]:
    return sorted((name, repr(value)) for name, value in binding.items())


def fire(
    rule: CompiledRule,
    store: FactStore,
    result: Evaluation,
    provenance: bool,
    delta: int | None = None,
    delta_pred: str | None = None,
) -> list[Fact]:
    """Apply one rule; add and return the facts it derives that were not known."""
    facts = store.facts
    if delta is None:
        for name in rule.reads:
            if not facts.get(name):
                return []  # an empty relation: the body has no solution
    pred = rule.head_pred
    added: list[Fact] = []
    found = store.join(rule.join_atoms, delta, delta_pred, rule.plans)
    solutions = found if isinstance(found, list) else list(found)  # complete before adding
    tall = rule.tall if provenance else ()
    ways_of = result.provenance
    # negations read the join's indexes too, except on the pyDatalog cross-check
    indexes = store.indexes if store.joins == "indexed" else None
    for binding in solutions:
        if rule.steps and not rule.apply_steps(binding, facts, indexes):
            continue
        row = rule.head_row(binding)
        fact = (pred, row)
        if provenance:
            height = 1
            for atom, spec in tall:
                if spec is None:
                    below = 1 + _atom_height(atom, binding, store, result)
                else:  # the fact matched, read from the binding: its lowest derivation's height
                    key = (atom.pred, tuple([binding[v] if is_var else v for is_var, v in spec]))  # type: ignore[index]
                    matched = ways_of.get(key)
                    below = 1 + min(d.height for d in matched.values()) if matched else 1
                if below > height:
                    height = below
            ways = ways_of.setdefault(fact, {})
            known = ways.get(rule.index)
            if (
                known is None
                or height < known.height
                or (height == known.height and _canonical(binding) < _canonical(known.binding))
            ):  # the lowest derivation; among equals the first in a fixed order, for replay
                ways[rule.index] = Derivation(rule.index, height, dict(binding))
        if store.add(pred, row):
            added.append(fact)
    return added
