"""When steps: the transfer is put to the engine."""

from __future__ import annotations

from typing import Any

import pytest
from dualuse.engine import Decision, Engine, InputError
from dualuse.render import internal_names, render_markdown, render_text

from .decisions import considered, fired
from .draft import Draft
from .library import step
from .phrases import parse_date

DECISION_PROPERTY = "dualuse_decision"
"""The ``user_properties`` key under which each decision's rule ids are recorded (coverage)."""


def assess(
    request: pytest.FixtureRequest, engine: Engine, transfer: Draft, as_of: str | None
) -> Decision:
    """Decide the drafted transfer and record which rules fired and which were weighed.

    Args:
        request: The scenario's request (its test item records the decision for coverage).
        engine: The session's engine.
        transfer: The drafted transfer.
        as_of: The date whose law applies, as written ("5 January 2026"); ``None``: the transfer's.

    Returns:
        The decision.
    """
    day = parse_date(as_of) if as_of else None
    try:
        decision = engine.decide(transfer.transfer(), day)
    except InputError as exc:
        pytest.fail(f"the engine refused the transfer: {exc}", pytrace=False)
    record: dict[str, Any] = {
        "as_of": decision.as_of.isoformat(),
        "outcome": decision.outcome,
        "fired": sorted(fired(decision)),
        "considered": sorted(considered(decision, engine.rules_not_fired(decision))),
    }
    request.node.user_properties.append((DECISION_PROPERTY, record))
    plain_words(decision)
    read_back(engine, decision)
    return decision


def read_back(engine: Engine, decision: Decision) -> None:
    """Fail the scenario when its decision's JSON does not read back whole, or fails the checker."""
    back = Decision.model_validate_json(decision.model_dump_json())
    if back != decision:
        pytest.fail("the decision read back from its JSON is not the decision", pytrace=False)
    problems = engine.check(back)
    if problems:
        pytest.fail("the decision read back from JSON fails the proof checker: " + problems[0])


def plain_words(decision: Decision) -> None:
    """Fail the scenario when its decision, read as text or Markdown, shows an internal name."""
    markdown = render_markdown(decision).replace("\\", "")  # escapes are not words
    for form, text in (("text", render_text(decision, width=None)), ("Markdown", markdown)):
        found = internal_names(text)
        if found:
            lines = [row for row in text.splitlines() if any(f in row for f in found)][:3]
            pytest.fail(
                f"the {form} report shows internal names {found[:6]}: " + " | ".join(lines),
                pytrace=False,
            )


@step(
    "when",
    "the transfer is assessed",
    "the transfer is assessed",
    doc="Decides the transfer under the law in force on its date.",
    section="Assessing",
    target_fixture="decision",
)
def assessed(request: pytest.FixtureRequest, engine: Engine, transfer: Draft) -> Decision:
    return assess(request, engine, transfer, None)


@step(
    "when",
    "the transfer is assessed as of {date}",
    "the transfer is assessed as of 5 January 2026",
    doc="Decides the transfer under the law in force on another date.",
    section="Assessing",
    target_fixture="decision",
)
def assessed_as_of(
    request: pytest.FixtureRequest, engine: Engine, transfer: Draft, date: str
) -> Decision:
    return assess(request, engine, transfer, date)
