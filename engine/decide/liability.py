"""What a decision attaches to its outcome: licence conditions, and who is liable for what.

Each condition, liability, fine and sanction that surely holds is read from the world with the
proof of the rule that derives it; a fine range carries its arithmetic and tier.
"""

from __future__ import annotations

from collections.abc import Callable

from dualuse.engine.datalog.syntax import Value
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
        penalties = []
        for fparty, fbasis, low, high in sorted(fines, key=str):
            if fparty != party or fbasis != basis:
                continue
            node = prover.proof("fine", (fparty, fbasis, low, high))
            if not isinstance(node, RuleNode):
                continue
            penalties.append(
                Penalty(
                    basis=str(basis),
                    rule_id=node.rule_id,
                    citation=node.citation,
                    min_cny=int(low),
                    max_cny=int(high),
                    arithmetic=_arithmetic(node, int(low), int(high)),
                    interpretation=node.interpretation,
                )
            )
        extra = []
        for sparty, sbasis, sanction in sorted(sanctions, key=str):
            if sparty != party or sbasis != basis:
                continue
            node = prover.proof("sanction", (sparty, sbasis, sanction))
            if isinstance(node, RuleNode):
                extra.append(
                    Sanction(
                        basis=str(basis),
                        sanction=str(sanction),
                        sentence=node.sentence,
                        rule_id=node.rule_id,
                        citation=node.citation,
                    )
                )
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


def _arithmetic(node: RuleNode, low: int, high: int) -> str:
    tests = [c.evaluated for c in node.children if c.kind == "comparison"]
    tier = f" (tier: {', '.join(tests)})" if tests else ""
    b = node.bindings
    if "N" in b and "Low" in b and "High" in b:
        return (
            f"{b['N']:,} x {b['Low']} = {low:,} to {b['N']:,} x {b['High']} = {high:,} yuan{tier}"
        )
    return f"{low:,} to {high:,} yuan{tier}"
