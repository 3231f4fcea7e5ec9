"""The facts of one evaluation and the joins that read them: hash indexes or pyDatalog.

:class:`FactStore` holds the facts of one evaluation with their hash indexes, and joins rule
bodies on them (``joins="indexed"``, the default) or hands each body to pyDatalog
(``joins="pydatalog"``), built through its programmatic API (``Term``; never ``load`` or ``ask``
on text). :class:`Preloaded` holds the relations every evaluation of a day shares (the tables),
indexed, and for pyDatalog asserted, once.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from dualuse.engine.datalog.joins import Indexes, Plans, indexed_join
from dualuse.engine.datalog.pydatalog import Body, PdTerm, pyDatalog
from dualuse.engine.datalog.syntax import Atom, Const, Var
from dualuse.engine.datalog.terms import Binding, Row, matches

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
            if matches(atom, row, binding, local=binding):
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
