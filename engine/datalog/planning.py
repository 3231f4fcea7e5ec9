"""Rules planned for evaluation: join atoms and Python steps per rule, components per program.

A rule's positive atoms are joined (:mod:`dualuse.engine.datalog.joins` or pyDatalog); its
bindings, comparisons and negations become steps applied in Python, in an order where each has
what it needs bound. A program's rules are grouped by the strongly connected components of its
dependency graph, in evaluation order; what each component reads, and which components a
changed relation reaches, is what incremental re-evaluation needs.

>>> from dualuse.engine.datalog.parser import parse_text
>>> compiled = CompiledProgram(parse_text('p(X) :- q(X), X != 1. r(X) :- p(X).'))
>>> [sorted(preds) for preds, _rules, _recursive in compiled.components]
[['p'], ['r']]
>>> compiled.affected(["q"])
[0, 1]
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dualuse.engine.datalog.graph import closure, dependency_graph, strongly_connected
from dualuse.engine.datalog.joins import Indexes, Plans
from dualuse.engine.datalog.syntax import (
    Atom,
    BinOp,
    Clause,
    Comparison,
    Const,
    Program,
    Term,
    Value,
    Var,
    term_vars,
)
from dualuse.engine.datalog.terms import (
    Binding,
    EvaluationError,
    Row,
    candidates,
    compare,
    eval_term,
    matches,
)


@dataclass(frozen=True)
class _Step:
    """A Python-side step after the join: bind a variable, test a comparison or a negation."""

    kind: str  # "bind", "test", "not"
    literal: Comparison | Atom
    target: str = ""
    expr: Term | None = None
    probe: tuple[tuple[int, ...], tuple[tuple[bool, Value], ...]] | None = None
    """For a negation with anonymous arguments: the positions it binds and what binds each
    (a variable's name or a constant), so that one index lookup answers it."""


def _probe(atom: Atom) -> tuple[tuple[int, ...], tuple[tuple[bool, Value], ...]] | None:
    """The index probe of a negated atom with ``_`` among plain arguments (else ``None``).

    Without ``_`` a negation is one set lookup already; with it, every row would be scanned.
    """
    args = atom.args
    if not any(isinstance(a, Var) and a.name == "_" for a in args):
        return None
    if not all(isinstance(a, Var | Const) for a in args):
        return None
    positions = tuple(i for i, a in enumerate(args) if not (isinstance(a, Var) and a.name == "_"))
    spec = tuple(
        (True, a.name) if isinstance(a, Var) else (False, a.value)  # type: ignore[union-attr]
        for a in (args[i] for i in positions)
    )
    return positions, spec


def _row_spec(atom: Atom) -> tuple[tuple[bool, Value], ...] | None:
    """Per argument (True, variable) or (False, constant); ``None`` for ``_`` or arithmetic."""
    spec: list[tuple[bool, Value]] = []
    for arg in atom.args:
        if isinstance(arg, Var) and arg.name != "_":
            spec.append((True, arg.name))
        elif isinstance(arg, Const):
            spec.append((False, arg.value))
        else:
            return None
    return tuple(spec)


class CompiledRule:
    """One clause, planned: the atoms pyDatalog joins, then the steps Python applies."""

    def __init__(self, index: int, clause: Clause) -> None:
        self.index = index
        self.clause = clause
        self.head_pred = clause.head.pred
        self.positives: list[Atom] = [
            b for b in clause.body if isinstance(b, Atom) and not b.negated
        ]
        self._extra: list[tuple[str, Term]] = []  # fresh variable = expression inside an atom
        self.join_atoms: list[Atom] = []
        fresh = itertools.count()
        for atom in self.positives:
            args: list[Term] = []
            for arg in atom.args:
                if isinstance(arg, BinOp):
                    name = f"__e{next(fresh)}"
                    self._extra.append((name, arg))
                    args.append(Var(name=name))
                else:
                    args.append(arg)
            self.join_atoms.append(atom.model_copy(update={"args": tuple(args)}))
        self.steps = self._plan(clause, fresh)
        self.plans: Plans = {}
        self.reads = tuple(dict.fromkeys(a.pred for a in self.join_atoms))
        """The relations of the positive body atoms."""
        self.uses = frozenset(b.pred for b in clause.body if isinstance(b, Atom))
        """The relations of every body atom, negated or not."""
        self.tall: tuple[tuple[Atom, tuple[tuple[bool, Value], ...] | None], ...] = ()
        """The positive atoms over derived relations, each with how to read its row from a
        binding when its arguments are variables and constants (else ``None``): their
        heights give a derivation's (set by the program, which knows what is derived)."""
        head = clause.head.args
        self._simple_head: tuple[tuple[bool, Value], ...] | None = None
        if all(isinstance(a, Var | Const) for a in head):
            self._simple_head = tuple(
                (True, a.name) if isinstance(a, Var) else (False, a.value)  # type: ignore[union-attr]
                for a in head
            )

    def _plan(self, clause: Clause, fresh: Iterable[int]) -> list[_Step]:
        bound = {
            a.name
            for atom in self.join_atoms
            for a in atom.args
            if isinstance(a, Var) and a.name != "_"
        }
        pending: list[Comparison | Atom] = [
            b for b in clause.body if isinstance(b, Comparison) or b.negated
        ]
        pending += [
            Comparison(op="=", left=Var(name=name), right=expr) for name, expr in self._extra
        ]
        steps: list[_Step] = []
        while pending:
            progressed = False
            for lit in list(pending):
                if isinstance(lit, Atom):
                    if lit.vars() <= bound:
                        steps.append(_Step("not", lit, probe=_probe(lit)))
                        pending.remove(lit)
                        progressed = True
                    continue
                if lit.vars() <= bound:
                    steps.append(_Step("test", lit))
                    pending.remove(lit)
                    progressed = True
                    continue
                if lit.op == "=":
                    for target, source in ((lit.left, lit.right), (lit.right, lit.left)):
                        if (
                            isinstance(target, Var)
                            and target.name not in bound
                            and term_vars(source) <= bound
                        ):
                            steps.append(_Step("bind", lit, target.name, source))
                            bound.add(target.name)
                            pending.remove(lit)
                            progressed = True
                            break
            if not progressed:  # the checker rejects such rules; keep the planner total
                raise EvaluationError(f"cannot order the body of {clause.text()}")
        return steps

    def apply_steps(
        self, binding: Binding, facts: Mapping[str, set[Row]], indexes: Indexes | None = None
    ) -> bool:
        """Apply binds, tests and negations in place; False when the body fails.

        ``indexes`` (over ``facts``) answers a negation with anonymous arguments in one lookup.
        """
        for step in self.steps:
            if step.kind == "bind":
                assert step.expr is not None
                binding[step.target] = eval_term(step.expr, binding)
            elif step.kind == "test":
                lit = step.literal
                assert isinstance(lit, Comparison)
                if not compare(lit.op, eval_term(lit.left, binding), eval_term(lit.right, binding)):
                    return False
            else:
                lit = step.literal
                assert isinstance(lit, Atom)
                if indexes is not None and step.probe is not None:
                    positions, spec = step.probe
                    key = tuple(binding[v] if is_var else v for is_var, v in spec)  # type: ignore[index]
                    if indexes.rows(lit.pred, positions, key):
                        return False
                    continue
                rows = facts.get(lit.pred, ())
                if any(matches(lit, row, binding) for row in candidates(lit, rows, binding)):
                    return False
        return True

    def head_row(self, binding: Mapping[str, Value]) -> Row:
        """The head's arguments under a binding."""
        if self._simple_head is not None:
            return tuple(binding[v] if is_var else v for is_var, v in self._simple_head)  # type: ignore[index]
        return tuple(eval_term(a, binding) for a in self.clause.head.args)


class CompiledProgram:
    """A checked program planned for evaluation: rules grouped by component, in order."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.rules = [CompiledRule(i, c) for i, c in enumerate(program.clauses) if c.body]
        self.derived = {rule.clause.head.pred for rule in self.rules}
        for rule in self.rules:
            rule.tall = tuple(
                (atom, _row_spec(atom)) for atom in rule.positives if atom.pred in self.derived
            )
        self.facts: dict[str, set[Row]] = {}
        for clause in program.clauses:
            if not clause.body:
                row = tuple(eval_term(a, {}) for a in clause.head.args)
                self.facts.setdefault(clause.head.pred, set()).add(row)
        graph = dependency_graph(program)
        by_head: dict[str, list[CompiledRule]] = {}
        for rule in self.rules:
            by_head.setdefault(rule.clause.head.pred, []).append(rule)
        self.components: list[tuple[set[str], list[CompiledRule], bool]] = []
        self.reads: list[set[str]] = []
        """Per component, the relations its rule bodies read."""
        for component in strongly_connected(graph):
            preds = set(component)
            rules = [r for p in component for r in by_head.get(p, [])]
            if not rules:
                continue
            recursive = len(preds) > 1 or any(
                dep in preds for p in preds for dep, _ in graph.get(p, ())
            )
            rules.sort(key=lambda r: r.index)
            self.components.append((preds, rules, recursive))
            self.reads.append(set().union(*(r.uses for r in rules)))
        self._users: dict[str, set[str]] = defaultdict(set)
        self._signed_users: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        """Per relation, the relations whose rules read it, and whether under a negation."""
        for head, deps in graph.items():
            for dep, negated in deps:
                self._users[dep].add(head)
                self._signed_users[dep].append((head, negated))
        self._reach: dict[str, frozenset[int]] = {}
        """Per relation, the components that read it, directly or not (filled on demand)."""
        self._component_of = {
            pred: number for number, (preds, _, _) in enumerate(self.components) for pred in preds
        }
        self._upstream: dict[frozenset[str], frozenset[str]] = {}
        self._dependents: dict[frozenset[str], tuple[frozenset[str], frozenset[str]]] = {}
        self._graph = graph
        self.arity: dict[str, int] = {}
        for clause in program.clauses:
            self.arity[clause.head.pred] = clause.head.arity
            for lit in clause.body:
                if isinstance(lit, Atom):
                    self.arity.setdefault(lit.pred, lit.arity)

    def upstream(self, goals: frozenset[str]) -> frozenset[str]:
        """``goals`` and every relation they are derived from, directly or not."""
        found = self._upstream.get(goals)
        if found is None:
            found = self._upstream[goals] = closure(
                goals, lambda p: (dep for dep, _negated in self._graph.get(p, ()))
            )
        return found

    def dependents(self, preds: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
        """The relations derived from ``preds`` (``preds`` too), and those through a negation.

        A relation in the first set and not in the second depends on ``preds`` only along
        positive body atoms: adding facts to ``preds`` can only add to it.
        """
        found = self._dependents.get(preds)
        if found is None:
            users = self._signed_users
            seen = {(pred, False) for pred in preds}
            stack = list(seen)
            while stack:
                pred, through = stack.pop()
                for head, negated in users.get(pred, ()):
                    state = (head, through or negated)
                    if state not in seen:
                        seen.add(state)
                        stack.append(state)
            found = self._dependents[preds] = (
                frozenset(p for p, _ in seen),
                frozenset(p for p, through in seen if through),
            )
        return found

    def affected(self, changed: Iterable[str]) -> list[int]:
        """The components that read a changed relation, directly or not, in evaluation order."""
        reached: set[int] = set()
        for pred in changed:
            found = self._reach.get(pred)
            if found is None:
                users = closure({pred}, lambda p: self._users.get(p, ()))
                found = self._reach[pred] = frozenset(
                    self._component_of[p] for p in users if p in self._component_of
                )
            reached |= found
        return sorted(reached)
