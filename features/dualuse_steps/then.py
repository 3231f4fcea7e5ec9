"""Then steps: what the decision says, and on which provisions it rests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from dualuse.engine import Decision

from .decisions import (
    all_why_nots,
    cites,
    describe,
    fact_nodes,
    ground_rules,
    proofs,
    rule_nodes,
    same_party,
)
from .draft import Draft
from .library import step
from .phrases import (
    BASES,
    CONDITIONS,
    OUTCOME_NAMES,
    OUTCOMES,
    SANCTIONS,
    SERVICE_ROLES,
    TOPICS,
    CitationQuery,
    format_amount,
    lookup,
    parse_amount,
)


def _fail(message: str, decision: Decision) -> None:
    pytest.fail(f"{message}\n{describe(decision)}", pytrace=False)


# --- outcome --------------------------------------------------------------------------------------


@step(
    "then",
    "the transfer {outcome}",
    "the transfer is prohibited",
    "the transfer requires a licence",
    "the transfer is not controlled",
    "the transfer is out of scope",
    "the transfer is undetermined",
    doc="The outcome: " + ", ".join(f"`{k}`" for k in OUTCOMES) + ".",
    section="Outcome",
)
def outcome_is(decision: Decision, outcome: str) -> None:
    wanted = lookup("outcome", outcome, OUTCOMES)
    if decision.outcome != wanted:
        _fail(f"expected the outcome {wanted}, got {decision.outcome}", decision)


@step(
    "then",
    "the outcome could still be {outcome}",
    "the outcome could still be prohibited",
    doc="For an undetermined outcome: the unknown facts leave this outcome open.",
    section="Outcome",
)
def could_still_be(decision: Decision, outcome: str) -> None:
    wanted = lookup("outcome", outcome, OUTCOME_NAMES)
    if wanted not in decision.possible_outcomes:
        _fail(f"{wanted} is not among the possible outcomes", decision)


@step(
    "then",
    "the outcome could not be {outcome}",
    "the outcome could not be out of scope",
    doc="For an undetermined outcome: whatever the unknown facts are, this outcome is excluded.",
    section="Outcome",
)
def could_not_be(decision: Decision, outcome: str) -> None:
    wanted = lookup("outcome", outcome, OUTCOME_NAMES)
    if wanted in decision.possible_outcomes:
        _fail(f"{wanted} is among the possible outcomes", decision)


# --- grounds --------------------------------------------------------------------------------------

NAMED_GROUNDS: dict[str, tuple[set[str], set[str]]] = {
    # name: (instruments or rule-id prefixes cited, fact predicates used)
    "the control list": ({"Announcement 2026 No. 11"}, {"control_listed"}),
    "the watch list": ({"Announcement 2026 No. 12"}, {"watch_listed"}),
    "a Japanese military user": (set(), {"jp_military_user"}),
    "the item list": (set(), {"catalogue_entry"}),
    "the user's statement that the item is listed": (set(), {"item_declared_listed"}),
    "the catch-all": ({"Export Control Law Article 12(3)"}, set()),
    "a licence held": (set(), {"licence_held"}),
    "a special approval": (set(), {"special_approval"}),
}
"""What "the grounds rely on ..." can name besides a citation or a rule: instruments or
citations the rule steps cite, and kinds of facts the proofs use."""


def _reference(text: str) -> tuple[str, Callable[[Decision], bool]]:
    """Turn "rule x.y", a named ground or a citation into a test on a decision's grounds."""
    text = text.strip()
    if text.startswith("rule "):
        rule_id = text[len("rule ") :].strip()
        return f"rule {rule_id}", lambda d: any(n.rule_id == rule_id for n in ground_rules(d))
    for name, (citations, preds) in NAMED_GROUNDS.items():
        if text.lower() == name.lower():
            queries = [CitationQuery.parse(c) for c in citations]

            def relies(
                d: Decision, queries: list[CitationQuery] = queries, preds: set[str] = preds
            ) -> bool:
                if any(cites(d, q) for q in queries):
                    return True
                return any(f.pred in preds for root in d.grounds for f in fact_nodes(root))

            return name, relies
    query = CitationQuery.parse(text)
    return query.text(), lambda d: cites(d, query)


_REFERENCE_DOC = (
    "The reference is a citation (`Announcement 2026 No. 1 clause 1`, `Announcement 2026 No. 1 "
    "clause 1 third prong`, `Announcement 2026 No. 11 measure 1`, `Export Control Law Article "
    "12(3)`, `Regulations Article 48(2)`), a rule (`rule ann2026_1.c1.military_user`) or one of: "
    + ", ".join(f"`{n}`" for n in NAMED_GROUNDS)
    + ". Every step of every proof of the outcome is searched."
)


@step(
    "then",
    "the grounds include {reference}",
    "the grounds include Announcement 2026 No. 1 clause 1",
    "the grounds include rule ann2026_1.c1.military_user",
    "the grounds include Export Control Law Article 12(3)",
    doc="The outcome rests (also) on this provision. " + _REFERENCE_DOC,
    section="Grounds",
)
def grounds_include(decision: Decision, reference: str) -> None:
    name, test = _reference(reference)
    if not test(decision):
        _fail(f"the grounds do not include {name}", decision)


@step(
    "then",
    "the grounds rely on {reference}",
    "the grounds rely on the control list",
    doc="Same as `the grounds include`, for named grounds.",
    section="Grounds",
)
def grounds_rely_on(decision: Decision, reference: str) -> None:
    grounds_include(decision, reference)


@step(
    "then",
    "the grounds do not include {reference}",
    "the grounds do not include Announcement 2026 No. 1",
    "the grounds do not include rule ann2026_1.c1.military_use",
    doc="The outcome does not rest on this provision. " + _REFERENCE_DOC,
    section="Grounds",
)
def grounds_exclude(decision: Decision, reference: str) -> None:
    name, test = _reference(reference)
    if test(decision):
        _fail(f"the grounds include {name}", decision)


@step(
    "then",
    "the grounds do not rely on {reference}",
    "the grounds do not rely on the control list",
    doc="Same as `the grounds do not include`, for named grounds.",
    section="Grounds",
)
def grounds_do_not_rely_on(decision: Decision, reference: str) -> None:
    grounds_exclude(decision, reference)


@step(
    "then",
    "rule {rule_id} was considered and did not apply",
    "rule ann2026_1.c1.military_user was considered and did not apply",
    doc=(
        "The decision weighed this rule (for an outcome it did not reach, or under a condition "
        "that had to fail) and explains why it did not apply."
    ),
    section="Grounds",
)
def considered_not_applied(decision: Decision, rule_id: str) -> None:
    if not any(w.rule_id == rule_id for w in all_why_nots(decision)):
        _fail(f"rule {rule_id} is not among the rules weighed and found not to apply", decision)


@step(
    "then",
    "rule {rule_id} was not in force on that date",
    "rule ann2026_1.c1.military_user was not in force on that date",
    doc="The decision explains that this rule did not apply because it was not in force.",
    section="Grounds",
)
def not_in_force(decision: Decision, rule_id: str) -> None:
    if not any(w.rule_id == rule_id and w.reason == "not_in_force" for w in all_why_nots(decision)):
        _fail(f"rule {rule_id} is not explained as not in force", decision)


@step(
    "then",
    "the answer shows rule {rule_id} as an interpretation",
    "the answer shows rule ann2026_1.c1.military_user as an interpretation",
    doc=(
        "The answer relies on this rule and labels it as an interpretation (who holds it, how "
        "sure), not as the text of the law."
    ),
    section="Grounds",
)
def interpretation_shown(decision: Decision, rule_id: str) -> None:
    for root in proofs(decision):
        for node in rule_nodes(root):
            if node.rule_id == rule_id and node.interpretation is not None:
                return
    _fail(f"the answer does not show rule {rule_id} as an interpretation", decision)


@step(
    "then",
    "the item is recognised as {entry}",
    "the item is recognised as dysprosium_oxide",
    doc="The item description was matched to this catalogue entry.",
    section="Grounds",
)
def item_recognised(decision: Decision, entry: str) -> None:
    if not any(m.field.startswith("item") and m.matched == entry for m in decision.matches):
        _fail(f"the item was not recognised as {entry}: {decision.matches}", decision)


# --- liability ------------------------------------------------------------------------------------

ROLES = ("the exporter", "the consignee", "the end user")


def _names(party: str, transfer: Draft, decision: Decision) -> list[str]:
    """The spellings a party may have in the decision: as written, and its catalogue id."""
    text = party.strip()
    name: Any = text
    field = None
    if text in ROLES:
        field = text.removeprefix("the ").replace(" ", "_")
        name = transfer.get(f"{field}.name")
    elif text.startswith("the ") and text[4:] in SERVICE_ROLES:
        provider = transfer.provider(SERVICE_ROLES[text[4:]])
        name = provider.get("name") if provider else None
    if not name:
        pytest.fail(f"{text} has not been named in the transfer", pytrace=False)
    names = [str(name)]
    names += [m.matched for m in decision.matches if m.matched and m.text == name]
    return names


def _liabilities(party: str, transfer: Draft, decision: Decision) -> list[Any]:
    names = _names(party, transfer, decision)
    return [item for item in decision.liable if any(same_party(item.party, n) for n in names)]


_BASIS_DOC = "Bases: " + ", ".join(f"`{b}`" for b in BASES) + "."


@step(
    "then",
    "{party} is liable for {basis}",
    "the exporter is liable for exporting prohibited items",
    "the freight forwarder is liable for knowingly serving a violating exporter",
    "Lion Metals is liable for transferring PRC-origin items to a prohibited Japanese party",
    doc=(
        "The party (`the exporter`, `the consignee`, `the end user`, `the freight forwarder` and "
        "the other service roles, or a name) is exposed on this basis. " + _BASIS_DOC
    ),
    section="Liability and penalties",
)
def liable_for(decision: Decision, transfer: Draft, party: str, basis: str) -> None:
    wanted = lookup("basis of liability", basis, BASES)
    found = _liabilities(party, transfer, decision)
    if not any(item.basis == wanted for item in found):
        _fail(f"{party} is not liable for {wanted}", decision)


@step(
    "then",
    "{party} is not liable",
    "the exporter is not liable",
    doc="The party is exposed on no basis.",
    section="Liability and penalties",
)
def not_liable(decision: Decision, transfer: Draft, party: str) -> None:
    found = _liabilities(party, transfer, decision)
    if found:
        _fail(f"{party} is liable for {', '.join(item.basis for item in found)}", decision)


@step(
    "then",
    "no one is liable",
    "no one is liable",
    doc="No party is exposed.",
    section="Liability and penalties",
)
def no_one_liable(decision: Decision) -> None:
    if decision.liable:
        _fail("someone is liable", decision)


@step(
    "then",
    "{party} faces a fine between {low} and {high} yuan[ under {citation}]",
    "the exporter faces a fine between 4,000,000 and 8,000,000 yuan under Export Control Law "
    "Article 34",
    "the freight forwarder faces a fine between 100,000 and 500,000 yuan",
    doc=(
        "One of the party's fine ranges, in whole yuan, optionally with the article that sets it. "
        "Chinese 以上 includes the threshold: a turnover exactly at it is in the multiple tier."
    ),
    section="Liability and penalties",
)
def faces_fine(
    decision: Decision,
    transfer: Draft,
    party: str,
    low: str,
    high: str,
    citation: str | None,
) -> None:
    lo, hi = parse_amount(low), parse_amount(high)
    query = CitationQuery.parse(citation) if citation else None
    penalties = [p for item in _liabilities(party, transfer, decision) for p in item.penalties]
    for penalty in penalties:
        if (penalty.min_cny, penalty.max_cny) == (lo, hi) and (
            query is None or query.matches(penalty.citation)
        ):
            return
    ranges = "; ".join(
        f"{format_amount(p.min_cny)}-{format_amount(p.max_cny)} "
        f"({p.citation.text() if p.citation else ''}, {p.arithmetic})"
        for p in penalties
    )
    where = f" under {query.text()}" if query else ""
    _fail(
        f"{party} does not face a fine of {format_amount(lo)} to {format_amount(hi)} yuan{where}; "
        f"its fines: {ranges or 'none'}",
        decision,
    )


@step(
    "then",
    "{party} faces no fine",
    "the exporter faces no fine",
    doc="No fine range is given for the party (for example when its turnover is not known).",
    section="Liability and penalties",
)
def faces_no_fine(decision: Decision, transfer: Draft, party: str) -> None:
    penalties = [p for item in _liabilities(party, transfer, decision) for p in item.penalties]
    if penalties:
        _fail(f"{party} faces fines: {[(p.min_cny, p.max_cny) for p in penalties]}", decision)


@step(
    "then",
    "the sanctions against {party} include {sanction}",
    "the sanctions against the exporter include criminal liability",
    doc="A consequence other than a fine: " + ", ".join(f"`{s}`" for s in SANCTIONS) + ".",
    section="Liability and penalties",
)
def sanction_included(decision: Decision, transfer: Draft, party: str, sanction: str) -> None:
    wanted = lookup("sanction", sanction, SANCTIONS)
    found = [s.sanction for item in _liabilities(party, transfer, decision) for s in item.sanctions]
    if wanted not in found:
        _fail(f"the sanctions against {party} do not include {wanted}: {found}", decision)


# --- questions ------------------------------------------------------------------------------------


def _about(field: str, topic: str) -> bool:
    prefixes = TOPICS[lookup("question topic", topic, {k: k for k in TOPICS})]
    return any(
        field == p or field.startswith(p + ".") or field.startswith(p + "[") for p in prefixes
    )


@step(
    "then",
    "the next question is about {topic}",
    "the next question is about the end use",
    "the next question is about whether the item is listed",
    doc="The most decisive question asked is about: " + ", ".join(f"`{t}`" for t in TOPICS) + ".",
    section="Questions",
)
def next_question(decision: Decision, topic: str) -> None:
    if not decision.questions:
        _fail("no question is asked", decision)
    if not _about(decision.questions[0].field, topic):
        _fail(f"the next question is about {decision.questions[0].field}, not {topic}", decision)


@step(
    "then",
    "a question is asked about {topic}",
    "a question is asked about the end user",
    doc="One of the questions asked is about this topic.",
    section="Questions",
)
def some_question(decision: Decision, topic: str) -> None:
    if not any(_about(q.field, topic) for q in decision.questions):
        _fail(f"no question is asked about {topic}", decision)


@step(
    "then",
    "no question is asked",
    "no question is asked",
    doc="Every fact that matters is known.",
    section="Questions",
)
def no_question(decision: Decision) -> None:
    if decision.questions:
        _fail("questions are asked", decision)


# --- licence conditions ---------------------------------------------------------------------------

_CONDITION_DOC = "Conditions: " + ", ".join(f"`{c}`" for c in CONDITIONS) + "."


@step(
    "then",
    "the licence conditions include {condition}",
    "the licence conditions include a risk-assessment report",
    "the licence conditions include a civilian-use assurance",
    doc="A condition the licence application or licence must meet. " + _CONDITION_DOC,
    section="Licence conditions",
)
def conditions_include(decision: Decision, condition: str) -> None:
    wanted = lookup("licence condition", condition, CONDITIONS)
    if wanted not in {c.id for c in decision.conditions}:
        _fail(f"the licence conditions do not include {wanted}", decision)


@step(
    "then",
    "the licence conditions do not include {condition}",
    "the licence conditions do not include a risk-assessment report",
    doc="The condition does not apply. " + _CONDITION_DOC,
    section="Licence conditions",
)
def conditions_exclude(decision: Decision, condition: str) -> None:
    wanted = lookup("licence condition", condition, CONDITIONS)
    if wanted in {c.id for c in decision.conditions}:
        _fail(f"the licence conditions include {wanted}", decision)


@step(
    "then",
    "there are no licence conditions",
    "there are no licence conditions",
    doc="No licence condition applies (no licence route, or none attached).",
    section="Licence conditions",
)
def no_conditions(decision: Decision) -> None:
    if decision.conditions:
        _fail("there are licence conditions", decision)
