"""What a decision attaches to its outcome: licence conditions, and who is liable for what.

Each condition, liability, fine and sanction that surely holds is read from the world with the
proof of the rule that derives it; a fine range carries its arithmetic and tier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet

from dualuse.engine.datalog.syntax import Value
from dualuse.engine.datalog.terms import Row
from dualuse.engine.datalog.threevalued import World
from dualuse.engine.decide.decision import Condition, Liability, Penalty, Sanction
from dualuse.engine.explain.proof import RuleNode
from dualuse.engine.explain.prover import Prover


def conditions(world: World, prover: Prover) -> list[Condition]:
    """Licence conditions that surely apply."""
    out = []
    for row in sorted(world.surely("condition"), key=str):
        node = prover.proof("condition", row)
        if isinstance(node, RuleNode):
            out.append(
                Condition(
                    id=str(row[0]),
                    sentence=node.sentence,
                    rule_id=node.rule_id,
                    citation=node.citation,
                    interpretation=node.interpretation,
                )
            )
    return out


def liabilities(
    world: World, prover: Prover, explain: bool, label: Callable[[Value], str]
) -> list[Liability]:
    """Every party surely liable, with fines and sanctions."""
    out = []
    fines = world.surely("fine")
    sanctions = world.surely("sanction")
    for party, basis in sorted(world.surely("liable"), key=str):
        proof = prover.proof("liable", (party, basis))
        if not isinstance(proof, RuleNode):
            continue
        penalties = [
            Penalty(
                basis=str(basis),
                rule_id=node.rule_id,
                citation=node.citation,
                min_cny=int(low),
                max_cny=int(high),
                arithmetic=_arithmetic(node, int(low), int(high)),
                interpretation=node.interpretation,
                article=node.article,
            )
            for (low, high), node in _proved(prover, "fine", fines, (party, basis))
        ]
        extra = [
            Sanction(
                basis=str(basis),
                sanction=str(sanction),
                sentence=node.sentence,
                rule_id=node.rule_id,
                citation=node.citation,
                article=node.article,
            )
            for (sanction,), node in sorted(
                _proved(prover, "sanction", sanctions, (party, basis)),
                key=lambda found: found[1].rule_id,  # grouped by article, in the table's order
            )
        ]
        out.append(
            Liability(
                party=label(party),
                basis=str(basis),
                rule_id=proof.rule_id,
                citation=proof.citation,
                sentence=proof.sentence,
                penalties=penalties,
                sanctions=extra,
                proof=proof if explain else None,
            )
        )
    return out


def _proved(
    prover: Prover, pred: str, rows: AbstractSet[Row], prefix: Row
) -> Iterator[tuple[Row, RuleNode]]:
    """The rows of ``pred`` that start with ``prefix``, in order, each (the rest, its rule step)."""
    for row in sorted(rows, key=str):
        if row[: len(prefix)] == prefix:
            node = prover.proof(pred, row)
            if isinstance(node, RuleNode):
                yield row[len(prefix) :], node


_COMPARED = re.compile(r"(-?\d+) (>=|>|<=|<) (-?\d+)")
_IN_WORDS = {">=": "{} or more", ">": "more than {}", "<=": "at most {}", "<": "less than {}"}


def _tier_test(evaluated: str) -> str:
    """A tier's test as read aloud: ``800000 >= 500000`` is "800,000 is 500,000 or more"."""
    found = _COMPARED.fullmatch(evaluated)
    if found is None:
        return evaluated
    left, op, right = found.groups()
    return f"{int(left):,} is " + _IN_WORDS[op].format(f"{int(right):,}")


def _arithmetic(node: RuleNode, low: int, high: int) -> str:
    tests = [_tier_test(c.evaluated) for c in node.children if c.kind == "comparison"]
    tier = f" (tier: {', '.join(tests)})" if tests else ""
    b = node.bindings
    if "N" in b and "Low" in b and "High" in b:
        return (
            f"{b['N']:,} x {b['Low']} = {low:,} to {b['N']:,} x {b['High']} = {high:,} yuan{tier}"
        )
    return f"{low:,} to {high:,} yuan{tier}"
