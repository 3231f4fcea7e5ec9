"""Sentences for people: atoms as written, ``@says`` templates filled in, and their negation.

>>> atom_text("end_user", ("jmsdf", None))
'end_user("jmsdf", _)'
>>> negate("TDK is on the control list")
'TDK is not on the control list'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from dualuse.engine.datalog.syntax import Value, value_text
from dualuse.engine.law.rulebase import RuleBase

Pattern = tuple[Value | None, ...]
"""A row in which ``None`` stands for ``_`` (any value)."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def atom_text(pred: str, row: Iterable[Value | None]) -> str:
    """``pred("a", 1)``, with ``_`` for an unbound argument."""
    args = [("_" if v is None else value_text(v)) for v in row]
    return f"{pred}({', '.join(args)})" if args else pred


def negate(sentence: str) -> str:
    """Turn a positive sentence into its one negation ("is" -> "is not")."""
    for verb, neg in ((" is ", " is not "), (" are ", " are not "), (" has ", " has not ")):
        if verb in sentence:
            return sentence.replace(verb, neg, 1)
    for verb, neg in ((" helps ", " does not help "), (" knows ", " does not know ")):
        if verb in sentence:
            return sentence.replace(verb, neg, 1)
    return f"not established: {sentence}"


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

    def _new(self, pred: str, row: Pattern) -> str:
        decl = self.base.declarations.get(pred)
        text = atom_text(pred, row)
        if decl is None or not decl.meta.says:
            return text
        binding = {c: v for c, v in zip(decl.columns, row, strict=False) if v is not None}
        return self.fill(decl.meta.says, binding, text)
