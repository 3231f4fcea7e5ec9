"""What a decision returns: outcome, proofs, why-not, conditions, liability, questions, audit.

Every model is frozen, JSON-ready (``model_dump(mode="json")``) and documents its fields in its
JSON Schema. Proof trees are data (:mod:`dualuse.engine.explain.proof`); renderers for people
live with the interfaces.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from dualuse.engine.datalog.syntax import Citation, Interpretation
from dualuse.engine.decide.compact import compact, restore
from dualuse.engine.decide.deferred import Deferred
from dualuse.engine.decide.options import AnswerOption
from dualuse.engine.explain.proof import ArticleText, ProofNode, WhyNot
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

Outcome = Literal[
    "prohibited", "license_required", "not_controlled", "out_of_scope", "undetermined"
]
"""The five outcomes (meanings in the README and in scope)."""

OUTCOMES: tuple[Outcome, ...] = (
    "prohibited",
    "license_required",
    "not_controlled",
    "out_of_scope",
    "undetermined",
)

PRIORITY: tuple[Outcome, ...] = ("prohibited", "license_required", "not_controlled", "out_of_scope")
"""The settled outcomes, first the one that prevails when several hold."""

OUTCOME_LABELS: dict[str, str] = {
    "prohibited": "Prohibited",
    "license_required": "Licence required",
    "not_controlled": "Not controlled",
    "out_of_scope": "Out of scope",
    "undetermined": "Undetermined",
}
"""Each outcome as people name it: the one table every interface shows."""

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class OutcomeWhyNot(BaseModel):
    """Why an outcome was not reached: each rule for it and where it fails."""

    model_config = _MODEL
    outcome: Outcome
    """The outcome not reached."""
    rules: list[WhyNot]
    """One entry per rule that could have derived it."""


class Condition(BaseModel):
    """A condition attached to a licence."""

    model_config = _MODEL
    id: str
    """A short id, e.g. ``risk_assessment_report``."""
    sentence: str
    """In words."""
    rule_id: str
    """The rule that attaches it."""
    citation: Citation | None
    """Where it comes from."""
    interpretation: Interpretation | None = None
    """Set when the rule that attaches it adopts a reading: who holds it and how sure it is."""


class Caveat(BaseModel):
    """Something the user must know before relying on the answer; shown before everything else."""

    model_config = _MODEL
    kind: Literal["date", "horizon", "suspension", "reading", "liability", "gap", "low_confidence"]
    """``date``: no date was given; ``horizon``: the date is past the sources of the rule base;
    ``suspension``: a time-boxed measure has passed its published end and its renewal is not
    known; ``reading``: the outcome rests on a reading, not on the text; ``gap``: something the
    research could not retrieve bears on the transfer; ``liability``: a party may be liable,
    depending on unknown facts; ``low_confidence``: the answer relies on a
    source of low confidence or one not confirmed in any stored source."""
    text: str
    """In words."""
    decisive: bool = False
    """True when the outcome depends on it (the answer is undetermined and asks about it)."""


class Penalty(BaseModel):
    """A fine range with its article, tier and arithmetic; amounts in whole yuan."""

    model_config = _MODEL
    basis: str
    """What the party is liable for."""
    rule_id: str
    """The penalty rule."""
    citation: Citation | None
    """The penalty article."""
    min_cny: int
    """The lowest fine."""
    max_cny: int
    """The highest fine."""
    arithmetic: str
    """How the range was computed, with the tier."""
    interpretation: Interpretation | None = None
    """Set when the rule adopts a reading."""
    article: str | None = None
    """The article the penalty rule formalises: its text is in the decision's ``articles``."""


class Sanction(BaseModel):
    """A consequence other than a fine (warning, confiscation, licence refusal, ...)."""

    model_config = _MODEL
    basis: str
    """What the party is liable for."""
    sanction: str
    """The sanction's id."""
    sentence: str
    """In words."""
    rule_id: str
    """The rule."""
    citation: Citation | None
    """Where it comes from."""
    article: str | None = None
    """The article the rule formalises: its text is in the decision's ``articles``."""


class Liability(BaseModel):
    """A party exposed, on what basis, and what it faces."""

    model_config = _MODEL
    party: str
    """The party (catalogue id or name)."""
    basis: str
    """The basis, e.g. ``unlicensed_export``."""
    rule_id: str
    """The rule that makes it liable."""
    citation: Citation | None
    """Where that rule comes from."""
    sentence: str
    """In words."""
    penalties: list[Penalty] = Field(default_factory=list)
    """Fine ranges (empty when the turnover is unknown)."""
    sanctions: list[Sanction] = Field(default_factory=list)
    """Other consequences."""
    proof: ProofNode | None = None
    """Why the party is liable (left out when the decision was asked without explanations)."""


class Question(BaseModel):
    """An unknown fact that could change the answer, as a question a person can answer."""

    model_config = _MODEL
    field: str
    """The transfer field to fill in, e.g. ``end_use.military``."""
    question: str
    """The question."""
    options: list[str]
    """Possible answers, as a person reads them."""
    answers: list[AnswerOption] = Field(default_factory=list)
    """The same answers as data: each with the transfer fields it sets and what it leaves to be
    given (apply one with :meth:`AnswerOption.apply`; never read a label back)."""
    decisive: Literal["settles", "settles_one_way", "narrows", "penalty"]
    """``settles``: any answer settles the outcome; ``settles_one_way``: one answer does;
    ``narrows``: it changes which outcomes remain; ``penalty``: it only sizes a penalty."""
    reason: str
    """Why it is asked: the rule and article it decides."""
    rule_ids: list[str]
    """The rules the answer feeds."""
    if_answered: dict[str, Outcome] = Field(default_factory=dict)
    """The outcome each answer would give, where one answer settles it."""


class Change(BaseModel):
    """A smallest change of input facts that would flip the outcome."""

    model_config = _MODEL
    changes: list[str]
    """The fact changes, in words."""
    fields: list[str]
    """The transfer fields involved."""
    outcome: Outcome
    """The outcome it would give."""
    rule_ids: list[str]
    """The rules that would then fire or stop firing."""
    actionable: bool = False
    """True when every change is one the user can make (an end use, a party, a licence)."""
    because: str = ""
    """The rule that would then give the outcome, in words with its citation."""


class Match(BaseModel):
    """How a name or description typed by the user was matched to the catalogue or lists."""

    model_config = _MODEL
    field: str
    """The transfer field."""
    text: str
    """What was typed."""
    matched: str | None
    """The catalogue id it was taken as (``None`` when nothing matched well enough)."""
    label: str | None = None
    """The matched entry's name."""
    score: float
    """Match score, 0-100."""
    exact: bool
    """True when the text was taken as the entry; a near or ambiguous one is asked, not assumed."""
    evidence: str | None = None
    """The rule of evidence that applied: ``code``, ``name`` or ``parts`` (taken); ``ambiguous``,
    ``hs_code``, ``near`` or ``none`` (asked)."""
    reading: str | None = None
    """The parts the text was read as, e.g. "samarium, cobalt, magnet"."""
    candidates: list[str] = Field(default_factory=list)
    """For a question: the catalogue ids offered."""
    listed: bool | None = None
    """Set when a purity stated in the text settles the entry's listing threshold."""


class Audit(BaseModel):
    """What is needed to replay the decision exactly."""

    model_config = _MODEL
    engine_version: str
    """The dualuse version."""
    rules_digest: str
    """SHA-256 of the rule files and data tables used."""
    as_of: dt.date
    """The date whose law was applied."""
    input: dict[str, Any]
    """The transfer as received."""
    rules_fired: list[str] = Field(default_factory=list)
    """Ids of the rules in force that derived something (surely) for this transfer."""
    rules_weighed: int = 0
    """How many other rules there are: not in force on the date, or evaluated and derived
    nothing (their ids: :meth:`dualuse.engine.Engine.rules_not_fired`, from the rule base the
    digest names)."""


class Decision(Deferred):
    """The answer to a transfer question.

    Why-not, what would change, the articles and the audit are worked out the first time they
    are read, or the decision is dumped, compared, copied or pickled
    (:mod:`dualuse.engine.decide.deferred`); their values are those worked out at once would have.

    Its JSON form states everything once (:mod:`dualuse.engine.decide.compact`): defaults,
    what a step inherits from its article and proofs already given are left out, and reading the
    JSON back restores them. The JSON Schema describes the full form.
    """

    model_config = _MODEL
    id: str | None
    """The transfer's id."""
    outcome: Outcome
    """The outcome as of ``as_of``."""
    summary: str
    """The outcome in one sentence."""
    as_of: dt.date
    """The date whose law was applied."""
    caveats: list[Caveat] = Field(default_factory=list)
    """What to know before relying on the answer, most important first: the date, the research
    horizon, time-boxed measures past their end, readings, gaps, low-confidence sources."""
    possible_outcomes: list[Outcome]
    """For ``undetermined``: the outcomes the unknown facts leave open."""
    grounds: list[ProofNode]
    """Every ground the outcome rests on (one proof per rule that derives it)."""
    why_not: list[OutcomeWhyNot]
    """For every other outcome, why it was not reached."""
    conditions: list[Condition]
    """Licence conditions that apply."""
    liable: list[Liability]
    """Who is exposed to what."""
    questions: list[Question]
    """Unknown facts that matter, most decisive first."""
    what_would_change: list[Change]
    """Smallest changes of facts that would flip the outcome."""
    interpretations: list[str]
    """Rule ids of the interpretations the answer relies on."""
    articles: dict[str, ArticleText] = Field(default_factory=dict)
    """The articles the answer relies on, by id, each with its text once: the grounds, the
    liabilities, fines, sanctions and conditions point to them (their rules' ``article``)."""
    matches: list[Match]
    """How typed names were matched."""
    audit: Audit
    """Replay record."""

    @model_serializer(mode="wrap")
    def _compact(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> dict[str, Any]:
        """The JSON form states everything once (:mod:`dualuse.engine.decide.compact`)."""
        data: dict[str, Any] = handler(self.resolve())
        return compact(self, data) if info.mode == "json" else data

    @model_validator(mode="before")
    @classmethod
    def _restore(cls, data: Any) -> Any:
        """Read the compact JSON form back into the full decision."""
        return restore(data)
