"""Proof trees as data: rule steps, facts, negations and comparisons, and why-not records.

The prover (:mod:`dualuse.engine.explain.prover`) builds them from an evaluation's provenance;
the independent checker (:mod:`dualuse.engine.explain.proofcheck`) replays them against the
rules. Every node names its atom both as written (``atom``, ``conclusion``) and as a predicate
with arguments (``pred``, ``args``), so nothing has to read the written form back. Every model is
frozen and JSON-ready.
"""

from __future__ import annotations

from typing import Annotated, Literal

from dualuse.engine.datalog.syntax import Citation, Interpretation, Quote
from pydantic import BaseModel, ConfigDict, Field

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)
ValueT = str | int
"""A value in a proof: a string or an integer."""


class FactNode(BaseModel):
    """A leaf: a fact given by the transfer, a row of a data table, or a fact of a rule file."""

    model_config = _MODEL
    kind: Literal["fact"] = "fact"
    atom: str
    """The fact as written, e.g. ``end_user("jmsdf")``."""
    pred: str
    """Its predicate."""
    args: list[ValueT]
    """Its arguments."""
    origin: Literal["transfer", "table", "rules"]
    """Where it came from."""
    sentence: str = ""
    """The fact in words, from the predicate's ``@says``."""
    field: str | None = None
    """For a transfer fact: the input field it came from."""
    source: str | None = None
    """For a table row: its source."""
    confidence: str | None = None
    """For a table row: its confidence mark (V-primary, V-secondary, M)."""
    location: str | None = None
    """For a table row: ``file:line``."""
    valid: str | None = None
    """For a table row: the dates it is valid."""


class ComparisonNode(BaseModel):
    """A leaf: a comparison with the values it compared."""

    model_config = _MODEL
    kind: Literal["comparison"] = "comparison"
    text: str
    """The comparison as written in the rule, e.g. ``N >= T``."""
    evaluated: str
    """With the values, e.g. ``800000 >= 500000``."""
    holds: bool
    """Whether it holds."""


class NegationNode(BaseModel):
    """A leaf: a negated condition that holds, with why the negated fact does not hold."""

    model_config = _MODEL
    kind: Literal["negation"] = "negation"
    atom: str
    """The fact that does not hold, e.g. ``control_listed("tdk")``."""
    pred: str
    """Its predicate."""
    args: list[ValueT | None]
    """Its arguments; ``None`` where the rule has ``_`` (any value)."""
    sentence: str
    """In words, positively phrased."""
    why_not: list[WhyNot] = Field(default_factory=list)
    """Why it does not hold: each rule that could derive it and where that rule fails."""


class RuleNode(BaseModel):
    """A step: a rule applied with its bindings; one child per body literal."""

    model_config = _MODEL
    kind: Literal["rule"] = "rule"
    conclusion: str
    """The fact the step concludes, as written, e.g. ``prohibited("jmsdf")``."""
    pred: str
    """The predicate of the conclusion."""
    args: list[ValueT]
    """The arguments of the conclusion."""
    rule_id: str
    """The stable rule id."""
    citation: Citation | None
    """Instrument, article, paragraph."""
    in_force: str | None
    """The dates the rule is in force."""
    sentence: str
    """The rule's ``@says`` sentence with the bindings filled in."""
    bindings: dict[str, ValueT]
    """The value of each variable of the rule."""
    interpretation: Interpretation | None = None
    """Set when the rule adopts a reading: who holds it and how sure it is."""
    article: str | None = None
    """The article the rule formalises: its text is in the decision's ``articles``."""
    quote: Quote | None = None
    """The rule's own words of the law, when narrower than its article's."""
    children: list[ProofNode] = Field(default_factory=list)
    """Proofs of the body literals, in the rule's order."""


ProofNode = Annotated[
    FactNode | RuleNode | NegationNode | ComparisonNode, Field(discriminator="kind")
]


class WhyNot(BaseModel):
    """Why one rule did not derive a goal: the first condition that failed, and why."""

    model_config = _MODEL
    goal: str
    """The goal that does not hold."""
    rule_id: str | None
    """The rule that could have derived it (``None``: no rule can, it is an input fact)."""
    citation: Citation | None = None
    """The rule's citation."""
    article: str | None = None
    """The article the rule formalises."""
    reason: Literal["not_in_force", "condition_failed", "input_false", "input_unknown"] = (
        "condition_failed"
    )
    """Why it did not apply."""
    sentence: str
    """In words, positively phrased, e.g. "TDK is not on the control list on 2026-03-01"."""
    failed_condition: str | None = None
    """The body literal that failed, as written."""
    bindings: dict[str, ValueT] = Field(default_factory=dict)
    """The bindings that reached the failing condition."""
    values: list[str] = Field(default_factory=list)
    """Fact values involved (e.g. the rows that came close, the compared numbers)."""
    because: list[WhyNot] = Field(default_factory=list)
    """Why a derived condition failed, one level further; shared subtrees are not repeated."""
    see: str | None = None
    """When this subtree was already explained: the goal to look at instead."""


class ArticleText(BaseModel):
    """An article of the law as a decision relies on it: its citation, dates and words, once."""

    model_config = _MODEL
    citation: Citation
    """Instrument, article, paragraph."""
    in_force: str
    """The dates the article is in force."""
    quote: Quote | None = None
    """Its words: the Chinese text, an English working translation, where both come from."""


NegationNode.model_rebuild()
RuleNode.model_rebuild()

__all__ = [
    "ArticleText",
    "ComparisonNode",
    "FactNode",
    "NegationNode",
    "ProofNode",
    "RuleNode",
    "ValueT",
    "WhyNot",
]
