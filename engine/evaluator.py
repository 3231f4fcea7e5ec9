"""Bottom-up evaluation of a checked program, with pyDatalog doing every join.

The evaluator walks the strongly connected components of the dependency graph in order. For each
rule it hands the conjunction of the positive body atoms to pyDatalog, built through its
programmatic API (``Term``; never ``load`` or ``ask`` on text), then applies the rule's bindings,
comparisons and negations in Python over the facts already complete in lower strata. Recursive
components run semi-naively, joining each round against the previous round's new facts only:
pyDatalog's own top-down resolution does not terminate on right-recursive rules over cyclic data.
Every derived fact records the rule and bindings of its lowest derivation by each rule, with its
height, which is what proofs are rebuilt from (the Soufflé provenance approach).

>>> from dualuse.engine.parser import parse_text
>>> text = 'path(X, Y) :- edge(X, Y). path(X, Y) :- edge(X, Z), path(Z, Y).'
>>> compiled = CompiledProgram(parse_text(text))
>>> result = evaluate(compiled, {"edge": {("a", "b"), ("b", "a")}})
>>> sorted(result.facts["path"])
[('a', 'a'), ('a', 'b'), ('b', 'a'), ('b', 'b')]
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dualuse.engine.checks import dependency_graph, strongly_connected
from dualuse.engine.errors import DualuseError
from dualuse.engine.syntax import Atom, BinOp, Clause, Comparison, Const, Program, Term, Value, Var
from pyDatalog import pyDatalog
from pyDatalog.pyParser import Body
from pyDatalog.pyParser import Term as PdTerm

Row = tuple[Value, ...]
Fact = tuple[str, Row]
Binding = dict[str, Value]


class EvaluationError(DualuseError):
    """Arithmetic or comparison on values of the wrong type, or division by zero."""

    code = "evaluation_error"


def eval_term(term: Term, binding: Mapping[str, Value]) -> Value:
    """Evaluate a term under a binding with integer arithmetic (division truncates to zero)."""
    if isinstance(term, Const):
        return term.value
    if isinstance(term, Var):
        return binding[term.name]
    left, right = eval_term(term.left, binding), eval_term(term.right, binding)
    if not isinstance(left, int) or not isinstance(right, int):
        if term.op == "+" and isinstance(left, str) and isinstance(right, str):
            return left + right
        raise EvaluationError(f"arithmetic {term.op} needs integers, got {left!r} and {right!r}")
    if term.op == "+":
        return left + right
    if term.op == "-":
        return left - right
    if term.op == "*":
        return left * right
    if right == 0:
        raise EvaluationError(f"division by zero in {term.text()}")
    if term.op == "/":
        quotient = abs(left) // abs(right)
        return quotient if (left >= 0) == (right >= 0) else -quotient
    remainder = abs(left) % abs(right)  # C semantics, as in Soufflé: the sign of the dividend
    return remainder if left >= 0 else -remainder


def compare(op: str, left: Value, right: Value) -> bool:
    """Compare two values; values of different types are only ever unequal."""
    if op == "=":
        return left == right and type(left) is type(right)
    if op == "!=":
        return not (left == right and type(left) is type(right))
    if isinstance(left, int) and isinstance(right, int):
        pair: tuple[int, int] | tuple[str, str] = (left, right)
    elif isinstance(left, str) and isinstance(right, str):
        pair = (left, right)
    else:
        return False
    if op == "<":
        return pair[0] < pair[1]  # type: ignore[operator]
    if op == "<=":
        return pair[0] <= pair[1]  # type: ignore[operator]
    if op == ">":
        return pair[0] > pair[1]  # type: ignore[operator]
    return pair[0] >= pair[1]  # type: ignore[operator]


@dataclass(frozen=True)
class _Step:
    """A Python-side step after the join: bind a variable, test a comparison or a negation."""

    kind: str  # "bind", "test", "not"
    literal: Comparison | Atom
    target: str = ""
    expr: Term | None = None


class CompiledRule:
    """One clause, planned: the atoms pyDatalog joins, then the steps Python applies."""

    def __init__(self, index: int, clause: Clause) -> None:
        self.index = index
        self.clause = clause
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
                        steps.append(_Step("not", lit))
                        pending.remove(lit)
                        progressed = True
                    continue
                if lit.vars() <= bound:
                    steps.append(_Step("test", lit))
                    pending.remove(lit)
                    progressed = True
                    continue
                if lit.op == "=":
                    from dualuse.engine.syntax import term_vars

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

    def solutions(
        self, store: FactStore, delta: int | None = None, delta_pred: str | None = None
    ) -> Iterable[Binding]:
        """Yield every binding of the body; with ``delta`` atom ``delta`` reads ``delta_pred``."""
        for binding in store.join(self.join_atoms, delta, delta_pred):
            if self.apply_steps(binding, store.facts):
                yield binding

    def apply_steps(self, binding: Binding, facts: Mapping[str, set[Row]]) -> bool:
        """Apply binds, tests and negations in place; False when the body fails."""
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
                rows = facts.get(lit.pred, ())
                if any(_matches(lit, row, binding) for row in _candidates(lit, rows, binding)):
                    return False
        return True

    def head_row(self, binding: Mapping[str, Value]) -> Row:
        """The head's arguments under a binding."""
        return tuple(eval_term(a, binding) for a in self.clause.head.args)


def _candidates(atom: Atom, rows: Iterable[Row], binding: Mapping[str, Value]) -> Iterable[Row]:
    if all(not isinstance(a, Var) or a.name != "_" for a in atom.args):
        try:
            row = tuple(eval_term(a, binding) for a in atom.args)
        except KeyError:
            return rows
        return (row,) if row in rows else ()
    return rows


def _matches(
    atom: Atom, row: Row, binding: Mapping[str, Value], local: dict[str, Value] | None = None
) -> bool:
    if len(row) != len(atom.args):
        return False
    if local is None:
        local = {}
    for arg, value in zip(atom.args, row, strict=True):
        if isinstance(arg, Var):
            if arg.name == "_":
                continue
            known = local.get(arg.name, binding.get(arg.name))
            if known is None:
                local[arg.name] = value
            elif not compare("=", known, value):
                return False
        elif not compare("=", eval_term(arg, binding), value):
            return False
    return True


class FactStore:
    """The facts of one evaluation: a Python mirror for lookups and pyDatalog for joins."""

    def __init__(self, facts: dict[str, set[Row]], preloaded: Mapping[str, set[Row]] = {}) -> None:
        self.facts = facts
        self._vars: dict[str, Any] = {}
        # Relations already in the installed base, unchanged in this evaluation: no reload.
        self._declared: set[str] = {p for p, rows in preloaded.items() if facts.get(p) == rows}
        # Relations of the base that this evaluation changes get a name of their own, so that
        # nothing is ever asserted into the shared base (pyDatalog copies it shallowly).
        self._renamed: set[str] = set(preloaded) - self._declared

    def pd_name(self, pred: str) -> str:
        """PyDatalog predicate name: prefixed, so no rule-base name can clash with its own."""
        return ("dlx_" if pred in self._renamed else "dl_") + pred

    def add(self, pred: str, row: Row) -> bool:
        """Add a fact; False when it was already there."""
        rows = self.facts.setdefault(pred, set())
        if row in rows:
            return False
        rows.add(row)
        if pred in self._declared:
            +PdTerm(self.pd_name(pred))(*row)
        return True

    def _declare(self, pred: str) -> None:
        """Load the facts of ``pred`` into pyDatalog the first time a join needs them."""
        if pred in self._declared:
            return
        self._declared.add(pred)
        term = PdTerm(self.pd_name(pred))
        for row in self.facts.get(pred, ()):
            +term(*row)

    def scan(self, atom: Atom, pred: str) -> Iterable[Binding]:
        """Bindings of a single atom: a projection of one relation, no join needed."""
        for row in self.facts.get(pred, ()):
            binding: Binding = {}
            if _matches(atom, row, binding, local=binding):
                yield binding

    def _var(self, name: str) -> Any:
        var = self._vars.get(name)
        if var is None:
            var = self._vars[name] = PdTerm(f"V{len(self._vars)}")
        return var

    def join(
        self, atoms: list[Atom], delta: int | None, delta_pred: str | None
    ) -> Iterable[Binding]:
        """All bindings of the conjunction of ``atoms``, solved by pyDatalog."""
        if not atoms:
            yield {}
            return
        preds = [delta_pred if i == delta and delta_pred else a.pred for i, a in enumerate(atoms)]
        if any(not self.facts.get(pred) for pred in preds):
            return  # an empty relation: nothing joins (and pyDatalog would not know it)
        if len(atoms) == 1:
            yield from self.scan(atoms[0], preds[0])
            return
        for pred in preds:
            self._declare(pred)
        literals = []
        names: dict[str, str] = {}
        anonymous = itertools.count()
        for atom, pred in zip(atoms, preds, strict=True):
            args: list[Any] = []
            for arg in atom.args:
                if isinstance(arg, Var):
                    name = f"_{next(anonymous)}" if arg.name == "_" else arg.name
                    var = self._var(name)
                    if arg.name != "_":
                        names[str(var._pyD_name)] = arg.name
                    args.append(var)
                else:
                    assert isinstance(arg, Const)
                    args.append(arg.value)
            literals.append(PdTerm(self.pd_name(pred))(*args))
        body = Body(*literals)
        order = [names.get(k) for k in body._variables()]
        answer = body.ask()
        if answer is True or answer == [()]:
            yield {}
            return
        if not answer:
            return
        for row in answer:
            yield {n: v for n, v in zip(order, row, strict=True) if n is not None}


@dataclass
class Derivation:
    """How a fact was first derived by one rule: the bindings of its lowest such derivation."""

    rule: int
    height: int
    binding: Binding


@dataclass
class Evaluation:
    """The result of evaluating a program: all facts and how the derived ones came about."""

    facts: dict[str, set[Row]]
    provenance: dict[Fact, dict[int, Derivation]] = field(default_factory=dict)

    def holds(self, pred: str, row: Row = ()) -> bool:
        """True when ``pred(row)`` is among the facts."""
        return row in self.facts.get(pred, ())

    def height(self, fact: Fact) -> int:
        """0 for input facts, else the height of the lowest recorded derivation."""
        ways = self.provenance.get(fact)
        return min(d.height for d in ways.values()) if ways else 0


class CompiledProgram:
    """A checked program planned for evaluation: rules grouped by component, in order."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.rules = [CompiledRule(i, c) for i, c in enumerate(program.clauses) if c.body]
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
        self.arity: dict[str, int] = {}
        for clause in program.clauses:
            self.arity[clause.head.pred] = clause.head.arity
            for lit in clause.body:
                if isinstance(lit, Atom):
                    self.arity.setdefault(lit.pred, lit.arity)


_lock = threading.Lock()


class Preloaded:
    """Relations loaded into pyDatalog once (the data tables of a day), shared by evaluations.

    Each evaluation installs a copy of the handle (``pyDatalog.Logic(handle)``, microseconds)
    instead of asserting every table row again; it never asserts into these relations.
    """

    def __init__(self, relations: Mapping[str, set[Row]]) -> None:
        self.rows = {p: set(r) for p, r in relations.items()}
        pyDatalog.Logic()
        for pred, rows in self.rows.items():
            term = PdTerm("dl_" + pred)
            for row in rows:
                +term(*row)
        self.handle = pyDatalog.Logic(True)


def evaluate(
    compiled: CompiledProgram,
    edb: Mapping[str, Iterable[Row]],
    *,
    provenance: bool = True,
    preloaded: Preloaded | None = None,
) -> Evaluation:
    """Evaluate ``compiled`` over the input facts ``edb`` and return every fact.

    Each call starts a fresh pyDatalog rule base in the calling thread (a copy of ``preloaded``
    when given), so calls from different threads, or for different programs in one thread,
    never see each other's facts.
    """
    if preloaded is None:
        pyDatalog.Logic()  # a fresh, thread-local rule base for this evaluation
    else:
        pyDatalog.Logic(preloaded.handle)
    facts: dict[str, set[Row]] = {p: set(rows) for p, rows in compiled.facts.items()}
    for pred, rows in edb.items():
        facts.setdefault(pred, set()).update(tuple(r) for r in rows)
    store = FactStore(facts, preloaded.rows if preloaded is not None else {})
    result = Evaluation(facts=facts)
    for _preds, rules, recursive in compiled.components:
        if not recursive:
            for rule in rules:
                _fire(rule, store, result, provenance)
            continue
        delta: dict[str, set[Row]] = {}
        for rule in rules:
            for pred, row in _fire(rule, store, result, provenance):
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
                    for pred, row in _fire(
                        rule, store, result, provenance, delta=j, delta_pred=delta_names[atom.pred]
                    ):
                        new.setdefault(pred, set()).add(row)
            for name in delta_names.values():
                del store.facts[name]
            delta = new
    return result


def _atom_height(
    atom: Atom, binding: Binding, facts: Mapping[str, set[Row]], result: Evaluation
) -> int:
    """The height of the body fact an atom matched (the lowest, where ``_`` leaves a choice)."""
    if not any(isinstance(a, Var) and a.name == "_" for a in atom.args):
        return result.height((atom.pred, tuple(eval_term(a, binding) for a in atom.args)))
    heights = [
        result.height((atom.pred, row))
        for row in facts.get(atom.pred, ())
        if _matches(atom, row, binding)
    ]
    return min(heights, default=0)


def _fire(
    rule: CompiledRule,
    store: FactStore,
    result: Evaluation,
    provenance: bool,
    delta: int | None = None,
    delta_pred: str | None = None,
) -> list[Fact]:
    """Apply one rule; add and return the facts it derives that were not known."""
    pred = rule.clause.head.pred
    added: list[Fact] = []
    pending: list[tuple[Row, Binding]] = list(
        (rule.head_row(b), b) for b in rule.solutions(store, delta, delta_pred)
    )
    for row, binding in pending:
        fact = (pred, row)
        if provenance:
            height = 1 + max(
                (_atom_height(atom, binding, store.facts, result) for atom in rule.positives),
                default=0,
            )
            ways = result.provenance.setdefault(fact, {})
            known = ways.get(rule.index)
            if known is None or height < known.height:
                ways[rule.index] = Derivation(rule.index, height, dict(binding))
        if store.add(pred, row):
            added.append(fact)
    return added
