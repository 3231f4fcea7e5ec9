"""Re-check a proof tree against the rules and the facts, independently of the evaluator.

A proof is only as good as the code that built it. This checker shares no code with the
evaluator or the prover (it imports neither them nor pyDatalog): it reads the parsed rules, the
facts of the transfer and the dated tables, and replays each step of a proof by hand.

>>> from pathlib import Path
>>> from dualuse.engine.datalog.parser import parse_text
>>> from dualuse.engine.law.rulebase import RuleBase
>>> base = RuleBase(Path("."), parse_text('@id("r") p(X) :- q(X), X != "b".'), {})
>>> proof = RuleNode(
...     conclusion='p("a")', rule_id="r", citation=None, in_force=None,
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
the rule's variables; substituting them into the head gives the node's conclusion; its sentence
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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, TypeVar

from dualuse.engine.datalog.syntax import Atom, Clause, Comparison, Const, Term, Value, Var
from dualuse.engine.decide.decision import (
    ComparisonNode,
    FactNode,
    NegationNode,
    ProofNode,
    RuleNode,
)

if TYPE_CHECKING:  # the rule base module imports the evaluator; only its type is needed here
    from dualuse.engine.law.rulebase import RuleBase

__all__ = ["check_proof"]

HI = "__hi"
"""The suffix of the possibly-true copy of a predicate in a three-valued evaluation."""

Row = tuple[Value, ...]
Pattern = tuple[Value | None, ...]
"""A row in which ``None`` stands for ``_`` (any value)."""

_Ordered = TypeVar("_Ordered", int, str)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class OpenLike(Protocol):
    """An open question of a transfer: each answer and the facts it would give."""

    @property
    def answers(self) -> Mapping[str, Sequence[tuple[str, Row]]]:
        """Answer -> the facts it gives."""


class InputFactsLike(Protocol):
    """The facts of a transfer as :func:`dualuse.engine.decide.facts.input_facts` builds them."""

    @property
    def known(self) -> Mapping[str, set[Row]]:
        """Facts the transfer gives."""

    @property
    def open(self) -> Sequence[OpenLike]:
        """Questions still open."""


Facts = InputFactsLike | Mapping[str, Iterable[Sequence[Value]]]
"""Input facts: an ``InputFacts`` or a plain mapping predicate -> rows."""


class _Unbound(Exception):
    """A variable has no value in the bindings."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not bound")
        self.name = name


class _Arithmetic(Exception):
    """Arithmetic on values it is not defined for."""


# -- values, terms and atoms ---------------------------------------------------------------------


def _render(value: Value) -> str:
    """A value as written in a rule file (strings quoted and escaped)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def _atom_text(pred: str, row: Sequence[Value | None]) -> str:
    """``pred(args)``, with ``_`` for an argument that may be anything."""
    if not row:
        return pred
    return f"{pred}({', '.join('_' if v is None else _render(v) for v in row)})"


def _same(left: Value, right: Value) -> bool:
    """Equality of constants: a string is never equal to an integer."""
    return type(left) is type(right) and left == right


def _compare(op: str, left: Value, right: Value) -> bool:
    """The rule language's comparison: values of different types are only ever unequal."""
    if op == "=":
        return _same(left, right)
    if op == "!=":
        return not _same(left, right)
    if isinstance(left, int) and isinstance(right, int):
        return _order(op, left, right)
    if isinstance(left, str) and isinstance(right, str):
        return _order(op, left, right)
    return False


def _order(op: str, left: _Ordered, right: _Ordered) -> bool:
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


def _evaluate(term: Term, binding: Mapping[str, Value]) -> Value:
    """A term's value under a binding; integer arithmetic, division truncating toward zero."""
    if isinstance(term, Const):
        return term.value
    if isinstance(term, Var):
        if term.name not in binding:
            raise _Unbound(term.name)
        return binding[term.name]
    left, right = _evaluate(term.left, binding), _evaluate(term.right, binding)
    if not isinstance(left, int) or not isinstance(right, int):
        raise _Arithmetic(f"{term.text()} needs integers, got {_render(left)} and {_render(right)}")
    if term.op == "+":
        return left + right
    if term.op == "-":
        return left - right
    if term.op == "*":
        return left * right
    if right == 0:
        raise _Arithmetic(f"{term.text()} divides by zero")
    quotient = abs(left) // abs(right)
    if (left < 0) != (right < 0):
        quotient = -quotient
    return quotient if term.op == "/" else left - right * quotient


def _instantiate(atom: Atom, binding: Mapping[str, Value]) -> Pattern:
    """The atom's arguments under a binding, ``None`` where it has ``_``."""
    return tuple(
        None if isinstance(a, Var) and a.name == "_" else _evaluate(a, binding) for a in atom.args
    )


def _fits(row: Sequence[Value | None], pattern: Pattern) -> bool:
    """True when ``row`` has the pattern's length and agrees with it wherever it is not ``_``."""
    return len(row) == len(pattern) and all(
        p is None or (v is not None and _same(p, v)) for v, p in zip(row, pattern, strict=True)
    )


def _same_pattern(left: Pattern, right: Pattern) -> bool:
    return len(left) == len(right) and all(
        (a is None and b is None) or (a is not None and b is not None and _same(a, b))
        for a, b in zip(left, right, strict=True)
    )


def _base_pred(pred: str) -> str:
    return pred.removesuffix(HI)


def _parse_atom(text: str) -> tuple[str, Pattern]:
    """Read ``pred``, ``pred()`` or ``pred(arg, ...)`` with quoted, integer or ``_`` arguments.

    Raises:
        ValueError: the text is not an atom of constants.
    """
    text = text.strip()
    match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text)
    if match is None:
        raise ValueError("it does not start with a predicate name")
    pred, i = match.group(0), match.end()
    args: list[Value | None] = []
    rest = text[i:].strip()
    if not rest:
        return _base_pred(pred), ()
    if not rest.startswith("(") or not rest.endswith(")"):
        raise ValueError("the arguments are not in parentheses")
    body, j = rest[1:-1], 0
    while True:
        while j < len(body) and body[j].isspace():
            j += 1
        if j == len(body):
            if args:
                raise ValueError("an argument is missing after ','")
            break
        if body[j] == '"':
            j += 1
            chars: list[str] = []
            while j < len(body) and body[j] != '"':
                if body[j] == "\\" and j + 1 < len(body):
                    j += 1
                chars.append(body[j])
                j += 1
            if j == len(body):
                raise ValueError("a string is not closed")
            args.append("".join(chars))
            j += 1
        else:
            token = re.match(r"-?[0-9]+|_", body[j:])
            if token is None:
                raise ValueError(f"unexpected {body[j : j + 10]!r}")
            args.append(None if token.group(0) == "_" else int(token.group(0)))
            j += token.end()
        while j < len(body) and body[j].isspace():
            j += 1
        if j == len(body):
            break
        if body[j] != ",":
            raise ValueError(f"expected ',' before {body[j : j + 10]!r}")
        j += 1
    return _base_pred(pred), tuple(args)


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


class _Checker:
    """Holds the facts of one check and collects its problems."""

    def __init__(self, root: ProofNode, base: RuleBase, facts: Facts, day: date) -> None:
        self.day = day
        self.problems: list[str] = []
        self.rules: dict[str, Clause] = {}
        self.rule_facts: dict[str, set[Row]] = {}
        for clause in base.program.clauses:
            if clause.meta.id is not None:
                self.rules.setdefault(clause.meta.id, clause)
            if not clause.body and self._in_force(clause):
                try:
                    row = tuple(_evaluate(a, {}) for a in clause.head.args)
                except (_Unbound, _Arithmetic):
                    continue
                self.rule_facts.setdefault(clause.head.pred, set()).add(row)
        self.tables = {
            pred: [r for r in rows if r.valid_on(day)] for pred, rows in base.tables.items()
        }
        self.known: dict[str, set[Row]] = {}
        self.possible: dict[str, set[Row]] = {}
        if isinstance(facts, Mapping):
            for pred, rows in facts.items():
                self.known.setdefault(pred, set()).update(tuple(r) for r in rows)
        else:
            for pred, known_rows in facts.known.items():
                self.known.setdefault(pred, set()).update(tuple(r) for r in known_rows)
            for opened in facts.open:
                for answer in opened.answers.values():
                    for pred, row in answer:
                        self.possible.setdefault(pred, set()).add(tuple(row))
        for pred, rows in self.known.items():
            self.possible.setdefault(pred, set()).update(rows)
        self.established: list[tuple[str, Pattern, str]] = []
        for node, path in _walk(root, "proof"):
            if isinstance(node, RuleNode):
                try:
                    pred, pattern = _parse_atom(node.conclusion)
                except ValueError:
                    continue
                self.established.append((pred, pattern, path))
            elif isinstance(node, FactNode):
                self.established.append((_base_pred(node.pred), tuple(node.args), path))

    def _in_force(self, clause: Clause) -> bool:
        span = clause.meta.in_force
        return span is None or span.covers(self.day)

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
        if not self._in_force(clause):
            span = meta.in_force.text() if meta.in_force else ""
            self.problem(
                node,
                path,
                f"rule {node.rule_id} is not in force on {self.day.isoformat()} (in force {span})",
            )
        in_force = meta.in_force.text() if meta.in_force else None
        if node.in_force != in_force:
            self.problem(
                node, path, f"says the rule is in force {node.in_force!r}, not {in_force!r}"
            )
        if node.citation != meta.cites:
            cited = meta.cites.text() if meta.cites else None
            shown = node.citation.text() if node.citation else None
            self.problem(node, path, f"cites {shown!r}, but the rule cites {cited!r}")
        if node.quote != meta.quote:
            self.problem(node, path, "its quoted text is not the rule's @quote")
        if node.interpretation != meta.interpretation:
            self.problem(node, path, "its interpretation is not the rule's @interpretation")

    def head(self, node: RuleNode, path: str, clause: Clause, binding: Mapping[str, Value]) -> None:
        try:
            expected = _instantiate(clause.head, binding)
        except (_Unbound, _Arithmetic) as exc:
            self.problem(node, path, f"the head {clause.head.text()} cannot be evaluated: {exc}")
            return
        want = _atom_text(clause.head.pred, expected)
        try:
            pred, row = _parse_atom(node.conclusion)
        except ValueError as exc:
            self.problem(node, path, f"the conclusion {node.conclusion!r} is not an atom: {exc}")
            return
        if pred != clause.head.pred or not _same_pattern(row, expected):
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
            expected = _instantiate(lit, binding)
        except (_Unbound, _Arithmetic) as exc:
            self.problem(child, path, f"the literal {lit.text()} cannot be evaluated: {exc}")
            return
        want = _atom_text(lit.pred, expected)
        if lit.negated:
            if not isinstance(child, NegationNode):
                self.problem(
                    child, path, f"the literal is not {lit.text()}, whose step is a negation"
                )
                return
            try:
                pred, pattern = _parse_atom(child.atom)
            except ValueError as exc:
                self.problem(child, path, f"{child.atom!r} is not an atom: {exc}")
                return
            if pred != lit.pred or not _same_pattern(pattern, expected):
                self.problem(child, path, f"the literal not {want} is shown as not {child.atom}")
            return
        if isinstance(child, RuleNode):
            try:
                pred, pattern = _parse_atom(child.conclusion)
            except ValueError:
                return  # reported when the child itself is visited
            shown = child.conclusion
        elif isinstance(child, FactNode):
            pred, pattern, shown = _base_pred(child.pred), tuple(child.args), child.atom
        else:
            self.problem(
                child, path, f"the literal {want} needs a rule or a fact, not a {child.kind}"
            )
            return
        if pred != lit.pred or None in pattern or not _fits(pattern, expected):
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
            left, right = _evaluate(lit.left, binding), _evaluate(lit.right, binding)
        except (_Unbound, _Arithmetic) as exc:
            self.problem(child, path, f"{lit.text()} cannot be evaluated: {exc}")
            return
        evaluated = f"{_render(left)} {lit.op} {_render(right)}"
        if child.evaluated != evaluated:
            self.problem(child, path, f"the bindings give {evaluated}, not {child.evaluated}")
        holds = _compare(lit.op, left, right)
        if child.holds != holds:
            self.problem(child, path, f"{evaluated} is {str(holds).lower()}, not {child.holds}")
        elif not holds:
            self.problem(child, path, f"{evaluated} is false, so the rule does not apply")

    def fact_node(self, node: FactNode, path: str) -> None:
        pred, row = _base_pred(node.pred), tuple(node.args)
        text = _atom_text(pred, row)
        try:
            written = _parse_atom(node.atom)
        except ValueError as exc:
            self.problem(node, path, f"{node.atom!r} is not an atom: {exc}")
        else:
            if written[0] != pred or not _same_pattern(written[1], row):
                self.problem(node, path, f"its atom {node.atom} is not its pred and args ({text})")
        given = row in self.known.get(pred, ())
        rows = [r for r in self.tables.get(pred, ()) if len(r.values) == len(row)]
        table_rows = [r for r in rows if _fits(r.values, row)]
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
        try:
            pred, pattern = _parse_atom(node.atom)
        except ValueError as exc:
            self.problem(node, path, f"{node.atom!r} is not an atom: {exc}")
            return
        for row in self.possible.get(pred, ()):
            if _fits(row, pattern):
                surely = row in self.known.get(pred, ())
                what = "a fact of the transfer" if surely else "a possible answer to a question"
                self.problem(node, path, f"{_atom_text(pred, row)} is {what}")
                return
        for table_row in self.tables.get(pred, ()):
            if _fits(table_row.values, pattern):
                self.problem(
                    node,
                    path,
                    f"{_atom_text(pred, table_row.values)} is a row of a table valid on "
                    f"{self.day.isoformat()} ({table_row.file}:{table_row.line})",
                )
                return
        for row in self.rule_facts.get(pred, ()):
            if _fits(row, pattern):
                self.problem(node, path, f"{_atom_text(pred, row)} is stated by a rule file")
                return
        for other, shown, where in self.established:
            if other == pred and _fits(shown, pattern):
                self.problem(
                    node,
                    path,
                    f"{_atom_text(pred, shown)} is established elsewhere in the proof, at {where}",
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
