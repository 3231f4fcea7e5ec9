"""Re-check a proof tree against the rules and the facts, independently of the evaluator.

A proof is only as good as the code that built it. This checker shares no code with the
evaluator or the prover (it imports neither them nor pyDatalog): it reads the parsed rules, the
facts of the transfer and the dated tables, and replays each step of a proof by hand.

>>> from pathlib import Path
>>> from dualuse.engine.datalog.parser import parse_text
>>> from dualuse.engine.law.rulebase import RuleBase
>>> base = RuleBase(Path("."), parse_text('@id("r") p(X) :- q(X), X != "b".'), {})
>>> proof = RuleNode(
...     conclusion='p("a")', pred="p", args=["a"], rule_id="r", citation=None, in_force=None,
...     sentence='p(X) :- q(X), X != "b".', bindings={"X": "a"},
...     children=[
...         FactNode(atom='q("a")', pred="q", args=["a"], origin="transfer"),
...         ComparisonNode(text='X != "b"', evaluated='"a" != "b"', holds=True),
...     ],
... )
>>> check_proof(proof, base, {"q": {("a",)}}, date(2026, 3, 2))
[]
>>> tampered = proof.model_copy(update={"bindings": {"X": "c"}})
>>> for problem in check_proof(tampered, base, {"q": {("a",)}}, date(2026, 3, 2)):
...     where, _, what = problem.partition(": ")
...     print(where)
...     print("   ", what)
proof (p("a") by r)
    substituting the bindings into the head p(X) gives p("c"), but the node concludes p("a")
proof.children[0] (fact q("a"))
    the literal q("c") is proved by q("a"), which does not match
proof.children[1] (comparison X != "b")
    the bindings give "c" != "b", not "a" != "b"

What is checked, for every :class:`RuleNode`: the rule id exists and the rule is in force on the
date; its citation, dates, quote and interpretation are the rule's own; its bindings name exactly
the rule's variables; substituting them into the head gives the node's conclusion (its ``pred``
and ``args``, which its written ``conclusion`` must spell); its sentence
follows the rule's ``@says`` template; and the body literals, in order, correspond one to one to
the children. A positive atom, instantiated under the bindings (``_`` matches anything), equals
the child's conclusion: a :class:`RuleNode` is checked recursively, a :class:`FactNode` must be a
fact of the transfer, a row of a table valid on the date, or a fact of a rule file in force on the
date (and its ``origin`` must say which). A negated atom is a :class:`NegationNode` with the
instantiated atom. A comparison is a :class:`ComparisonNode` with the rule's text, the values the
bindings give, and ``holds`` true.

Limits (what is *not* proved):

- A negated atom of an input or table predicate is checked against the facts: it must not be a
  fact of the transfer, nor a *possible* answer to an open question (a proof of a fact that surely
  holds may only rest on negations that surely hold), nor a table row or rule-file fact valid on
  the date. A negated atom of a *derived* predicate is only checked against the proof itself: no
  :class:`RuleNode` or :class:`FactNode` elsewhere in the same proof may establish it. Showing that
  no derivation at all exists would need a full evaluation, which is what this checker avoids.
- Sentences are checked against the shape of the ``@says`` template, not the labels the engine
  puts in for values (those come from the catalogue, which the checker does not read).
- Proofs built from a three-valued evaluation name negated atoms of the possibly-true copy of a
  predicate without its internal ``__hi`` suffix; the checker strips that suffix wherever it meets
  it, so both spellings are read as the predicate of the rule base.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING

from dualuse.engine.datalog.syntax import Atom, Clause, Comparison, Value
from dualuse.engine.explain.checkfacts import Facts, Ground, in_force
from dualuse.engine.explain.checkterms import (
    HI,
    Pattern,
    Unbound,
    Undefined,
    atom_text,
    base_pred,
    compare,
    evaluate,
    fits,
    instantiate,
    render,
    same_pattern,
)
from dualuse.engine.explain.proof import (
    ComparisonNode,
    FactNode,
    NegationNode,
    ProofNode,
    RuleNode,
)

if TYPE_CHECKING:  # only the rule base's type is needed: the checker reads its parsed rules
    from dualuse.engine.law.rulebase import RuleBase

__all__ = ["HI", "check_proof"]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _clause_vars(clause: Clause) -> set[str]:
    names = clause.head.vars()
    for lit in clause.body:
        names |= lit.vars()
    return names


def _walk(node: ProofNode, path: str) -> Iterator[tuple[ProofNode, str]]:
    yield node, path
    if isinstance(node, RuleNode):
        for i, child in enumerate(node.children):
            yield from _walk(child, f"{path}.children[{i}]")


def _label(node: ProofNode) -> str:
    if isinstance(node, RuleNode):
        return f"{node.conclusion} by {node.rule_id}"
    if isinstance(node, FactNode):
        return f"fact {node.atom}"
    if isinstance(node, NegationNode):
        return f"not {node.atom}"
    return f"comparison {node.text}"


# -- the checker ---------------------------------------------------------------------------------


class _Checker(Ground):
    """Holds the facts of one check and collects its problems."""

    def __init__(self, root: ProofNode, base: RuleBase, facts: Facts, day: date) -> None:
        self.day = day
        self.problems: list[str] = []
        super().__init__(base, facts, day)
        self.established: list[tuple[str, Pattern, str]] = []
        for node, path in _walk(root, "proof"):
            if isinstance(node, RuleNode | FactNode):
                self.established.append((base_pred(node.pred), tuple(node.args), path))

    def problem(self, node: ProofNode, path: str, message: str) -> None:
        self.problems.append(f"{path} ({_label(node)}): {message}")

    # -- nodes ------------------------------------------------------------------------------------

    def visit(self, node: ProofNode, path: str) -> None:
        if isinstance(node, RuleNode):
            self.rule_node(node, path)
        elif isinstance(node, FactNode):
            self.fact_node(node, path)
        elif isinstance(node, NegationNode):
            self.negation_node(node, path)
        elif not node.holds:
            self.problem(node, path, "the comparison does not hold, so it proves nothing")

    def rule_node(self, node: RuleNode, path: str) -> None:
        clause = self.rules.get(node.rule_id)
        if clause is None:
            self.problem(node, path, f"there is no rule with id {node.rule_id!r} in the rule base")
            for i, child in enumerate(node.children):
                self.visit(child, f"{path}.children[{i}]")
            return
        self.metadata(node, path, clause)
        binding: dict[str, Value] = dict(node.bindings)
        names = _clause_vars(clause)
        for name in sorted(names - set(binding)):
            self.problem(node, path, f"the variable {name} of rule {node.rule_id} is not bound")
        for name in sorted(set(binding) - names):
            self.problem(node, path, f"binds {name}, which rule {node.rule_id} does not have")
        self.head(node, path, clause, binding)
        self.sentence(node, path, clause)
        if len(node.children) != len(clause.body):
            self.problem(
                node,
                path,
                f"has {len(node.children)} children but rule {node.rule_id} has "
                f"{len(clause.body)} body literals ({', '.join(b.text() for b in clause.body)})",
            )
        for i, (lit, child) in enumerate(zip(clause.body, node.children, strict=False)):
            self.literal(lit, child, f"{path}.children[{i}]", binding)
        for i, child in enumerate(node.children):
            if not isinstance(child, ComparisonNode):  # checked against its literal above
                self.visit(child, f"{path}.children[{i}]")

    def metadata(self, node: RuleNode, path: str, clause: Clause) -> None:
        meta = clause.meta
        if not in_force(clause, self.day):
            span = meta.in_force.text() if meta.in_force else ""
            self.problem(
                node,
                path,
                f"rule {node.rule_id} is not in force on {self.day.isoformat()} (in force {span})",
            )
        dates = meta.in_force.text() if meta.in_force else None
        if node.in_force != dates:
            self.problem(node, path, f"says the rule is in force {node.in_force!r}, not {dates!r}")
        if node.citation != meta.cites:
            cited = meta.cites.text() if meta.cites else None
            shown = node.citation.text() if node.citation else None
            self.problem(node, path, f"cites {shown!r}, but the rule cites {cited!r}")
        if node.quote != meta.quote:
            self.problem(node, path, "its quoted text is not the rule's @quote")
        if node.article != meta.article:
            self.problem(
                node, path, f"says the rule formalises {node.article!r}, not {meta.article!r}"
            )
        if node.interpretation != meta.interpretation:
            self.problem(node, path, "its interpretation is not the rule's @interpretation")

    def head(self, node: RuleNode, path: str, clause: Clause, binding: Mapping[str, Value]) -> None:
        try:
            expected = instantiate(clause.head, binding)
        except (Unbound, Undefined) as exc:
            self.problem(node, path, f"the head {clause.head.text()} cannot be evaluated: {exc}")
            return
        want = atom_text(clause.head.pred, expected)
        pred, row = base_pred(node.pred), tuple(node.args)
        if node.conclusion != atom_text(node.pred, row):
            self.problem(
                node,
                path,
                f"its conclusion {node.conclusion} is not its pred and args "
                f"({atom_text(node.pred, row)})",
            )
        if pred != clause.head.pred or not same_pattern(row, expected):
            self.problem(
                node,
                path,
                f"substituting the bindings into the head {clause.head.text()} gives {want}, "
                f"but the node concludes {node.conclusion}",
            )

    def sentence(self, node: RuleNode, path: str, clause: Clause) -> None:
        template = clause.meta.says
        if not template:
            if node.sentence != clause.text():
                self.problem(node, path, "its sentence is not the rule's text")
            return
        pattern, last = [], 0
        for m in _PLACEHOLDER.finditer(template):
            pattern.append(re.escape(template[last : m.start()]))
            pattern.append("(.*?)" if m.group(1) in node.bindings else re.escape(m.group(0)))
            last = m.end()
        pattern.append(re.escape(template[last:]))
        if re.fullmatch("".join(pattern), node.sentence, flags=re.DOTALL) is None:
            self.problem(
                node,
                path,
                f"its sentence {node.sentence!r} does not follow the rule's @says {template!r}",
            )

    def literal(
        self, lit: Atom | Comparison, child: ProofNode, path: str, binding: Mapping[str, Value]
    ) -> None:
        """Check that ``child`` is the proof step for body literal ``lit``."""
        if isinstance(lit, Comparison):
            self.comparison(lit, child, path, binding)
            return
        try:
            expected = instantiate(lit, binding)
        except (Unbound, Undefined) as exc:
            self.problem(child, path, f"the literal {lit.text()} cannot be evaluated: {exc}")
            return
        want = atom_text(lit.pred, expected)
        if lit.negated:
            if not isinstance(child, NegationNode):
                self.problem(
                    child, path, f"the literal is not {lit.text()}, whose step is a negation"
                )
                return
            pred, pattern = base_pred(child.pred), tuple(child.args)
            if pred != lit.pred or not same_pattern(pattern, expected):
                self.problem(child, path, f"the literal not {want} is shown as not {child.atom}")
            return
        if isinstance(child, RuleNode):
            pred, pattern, shown = base_pred(child.pred), tuple(child.args), child.conclusion
        elif isinstance(child, FactNode):
            pred, pattern, shown = base_pred(child.pred), tuple(child.args), child.atom
        else:
            self.problem(
                child, path, f"the literal {want} needs a rule or a fact, not a {child.kind}"
            )
            return
        if pred != lit.pred or None in pattern or not fits(pattern, expected):
            self.problem(
                child, path, f"the literal {want} is proved by {shown}, which does not match"
            )

    def comparison(
        self, lit: Comparison, child: ProofNode, path: str, binding: Mapping[str, Value]
    ) -> None:
        if not isinstance(child, ComparisonNode):
            self.problem(child, path, f"the literal {lit.text()} needs a comparison")
            return
        if child.text != lit.text():
            self.problem(child, path, f"the rule's comparison is {lit.text()}, not {child.text}")
        try:
            left, right = evaluate(lit.left, binding), evaluate(lit.right, binding)
        except (Unbound, Undefined) as exc:
            self.problem(child, path, f"{lit.text()} cannot be evaluated: {exc}")
            return
        evaluated = f"{render(left)} {lit.op} {render(right)}"
        if child.evaluated != evaluated:
            self.problem(child, path, f"the bindings give {evaluated}, not {child.evaluated}")
        holds = compare(lit.op, left, right)
        if child.holds != holds:
            self.problem(child, path, f"{evaluated} is {str(holds).lower()}, not {child.holds}")
        elif not holds:
            self.problem(child, path, f"{evaluated} is false, so the rule does not apply")

    def fact_node(self, node: FactNode, path: str) -> None:
        pred, row = base_pred(node.pred), tuple(node.args)
        text = atom_text(pred, row)
        if node.atom != atom_text(node.pred, row):
            self.problem(node, path, f"its atom {node.atom} is not its pred and args ({text})")
        given = row in self.known.get(pred, ())
        rows = [r for r in self.tables.get(pred, ()) if len(r.values) == len(row)]
        table_rows = [r for r in rows if fits(r.values, row)]
        stated = row in self.rule_facts.get(pred, ())
        if not (given or table_rows or stated):
            self.problem(
                node,
                path,
                f"{text} is neither a fact of the transfer, nor a row of a table valid on "
                f"{self.day.isoformat()}, nor a fact of the rules in force then",
            )
        if node.origin == "transfer" and not given:
            self.problem(
                node, path, "its origin is 'transfer' but it is not a fact of the transfer"
            )
        elif node.origin == "rules" and not stated:
            self.problem(node, path, "its origin is 'rules' but no rule file in force states it")
        elif node.origin == "table":
            if not table_rows:
                self.problem(
                    node,
                    path,
                    f"its origin is 'table' but no row of {pred} with these values is valid on "
                    f"{self.day.isoformat()}",
                )
            elif node.source is not None and all(r.source != node.source for r in table_rows):
                self.problem(node, path, f"no valid row of {pred} has the source {node.source!r}")
            elif node.location is not None and all(
                f"{r.file}:{r.line}" != node.location for r in table_rows
            ):
                self.problem(node, path, f"no valid row of {pred} is at {node.location}")

    def negation_node(self, node: NegationNode, path: str) -> None:
        pred, pattern = base_pred(node.pred), tuple(node.args)
        if node.atom != atom_text(node.pred, pattern):
            self.problem(
                node,
                path,
                f"its atom {node.atom} is not its pred and args ({atom_text(node.pred, pattern)})",
            )
        for row in self.possible.get(pred, ()):
            if fits(row, pattern):
                surely = row in self.known.get(pred, ())
                what = "a fact of the transfer" if surely else "a possible answer to a question"
                self.problem(node, path, f"{atom_text(pred, row)} is {what}")
                return
        for table_row in self.tables.get(pred, ()):
            if fits(table_row.values, pattern):
                self.problem(
                    node,
                    path,
                    f"{atom_text(pred, table_row.values)} is a row of a table valid on "
                    f"{self.day.isoformat()} ({table_row.file}:{table_row.line})",
                )
                return
        for row in self.rule_facts.get(pred, ()):
            if fits(row, pattern):
                self.problem(node, path, f"{atom_text(pred, row)} is stated by a rule file")
                return
        for other, shown, where in self.established:
            if other == pred and fits(shown, pattern):
                self.problem(
                    node,
                    path,
                    f"{atom_text(pred, shown)} is established elsewhere in the proof, at {where}",
                )
                return


def check_proof(node: ProofNode, base: RuleBase, facts: Facts, day: date) -> list[str]:
    """Check a proof against the rules in force and the facts; return every problem found.

    Args:
        node: the proof (a ground of a decision, a liability's proof, or any sub-proof).
        base: the rule base whose parsed rules (``base.program``) and tables the proof uses.
        facts: the transfer's input facts, as :func:`dualuse.engine.decide.facts.input_facts` builds
            them (or a plain mapping predicate -> rows). The tables valid on ``day`` and the facts
            stated by rule files in force on ``day`` are added from ``base``.
        day: the date the proof claims to hold on.

    Returns:
        One line per problem, each naming the node (its path from the root, as
        ``proof.children[i]...``, and its conclusion) and what did not match; empty when the proof
        checks.
    """
    checker = _Checker(node, base, facts, day)
    checker.visit(node, "proof")
    return checker.problems
