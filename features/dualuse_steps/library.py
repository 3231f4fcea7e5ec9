"""The step vocabulary: every step the lawyers may write, with its template and an example.

Steps are declared with :func:`step` instead of pytest-bdd's ``given``/``when``/``then`` so that
each one carries the documentation that ``features/README.md`` shows, and so that a step that is
not in the vocabulary can be answered with the closest one that is.

A template is the step's words with typed placeholders: ``{date}`` ("2 March 2026"),
``{amount}`` ("800,000"), ``{role}`` (a service provider's role), ``{kind}`` (a kind of
transfer), ``{item_kind}`` (goods, software, technology) and ``{...}`` (any words).

>>> compile_template("the exporter's illegal turnover is {amount} yuan").fullmatch(
...     "the exporter's illegal turnover is 800,000 yuan")["amount"]
'800,000'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, ParamSpec, TypeVar

from pytest_bdd import given, parsers, then, when

from .phrases import (
    AMOUNT_PATTERN,
    DATE_PATTERN,
    ITEM_KIND_PATTERN,
    KIND_PATTERN,
    ROLE_PATTERN,
)

P = ParamSpec("P")
T = TypeVar("T")
Kind = Literal["given", "when", "then"]

TYPED_PLACEHOLDERS = {
    "date": DATE_PATTERN,
    "low": AMOUNT_PATTERN,
    "high": AMOUNT_PATTERN,
    "amount": AMOUNT_PATTERN,
    "role": ROLE_PATTERN,
    "kind": KIND_PATTERN,
    "item_kind": ITEM_KIND_PATTERN,
}
"""Placeholders with a pattern of their own; any other placeholder takes any words."""


@dataclass(frozen=True)
class StepDoc:
    """One step of the vocabulary.

    Attributes:
        kind: Given, When or Then.
        template: The step's words with placeholders.
        examples: Example steps as a lawyer would write them (the first is shown in the README).
        doc: What the step means, in one or two sentences.
        section: The README section the step is listed under.
        table: For a step that takes a data table: an example table, one row per line.
    """

    kind: Kind
    template: str
    examples: tuple[str, ...]
    doc: str
    section: str
    table: tuple[tuple[str, str], ...] = ()


VOCABULARY: list[StepDoc] = []
"""Every step of the library, in the order it was declared."""


def compile_template(template: str) -> re.Pattern[str]:
    """Turn a template into the regular expression pytest-bdd matches steps with.

    Args:
        template: The step's words with ``{placeholders}``; ``[words]`` marks optional words.

    Returns:
        A pattern with one named group per placeholder, for a full match.
    """
    out: list[str] = []
    for part in re.split(r"(\{\w+\}|\[[^\]]+\])", template):
        if not part:
            continue
        if part.startswith("{"):
            name = part[1:-1]
            out.append(f"(?P<{name}>{TYPED_PLACEHOLDERS.get(name, '.+?')})")
        elif part.startswith("["):
            out.append(f"(?:{compile_template(part[1:-1]).pattern})?")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


_DECORATORS = {"given": given, "when": when, "then": then}


def step(
    kind: Kind,
    template: str,
    *examples: str,
    doc: str,
    section: str,
    target_fixture: str | None = None,
    table: tuple[tuple[str, str], ...] = (),
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Declare a step of the vocabulary (a pytest-bdd step with its documentation).

    Args:
        kind: Given, When or Then.
        template: The step's words with placeholders.
        *examples: Example steps; each must match the template.
        doc: What the step means.
        section: The README section it belongs to.
        target_fixture: The fixture the step's return value replaces (``transfer``, ``decision``).
        table: An example data table for a step that takes one.

    Returns:
        The decorator; it registers the step in the calling module, like pytest-bdd's own.

    Raises:
        ValueError: An example does not match the template.
    """
    pattern = compile_template(template)
    for example in examples:
        if not pattern.fullmatch(example):
            raise ValueError(f"example {example!r} does not match the template {template!r}")
    VOCABULARY.append(StepDoc(kind, template, tuple(examples), doc, section, table))
    # pytest-bdd's decorator is returned as is: it is applied in the module that uses @step, and
    # injects the step fixture there.
    return _DECORATORS[kind](parsers.re(pattern.pattern), target_fixture=target_fixture)


def closest_steps(text: str, n: int = 3) -> list[StepDoc]:
    """The steps of the vocabulary closest to ``text`` (by their examples and templates).

    Args:
        text: A step as written, without its keyword.
        n: How many to return at most.

    Returns:
        The closest steps, closest first.
    """
    scored: dict[int, float] = {}
    for index, doc in enumerate(VOCABULARY):
        for candidate in (doc.template, *doc.examples):
            ratio = difflib.SequenceMatcher(None, text.lower(), candidate.lower()).ratio()
            scored[index] = max(scored.get(index, 0.0), ratio)
    best = sorted(scored, key=lambda i: -scored[i])[:n]
    return [VOCABULARY[i] for i in best if scored[i] >= 0.5]


def matching_steps(kind: str, text: str) -> list[StepDoc]:
    """The steps of the vocabulary whose template matches ``text`` (there should be one)."""
    return [
        doc
        for doc in VOCABULARY
        if doc.kind == kind and compile_template(doc.template).fullmatch(text)
    ]
