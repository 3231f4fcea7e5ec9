"""Sentences for people: atoms as written, ``@says`` templates filled in, and their negation.

>>> atom_text("end_user", ("jmsdf", None))
'end_user("jmsdf", _)'
>>> negate("TDK is on the control list")
'TDK is not on the control list'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from dualuse.engine.datalog.syntax import Comparison, Value, Var, value_text
from dualuse.engine.datalog.terms import eval_term
from dualuse.engine.law.legal import negate

__all__ = ["Sentences", "atom_text", "comparison_sentence", "conjunction", "negate"]
from dualuse.engine.law.rulebase import RuleBase

Pattern = tuple[Value | None, ...]
"""A row in which ``None`` stands for ``_`` (any value)."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def atom_text(pred: str, row: Iterable[Value | None]) -> str:
    """``pred("a", 1)``, with ``_`` for an unbound argument."""
    args = [("_" if v is None else value_text(v)) for v in row]
    return f"{pred}({', '.join(args)})" if args else pred


_FAILED = {
    ">=": "is below",
    ">": "is not above",
    "<=": "is above",
    "<": "is not below",
    "=": "is not",
    "!=": "is, and must not be,",
}
"""How a failed comparison reads: ``100 is below 500,000``."""


def comparison_sentence(
    lit: Comparison, binding: Mapping[str, Value], label: Callable[[Value], str]
) -> str:
    """A comparison that fails, in words with its values (never its variables)."""
    try:
        left, right = eval_term(lit.left, binding), eval_term(lit.right, binding)
    except KeyError:
        return "a comparison of values this rule needs is not met"
    return f"{label(left)} {_FAILED[lit.op]} {label(right)}"


def enumeration(words: Iterable[str]) -> str:
    """Several names as one, each once: ``a, b and c``."""
    parts = list(dict.fromkeys(w for w in words if w))
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def conjunction(sentences: Iterable[str]) -> str:
    """Several reasons as one sentence, each once: ``a; b; and c``."""
    parts = list(dict.fromkeys(s for s in sentences if s))
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + "; and " + parts[-1]


class Sentences:
    """Fills the templates of a rule base with values as people name them (``label``)."""

    def __init__(self, base: RuleBase, label: Callable[[Value], str]) -> None:
        self.base = base
        self.label = label
        self._says: dict[tuple[str, Pattern], str] = {}

    def fill(self, template: str | None, binding: Mapping[str, Value], fallback: str) -> str:
        """Fill ``{X}`` placeholders of a template with the (labelled) bound values."""
        if not template:
            return fallback
        return _PLACEHOLDER.sub(
            lambda m: self.label(binding[m.group(1)]) if m.group(1) in binding else "someone",
            template,
        )

    def says(self, pred: str, row: Pattern) -> str:
        """The sentence of a fact from its declaration's ``@says`` (columns fill placeholders)."""
        found = self._says.get((pred, row))
        if found is None:
            found = self._says[(pred, row)] = self._new(pred, row)
        return found

    def denies(self, pred: str, row: Pattern) -> str:
        """The negative sentence of a fact: its ``@denies``, else its sentence negated."""
        decl = self.base.declarations.get(pred)
        if decl is not None and decl.meta.denies:
            binding = {c: v for c, v in zip(decl.columns, row, strict=False) if v is not None}
            return self.fill(decl.meta.denies, binding, atom_text(pred, row))
        return negate(self.says(pred, row))

    def rule_says(self, pred: str, row: Pattern) -> str:
        """A derived fact in words: the ``@says`` of the first rule that concludes it."""
        for clause in self.base.program.clauses:
            if clause.head.pred == pred and clause.meta.says:
                binding = {
                    a.name: v
                    for a, v in zip(clause.head.args, row, strict=False)
                    if isinstance(a, Var) and v is not None
                }
                return self.fill(clause.meta.says, binding, atom_text(pred, row))
        return atom_text(pred, row)

    def _new(self, pred: str, row: Pattern) -> str:
        decl = self.base.declarations.get(pred)
        text = atom_text(pred, row)
        if decl is None or not decl.meta.says:
            return self.rule_says(pred, row) if decl is None else text
        binding = {c: v for c, v in zip(decl.columns, row, strict=False) if v is not None}
        return self.fill(decl.meta.says, binding, text)
