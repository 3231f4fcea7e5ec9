"""The law in force on a day: the rules in force, compiled, and the table rows valid then.

``Law(base).on(day)`` is the one place the law of a day is prepared and kept. Days on which the
same rules are in force and the same table rows are valid share one :class:`LawOnDay`: its
compiled programs (plain, and doubled for three-valued evaluation), its tables prepared for
joins, and the world of the tables alone that every evaluation of a transfer starts from.

>>> from dualuse.engine.law.rulebase import RuleBase
>>> law = Law(RuleBase.load())
>>> law.on(date(2026, 3, 2)) is law.on(date(2026, 3, 3))
True
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date

from dualuse.engine.datalog.planning import CompiledProgram
from dualuse.engine.datalog.store import JOINS, Preloaded
from dualuse.engine.datalog.syntax import Program
from dualuse.engine.datalog.terms import Row
from dualuse.engine.datalog.threevalued import World, double, evaluate_world
from dualuse.engine.law.rulebase import RuleBase

TablesKey = tuple[tuple[str, int], ...]
"""Tables by the identity of their (shared, immutable) row sets."""


class _Rules:
    """One set of rules in force, compiled plain and doubled."""

    def __init__(self, program: Program, keep: tuple[int, ...]) -> None:
        self.plain = CompiledProgram(program)
        self.keep = keep
        """The indexes, in the rule base's program, of the clauses in force."""
        doubled, origin = double(program)
        self.doubled = CompiledProgram(doubled)
        self.origin = origin


class LawOnDay:
    """The rules in force and the table rows valid on a day (shared by days with the same)."""

    def __init__(
        self, rules: _Rules, tables: Mapping[str, frozenset[Row]], joins: str = "indexed"
    ) -> None:
        self.plain = rules.plain
        """The program of the rules in force."""
        self.doubled = rules.doubled
        """Its doubled form, for three-valued evaluation."""
        self.origin = rules.origin
        """Doubled clause index -> clause index in :attr:`plain`."""
        self.clause_index = rules.keep
        """Clause index in :attr:`plain` -> clause index in the rule base's program."""
        self.tables: dict[str, frozenset[Row]] = dict(tables)
        """Per table, the rows valid on the day."""
        self.joins = joins
        """How rule bodies are joined (one of :data:`~dualuse.engine.datalog.store.JOINS`)."""
        self.preloaded = Preloaded(self.tables)
        """The tables prepared once for every evaluation over them."""
        self._blank: dict[bool, World] = {}
        self._lock = threading.Lock()

    def blank(self, three_valued: bool) -> World:
        """The world of the tables alone, with no transfer: every evaluation starts from it.

        What the rules derive from the tables alone (which catalogue entries settle an item,
        which parties are Japanese, which measures are suspended) is derived once per set of
        rows in force, not once per transfer.
        """
        with self._lock:
            found = self._blank.get(three_valued)
        if found is None:
            found = evaluate_world(
                self.plain,
                self.doubled,
                self.origin,
                self.tables,
                self.tables if three_valued else None,  # no possible facts: the plain program
                preloaded=self.preloaded,
                joins=self.joins,
            )
            with self._lock:
                found = self._blank.setdefault(three_valued, found)
        return found


class Law:
    """A rule base with the law of each day it was asked about, prepared once per content."""

    def __init__(self, base: RuleBase, joins: str = "indexed") -> None:
        """Raises ValueError for an unknown join strategy."""
        if joins not in JOINS:
            raise ValueError(f"unknown join strategy {joins!r}; one of {', '.join(JOINS)}")
        self.base = base
        self.joins = joins
        self._days: dict[date, LawOnDay] = {}
        self._rules: dict[tuple[int, ...], _Rules] = {}
        self._rows: dict[tuple[str, tuple[int, ...]], frozenset[Row]] = {}
        self._laws: dict[tuple[tuple[int, ...], TablesKey], LawOnDay] = {}
        self._lock = threading.Lock()

    def on(self, day: date) -> LawOnDay:
        """The law in force on ``day``."""
        found = self._days.get(day)
        if found is not None:
            return found
        program = self.base.program
        keep = tuple(i for i, c in enumerate(program.clauses) if self.base.in_force(c, day))
        valid = {
            pred: tuple(i for i, r in enumerate(rows) if r.valid_on(day))
            for pred, rows in self.base.tables.items()
        }
        with self._lock:
            tables: dict[str, frozenset[Row]] = {}
            for pred, rows_kept in valid.items():
                shared = self._rows.get((pred, rows_kept))
                if shared is None:
                    rows = self.base.tables[pred]
                    shared = self._rows[(pred, rows_kept)] = frozenset(
                        rows[i].values for i in rows_kept
                    )
                tables[pred] = shared
            rules = self._rules.get(keep)
            if rules is None:
                clauses = tuple(program.clauses[i] for i in keep)
                rules = self._rules[keep] = _Rules(Program(clauses=clauses, declarations=()), keep)
            key = (keep, tuple(sorted((pred, id(rows)) for pred, rows in tables.items())))
            found = self._laws.get(key)
            if found is None:
                found = self._laws[key] = LawOnDay(rules, tables, self.joins)
            self._days[day] = found
        return found
