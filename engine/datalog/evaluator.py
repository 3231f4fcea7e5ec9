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

import itertools
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dualuse.engine.datalog.checks import dependency_graph, strongly_connected
from dualuse.engine.datalog.joins import Indexes, Plans, indexed_join
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
)
from dualuse.engine.errors import DualuseError
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
        self.plans: Plans = {}
        self.reads = tuple(dict.fromkeys(a.pred for a in self.join_atoms))
        """The relations of the positive body atoms."""
        self.uses = frozenset(b.pred for b in clause.body if isinstance(b, Atom))
        """The relations of every body atom, negated or not."""
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
                    from dualuse.engine.datalog.syntax import term_vars

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
        if self._simple_head is not None:
            return tuple(binding[v] if is_var else v for is_var, v in self._simple_head)  # type: ignore[index]
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


JOINS = ("indexed", "pydatalog")
"""The join strategies: the engine's hash indexes (the default) or pyDatalog queries."""


class FactStore:
    """The facts of one evaluation, with the indexes or the pyDatalog base its joins read."""

    def __init__(
        self,
        facts: dict[str, set[Row]],
        preloaded: Preloaded | None = None,
        joins: str = "indexed",
        *,
        lent: Mapping[str, str] | None = None,
        derived: set[str] | None = None,
    ) -> None:
        """``lent``: relations with exactly the rows of a preloaded one (ours -> its name)."""
        if joins not in JOINS:
            raise ValueError(f"unknown join strategy {joins!r}; one of {', '.join(JOINS)}")
        self.facts = facts
        self.joins = joins
        rows = preloaded.rows if preloaded is not None else {}
        lent = lent or {}
        self.indexes = Indexes(facts, preloaded.indexes if preloaded is not None else None, lent)
        unchanged = {p for p, q in lent.items() if p == q}
        self.derived = derived or set()
        """Relations derived by rules (the others' facts have height 0)."""
        self._vars: dict[str, Any] = {}
        self._declared: set[str] = set()
        self._renamed: set[str] = set()
        if joins == "pydatalog":
            if preloaded is None:
                pyDatalog.Logic()  # a fresh, thread-local rule base for this evaluation
            else:
                pyDatalog.Logic(preloaded.handle())
                # Relations already in the installed base, unchanged here: no reload. Those this
                # evaluation changes get a name of their own, so that nothing is ever asserted
                # into the shared base (pyDatalog copies it shallowly).
                self._declared = set(unchanged)
                self._renamed = set(rows) - unchanged

    def pd_name(self, pred: str) -> str:
        """PyDatalog predicate name: prefixed, so no rule-base name can clash with its own."""
        return ("dlx_" if pred in self._renamed else "dl_") + pred

    def add(self, pred: str, row: Row) -> bool:
        """Add a fact; False when it was already there."""
        rows = self.facts.setdefault(pred, set())
        if row in rows:
            return False
        rows.add(row)
        self.indexes.added(pred, row)
        if pred in self._declared:
            +PdTerm(self.pd_name(pred))(*row)
        return True

    def drop(self, pred: str) -> None:
        """Remove a relation that was only needed for a while (a semi-naive delta)."""
        self.facts.pop(pred, None)
        self.indexes.forget(pred)

    def join(
        self, atoms: list[Atom], delta: int | None, delta_pred: str | None, plans: Plans
    ) -> Iterable[Binding]:
        """All bindings of the conjunction of ``atoms`` (atom ``delta`` read from the delta)."""
        if not atoms:
            return [{}]
        if delta is None or not delta_pred:
            preds = [a.pred for a in atoms]
        else:
            preds = [delta_pred if i == delta else a.pred for i, a in enumerate(atoms)]
        if self.joins == "indexed":
            return indexed_join(atoms, preds, self.indexes, delta, plans)
        return self._pydatalog_join(atoms, preds)

    def _declare(self, pred: str) -> None:
        """Load the facts of ``pred`` into pyDatalog the first time a join needs them."""
        if pred in self._declared:
            return
        self._declared.add(pred)
        term = PdTerm(self.pd_name(pred))
        for row in self.facts.get(pred, ()):
            +term(*row)

    def _scan(self, atom: Atom, pred: str) -> Iterable[Binding]:
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

    def _pydatalog_join(self, atoms: list[Atom], preds: list[str]) -> Iterable[Binding]:
        """All bindings of the conjunction, solved by a pyDatalog query."""
        if any(not self.facts.get(pred) for pred in preds):
            return  # an empty relation: nothing joins (and pyDatalog would not know it)
        if len(atoms) == 1:
            yield from self._scan(atoms[0], preds[0])
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
    program: CompiledProgram | None = None
    """The program evaluated."""
    inputs: dict[str, frozenset[Row]] = field(default_factory=dict)
    """The input facts it was given, per relation."""
    with_provenance: bool = True
    """False when derivations were not recorded."""
    complete: bool = True
    """False when only some goals were evaluated (their relations alone are right)."""
    _grouped: dict[str, list[tuple[Fact, dict[int, Derivation]]]] | None = field(
        default=None, repr=False, compare=False
    )

    def derivations_of(self, pred: str) -> list[tuple[Fact, dict[int, Derivation]]]:
        """The recorded derivations of the facts of ``pred``."""
        return self._by_relation().get(pred, [])

    def _by_relation(self) -> dict[str, list[tuple[Fact, dict[int, Derivation]]]]:
        grouped = self._grouped
        if grouped is None:
            grouped = defaultdict(list)
            for fact, ways in self.provenance.items():
                grouped[fact[0]].append((fact, ways))
            self._grouped = grouped
        return grouped

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
        self.derived = {rule.clause.head.pred for rule in self.rules}
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
        for head, deps in graph.items():
            for dep, _negated in deps:
                self._users[dep].add(head)
        self._reach: dict[str, frozenset[int]] = {}
        """Per relation, the components that read it, directly or not (filled on demand)."""
        self._component_of = {
            pred: number for number, (preds, _, _) in enumerate(self.components) for pred in preds
        }
        self._upstream: dict[frozenset[str], frozenset[str]] = {}
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
            found = self._upstream[goals] = _closure(
                goals, lambda p: (dep for dep, _negated in self._graph.get(p, ()))
            )
        return found

    def affected(self, changed: Iterable[str]) -> list[int]:
        """The components that read a changed relation, directly or not, in evaluation order."""
        reached: set[int] = set()
        for pred in changed:
            found = self._reach.get(pred)
            if found is None:
                users = _closure({pred}, lambda p: self._users.get(p, ()))
                found = self._reach[pred] = frozenset(
                    self._component_of[p] for p in users if p in self._component_of
                )
            reached |= found
        return sorted(reached)


def _closure(start: Iterable[str], neighbours: Callable[[str], Iterable[str]]) -> frozenset[str]:
    """``start`` and everything reachable from it through ``neighbours``."""
    seen = set(start)
    stack = list(seen)
    while stack:
        for other in neighbours(stack.pop()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return frozenset(seen)


_lock = threading.Lock()


class Preloaded:
    """Relations shared by every evaluation of a day (the data tables), loaded once.

    Holds their hash indexes, built as joins first ask for them, and, for pyDatalog joins, a
    pyDatalog base with their rows asserted once: each evaluation installs a copy of the handle
    (``pyDatalog.Logic(handle)``, microseconds) and never asserts into these relations.
    """

    def __init__(self, relations: Mapping[str, frozenset[Row]]) -> None:
        self.rows = dict(relations)
        self.by_rows = {id(rows): pred for pred, rows in self.rows.items()}
        """The relations by the identity of their row sets (one set may serve another name)."""
        self.indexes = Indexes(self.rows)
        self._handle: Any = None

    def handle(self) -> Any:
        """The pyDatalog base holding the rows (made on first use, in the calling thread)."""
        with _lock:
            if self._handle is None:
                pyDatalog.Logic()
                for pred, rows in self.rows.items():
                    term = PdTerm("dl_" + pred)
                    for row in rows:
                        +term(*row)
                self._handle = pyDatalog.Logic(True)
            return self._handle


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
        pred: rows if type(rows) is frozenset else frozenset(tuple(r) for r in rows)
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
                _component(rules, recursive, store, result, provenance)
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
            for rule in rules:
                if rule.uses.isdisjoint(dirty):
                    _copy(rule, base, store, result, provenance)  # reads nothing that changed
                else:
                    _fire(rule, store, result, provenance)
        else:
            _component(rules, recursive, store, result, provenance)
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
    rule: CompiledRule, base: Evaluation, store: FactStore, result: Evaluation, provenance: bool
) -> None:
    """Take over what ``rule`` derived in ``base``, with the same derivations."""
    for fact, ways in base.derivations_of(rule.clause.head.pred):
        derivation = ways.get(rule.index)
        if derivation is not None:
            if provenance:
                result.provenance.setdefault(fact, {})[rule.index] = derivation
            store.add(fact[0], fact[1])


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


def _component(
    rules: list[CompiledRule],
    recursive: bool,
    store: FactStore,
    result: Evaluation,
    provenance: bool,
) -> None:
    """Evaluate the rules of one component: once, or semi-naively to a fixpoint."""
    if not recursive:
        for rule in rules:
            _fire(rule, store, result, provenance)
        return
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


def _fire(
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
    pred = rule.clause.head.pred
    added: list[Fact] = []
    found = store.join(rule.join_atoms, delta, delta_pred, rule.plans)
    solutions = found if isinstance(found, list) else list(found)  # complete before adding
    derived = store.derived
    tall = [atom for atom in rule.positives if atom.pred in derived] if provenance else []
    for binding in solutions:
        if rule.steps and not rule.apply_steps(binding, facts):
            continue
        row = rule.head_row(binding)
        fact = (pred, row)
        if provenance:
            height = 1
            for atom in tall:
                below = 1 + _atom_height(atom, binding, store, result)
                if below > height:
                    height = below
            ways = result.provenance.setdefault(fact, {})
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
