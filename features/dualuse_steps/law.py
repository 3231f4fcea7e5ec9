"""Steps on the law where the sources stop: suspensions past their end, reported lists, caveats."""

from __future__ import annotations

import pytest
from dualuse.engine import Decision

from . import then as _then  # declared first: its steps come before these in the vocabulary
from .decisions import describe, proofs, rule_nodes
from .draft import Draft
from .library import step
from .phrases import PhraseError, lookup

SUSPENSIONS = {"70": "law.no70_suspension_extended", "72": "law.no72_suspension_extended"}
"""The suspending announcements of 2025 whose end the sources know, by number."""

CAVEATS = {
    "the date": "date",
    "the research horizon": "horizon",
    "a suspension": "suspension",
    "a reading": "reading",
    "a gap in the research": "gap",
    "a low-confidence source": "low_confidence",
}
"""What a caveat is about, as a memo says it."""


def _fail(message: str, decision: Decision) -> None:
    pytest.fail(f"{message}\n{describe(decision)}\ncaveats:\n" + _caveats(decision), pytrace=False)


def _caveats(decision: Decision) -> str:
    return "\n".join(f"  [{c.kind}] {c.text}" for c in decision.caveats) or "  (none)"


def _suspension(number: str) -> str:
    field = SUSPENSIONS.get(number.strip())
    if field is None:
        raise PhraseError(
            f"no suspension by Announcement 2025 No. {number} is recorded; say 70 or 72"
        )
    return field


# --- given ----------------------------------------------------------------------------------------


@step(
    "given",
    "MOFCOM has extended the suspension by Announcement 2025 No. {number}",
    "MOFCOM has extended the suspension by Announcement 2025 No. 70",
    doc=(
        "The user has verified that the suspension (No. 70: Nos. 55-58, 61, 62 to 2026-11-10; "
        "No. 72: No. 46/2024 clause 2 to 2026-11-27) was extended beyond its published end."
    ),
    section="The law past the sources",
    target_fixture="transfer",
)
def extended(transfer: Draft, number: str) -> Draft:
    return transfer.set(_suspension(number), True)


@step(
    "given",
    "MOFCOM has not extended the suspension by Announcement 2025 No. {number}",
    "MOFCOM has not extended the suspension by Announcement 2025 No. 70",
    doc="The user has verified that the suspension lapsed on its published end date.",
    section="The law past the sources",
    target_fixture="transfer",
)
def not_extended(transfer: Draft, number: str) -> Draft:
    return transfer.set(_suspension(number), False)


@step(
    "given",
    "the listing reported for 29 June 2026 has been verified",
    "the listing reported for 29 June 2026 has been verified",
    doc="The user has found the second-wave listing in MOFCOM's own announcement.",
    section="The law past the sources",
    target_fixture="transfer",
)
def verified(transfer: Draft) -> Draft:
    return transfer.set("law.second_wave_verified", True)


@step(
    "given",
    "the listing reported for 29 June 2026 could not be verified",
    "the listing reported for 29 June 2026 could not be verified",
    doc="The user has looked for the second-wave listing and did not find it.",
    section="The law past the sources",
    target_fixture="transfer",
)
def not_verified(transfer: Draft) -> Draft:
    return transfer.set("law.second_wave_verified", False)


# --- then -----------------------------------------------------------------------------------------


@step(
    "then",
    'the answer warns that "{text}"',
    'the answer warns that "The sources of this rule base end on 2026-11-28"',
    doc="A caveat, shown before everything else, contains these words (case ignored).",
    section="Caveats",
)
def warns(decision: Decision, text: str) -> None:
    if not any(text.lower() in c.text.lower() for c in decision.caveats):
        _fail(f"no caveat says {text!r}", decision)


@step(
    "then",
    "the answer warns about {topic}",
    "the answer warns about the research horizon",
    doc="Some caveat is about: " + ", ".join(f"`{k}`" for k in CAVEATS) + ".",
    section="Caveats",
)
def warns_about(decision: Decision, topic: str) -> None:
    kind = lookup("caveat", topic, CAVEATS)
    if not any(c.kind == kind for c in decision.caveats):
        _fail(f"no caveat is about {topic}", decision)


@step(
    "then",
    "the answer does not warn about {topic}",
    "the answer does not warn about the date",
    doc="No caveat is about this topic.",
    section="Caveats",
)
def no_warning_about(decision: Decision, topic: str) -> None:
    kind = lookup("caveat", topic, CAVEATS)
    if any(c.kind == kind for c in decision.caveats):
        _fail(f"a caveat is about {topic}", decision)


@step(
    "then",
    "the first caveat is about {topic}",
    "the first caveat is about the date",
    doc="The caveat shown first is about this topic.",
    section="Caveats",
)
def first_caveat(decision: Decision, topic: str) -> None:
    kind = lookup("caveat", topic, CAVEATS)
    if not decision.caveats or decision.caveats[0].kind != kind:
        _fail(f"the first caveat is not about {topic}", decision)


@step(
    "then",
    "the caveat about a suspension says the outcome depends on it",
    "the caveat about a suspension says the outcome depends on it",
    doc="The outcome turns on whether the suspension was extended (the answer asks).",
    section="Caveats",
)
def suspension_decisive(decision: Decision) -> None:
    if not any(c.kind == "suspension" and c.decisive for c in decision.caveats):
        _fail("no caveat says the outcome depends on a suspension", decision)


@step(
    "then",
    "the answer shows rule {rule_id} as a reading of {confidence} confidence",
    "the answer shows rule second_wave.prohibited as a reading of low confidence",
    doc="The answer relies on this rule and labels its reading with this confidence.",
    section="Caveats",
)
def reading_confidence(decision: Decision, rule_id: str, confidence: str) -> None:
    for root in proofs(decision):
        for node in rule_nodes(root):
            if node.rule_id == rule_id and node.interpretation is not None:
                if node.interpretation.confidence == confidence:
                    return
                _fail(f"rule {rule_id} has confidence {node.interpretation.confidence}", decision)
    _fail(f"the answer does not rely on rule {rule_id} as a reading", decision)


@step(
    "then",
    "the licence condition {condition} is shown as a reading by {holder}",
    "the licence condition civilian_use_assurance is shown as a reading by MOFCOM spokespersons",
    doc="A licence condition carries its interpretation label (who holds the reading).",
    section="Caveats",
)
def condition_reading(decision: Decision, condition: str, holder: str) -> None:
    for c in decision.conditions:
        if c.id == condition:
            if c.interpretation is not None and holder.lower() in c.interpretation.by.lower():
                return
            _fail(f"the condition {condition} carries no reading by {holder}", decision)
    _fail(f"the licence conditions do not include {condition}", decision)


@step(
    "then",
    'the answer does not warn that "{text}"',
    'the answer does not warn that "The sources of this rule base end on 2026-11-28"',
    doc="No caveat contains these words (case ignored).",
    section="Caveats",
)
def does_not_warn(decision: Decision, text: str) -> None:
    if any(text.lower() in c.text.lower() for c in decision.caveats):
        _fail(f"a caveat says {text!r}", decision)


@step(
    "then",
    'the summary says "{text}"',
    'the summary says "no PRC licence reaches this re-export"',
    doc="The one-sentence summary of the outcome contains these words (case ignored).",
    section="Caveats",
)
def summary_says(decision: Decision, text: str) -> None:
    if text.lower() not in decision.summary.lower():
        _fail(f"the summary does not say {text!r}", decision)


@step(
    "then",
    "no question is asked about {topic}",
    "no question is asked about the listing reported for 29 June 2026",
    doc="None of the questions asked is about this topic.",
    section="Questions",
)
def no_question_about(decision: Decision, topic: str) -> None:
    if any(_then._about(q.field, topic) for q in decision.questions):
        _fail(f"a question is asked about {topic}", decision)
