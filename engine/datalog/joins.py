"""Hash indexes over relations, and the indexed nested-loop join that reads them.

A rule body is joined atom by atom. The order is chosen per call from what is bound and how big
each relation is: first the delta atom of a semi-naive round, then, one at a time, the atom with
the fewest rows expected (its size, divided for every argument already bound by a constant or an
earlier atom). The rows an atom can match are read from a hash index on exactly its bound argument
positions, built on first use and kept up to date as facts are added. This is how Soufflé
evaluates rule bodies (indexed nested loops, one index per access pattern). A pyDatalog query
costs about 0.2 ms whatever the size of its relations, and one evaluation of the rule base makes
about a hundred joins (``bench/README.md``).

>>> from dualuse.engine.datalog.syntax import Atom, Const, Var
>>> facts = {"e": {("a", "b"), ("b", "c")}, "f": {("c",)}}
>>> atoms = [Atom(pred="e", args=(Var(name="X"), Var(name="Y"))),
...          Atom(pred="e", args=(Var(name="Y"), Var(name="Z"))),
...          Atom(pred="f", args=(Var(name="Z"),))]
>>> [sorted(b.items()) for b in indexed_join(atoms, ["e", "e", "f"], Indexes(facts), None, {})]
[[('X', 'a'), ('Y', 'b'), ('Z', 'c')]]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from dualuse.engine.datalog.syntax import Atom, Const, Value, Var

Row = tuple[Value, ...]
"""Values are ``str`` or ``int`` only, so Python equality is the language's equality."""
Key = tuple[Value, ...]
Binding = dict[str, Value]

_EMPTY: tuple[Row, ...] = ()
_NO_INDEXES: dict[tuple[int, ...], dict[Key, list[Row]]] = {}


class Indexes:
    """Hash indexes of the relations of one evaluation, on the argument positions asked for.

    ``shared`` lends the indexes of relations that another ``Indexes`` already holds with the
    same rows (the day's tables), ``shared_preds`` mapping our name to its: they are read, never
    written.
    """

    def __init__(
        self,
        facts: Mapping[str, AbstractSet[Row]],
        shared: Indexes | None = None,
        shared_preds: Mapping[str, str] | None = None,
    ) -> None:
        self.facts = facts
        self._own: dict[str, dict[tuple[int, ...], dict[Key, list[Row]]]] = {}
        self._shared = shared
        self._shared_preds = dict(shared_preds or {}) if shared is not None else {}

    def rows(self, pred: str, positions: tuple[int, ...], key: Key) -> Collection[Row]:
        """The rows of ``pred`` whose values at ``positions`` are ``key``."""
        if not positions:
            return self.facts.get(pred, _EMPTY)
        lender = self._shared_preds.get(pred)
        if lender is not None and self._shared is not None:
            return self._shared.rows(lender, positions, key)
        by_positions = self._own.get(pred)
        if by_positions is None:
            by_positions = self._own[pred] = {}
        index = by_positions.get(positions)
        if index is None:
            index = by_positions[positions] = _build(self.facts.get(pred, _EMPTY), positions)
        return index.get(key, _EMPTY)

    def added(self, pred: str, row: Row) -> None:
        """Keep the indexes of ``pred`` up to date after ``row`` was added to its facts."""
        if pred in self._shared_preds:
            del self._shared_preds[pred]  # never write into the lender: build our own
            return
        for positions, index in self._own.get(pred, _NO_INDEXES).items():
            if len(row) > positions[-1]:
                index.setdefault(tuple(row[i] for i in positions), []).append(row)

    def forget(self, pred: str) -> None:
        """Drop the indexes of a relation that is gone (a semi-naive delta)."""
        self._own.pop(pred, None)


def _build(rows: Iterable[Row], positions: tuple[int, ...]) -> dict[Key, list[Row]]:
    index: dict[Key, list[Row]] = {}
    last = positions[-1]
    for row in rows:
        if len(row) > last:
            index.setdefault(tuple(row[i] for i in positions), []).append(row)
    return index


@dataclass(frozen=True)
class _Step:
    """One atom of a join order: how to look its rows up and what they bind."""

    atom: int
    arity: int
    positions: tuple[int, ...]
    """Argument positions bound before this atom: the index key."""
    key: tuple[tuple[bool, Value], ...]
    """Per bound position: (True, variable name) or (False, constant)."""
    binds: tuple[tuple[int, str], ...]
    """Positions whose variable this atom binds first."""
    same: tuple[tuple[int, int], ...]
    """Pairs of positions holding the same new variable: their values must be equal."""


Plans = dict[tuple[int | None, tuple[int, ...]], list[_Step]]
"""Join orders compiled to steps, per delta atom and relation sizes rounded to a power of two."""


def _plan(atoms: Sequence[Atom], order: Sequence[int]) -> list[_Step]:
    bound: set[str] = set()
    steps: list[_Step] = []
    for i in order:
        atom = atoms[i]
        positions: list[int] = []
        key: list[tuple[bool, Value]] = []
        binds: list[tuple[int, str]] = []
        same: list[tuple[int, int]] = []
        first: dict[str, int] = {}
        for pos, arg in enumerate(atom.args):
            if isinstance(arg, Const):
                positions.append(pos)
                key.append((False, arg.value))
            elif isinstance(arg, Var) and arg.name != "_":
                if arg.name in bound:
                    positions.append(pos)
                    key.append((True, arg.name))
                elif arg.name in first:
                    same.append((first[arg.name], pos))
                else:
                    first[arg.name] = pos
                    binds.append((pos, arg.name))
        bound.update(first)
        steps.append(
            _Step(i, len(atom.args), tuple(positions), tuple(key), tuple(binds), tuple(same))
        )
    return steps


def _bound_args(atom: Atom, bound: set[str]) -> int:
    return sum(
        1
        for a in atom.args
        if isinstance(a, Const) or (isinstance(a, Var) and a.name != "_" and a.name in bound)
    )


def _order(atoms: Sequence[Atom], sizes: Sequence[int], delta: int | None) -> tuple[int, ...]:
    """Greedy join order: the delta first, then the fewest expected rows at each step."""
    remaining = list(range(len(atoms)))
    order: list[int] = []
    bound: set[str] = set()

    def take(i: int) -> None:
        remaining.remove(i)
        order.append(i)
        bound.update(v for v in atoms[i].vars() if v != "_")

    if delta is not None:
        take(delta)
    while remaining:
        take(min(remaining, key=lambda i: sizes[i] / 8 ** _bound_args(atoms[i], bound)))
    return tuple(order)


def indexed_join(
    atoms: Sequence[Atom],
    preds: Sequence[str],
    indexes: Indexes,
    delta: int | None,
    plans: Plans,
) -> list[Binding]:
    """Every binding of the conjunction of ``atoms``, atom ``i`` read from relation ``preds[i]``.

    ``plans`` caches the steps of these atoms' join order (one cache per rule), per delta atom and
    per relation sizes rounded to a power of two.
    """
    facts = indexes.facts
    bits = tuple([len(facts.get(p, _EMPTY)).bit_length() for p in preds])  # sizes, as powers of 2
    if 0 in bits:
        return []  # an empty relation: nothing joins
    shape = (delta, bits)
    steps = plans.get(shape)
    if steps is None:
        sizes = [len(facts.get(p, _EMPTY)) for p in preds]
        steps = plans[shape] = _plan(atoms, _order(atoms, sizes, delta))
    out: list[Binding] = []
    if len(steps) == 1:  # one atom: a lookup, no recursion
        step = steps[0]
        key = tuple([v for _, v in step.key])  # only constants can be bound
        binds, same, arity = step.binds, step.same, step.arity
        for row in indexes.rows(preds[step.atom], step.positions, key):
            if len(row) != arity or (same and any(row[i] != row[j] for i, j in same)):
                continue
            out.append({name: row[pos] for pos, name in binds})
            if not binds:
                break
        return out
    _extend(steps, 0, len(steps) - 1, preds, indexes, {}, out)
    return out


def _extend(
    steps: list[_Step],
    depth: int,
    last: int,
    preds: Sequence[str],
    indexes: Indexes,
    binding: Binding,
    out: list[Binding],
) -> None:
    step = steps[depth]
    key = tuple([binding[v] if is_var else v for is_var, v in step.key])  # type: ignore[index]
    binds, same, arity = step.binds, step.same, step.arity
    for row in indexes.rows(preds[step.atom], step.positions, key):
        if len(row) != arity or (same and any(row[i] != row[j] for i, j in same)):
            continue
        for pos, name in binds:
            binding[name] = row[pos]
        if depth == last:
            out.append(dict(binding))
        else:
            _extend(steps, depth + 1, last, preds, indexes, binding, out)
        if not binds:
            break  # binds nothing new: one matching row is all the later atoms need


__all__ = ["Indexes", "Plans", "indexed_join"]
