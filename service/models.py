"""What the service answers, as frozen pydantic models: the OpenAPI schema is generated from them.

Decisions are the engine's own :class:`~dualuse.engine.Decision`; the transfer accepted is the
engine's :class:`~dualuse.engine.Transfer`. Nothing here restates either.
"""

from __future__ import annotations

from typing import Literal

from dualuse.engine import Decision
from pydantic import BaseModel, ConfigDict

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Problem(BaseModel):
    """Why a request was refused."""

    model_config = _MODEL
    code: str
    """A stable code: invalid_input, malformed_json, too_large, too_many_lines, time_limit,
    unauthorized, forbidden, not_found, method_not_allowed, not_ready, internal_error."""
    field: str | None = None
    """The field of the transfer (or the query parameter) at fault, where there is one."""
    message: str
    """What is wrong, as the command line says it."""


class ErrorBody(BaseModel):
    """Every error answer: one problem."""

    model_config = _MODEL
    error: Problem
    """The problem."""


class DecisionAnswer(BaseModel):
    """A decision and the id under which it was recorded."""

    model_config = _MODEL
    decision_id: str
    """Names this decision: ``GET /v1/decisions/{decision_id}`` reads it back."""
    decision: Decision
    """The decision, exactly as ``Engine.decide`` returns it."""


class BatchLine(BaseModel):
    """One line of a batch answer: a decision, or the error of the input line."""

    model_config = _MODEL
    line: int
    """The input line (1 is the first line of the body); blank lines are skipped."""
    decision_id: str | None = None
    """Names the decision, when the line was decided."""
    decision: Decision | None = None
    """The decision, when the line was decided."""
    error: Problem | None = None
    """Why the line was not decided."""


class Health(BaseModel):
    """Whether this worker is ready, and with which rules."""

    model_config = _MODEL
    status: Literal["ready", "loading"]
    """ready: the engine is loaded and decides; loading: not yet."""
    engine_version: str | None = None
    """The dualuse version."""
    rules_digest: str | None = None
    """SHA-256 of the rule files and tables in use."""
    rules: int | None = None
    """How many rules are loaded."""
    loaded_at: str | None = None
    """When the rules in use were loaded (UTC, ISO 8601)."""
    worker: int | None = None
    """The process id of the worker that answered."""


class Reloaded(BaseModel):
    """The answer to a reload."""

    model_config = _MODEL
    status: Literal["reloaded"]
    """This worker decides with the rules loaded again; other workers follow within a second."""
    rules_digest: str
    """The digest of the rules now in use."""


class RuleSummary(BaseModel):
    """A rule as listed: id, citation and dates; ``GET /v1/rules/{id}`` has its text."""

    model_config = _MODEL
    id: str
    """The stable rule id."""
    citation: str
    """Instrument, article, paragraph."""
    in_force: str
    """The dates in force."""
    says: str
    """The sentence the rule explains itself with."""
