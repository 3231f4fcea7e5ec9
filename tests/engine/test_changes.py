"""What would change: the smallest sets of input changes, up to two, actionable ones first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from dualuse.engine import Engine, InputError
from dualuse.engine.decide import changes as changes_module
from dualuse.engine.decide.decision import Outcome

from bench.invoices import iter_invoices

only_adds_to = changes_module._only_adds_to

Transfer = dict[str, Any]


def test_a_ground_given_twice_needs_both_changed(
    engine: Engine, samples: dict[str, Transfer]
) -> None:
    # The JMSDF is both consignee and end user: changing one party leaves the other ground.
    decision = engine.decide(samples["jmsdf"])
    assert decision.outcome == "prohibited"
    pairs = [c for c in decision.what_would_change if len(c.changes) == 2]
    assert [c.fields for c in pairs] == [["consignee.name", "end_user.name"]]
    (pair,) = pairs
    assert pair.outcome == "license_required" and pair.actionable
    assert "outcome.license_required.listed" in pair.rule_ids
    assert pair.because.endswith("(ECL Art. 12(2))")
    singles = {tuple(c.fields) for c in decision.what_would_change if len(c.changes) == 1}
    assert ("consignee.name",) not in singles and ("end_user.name",) not in singles


def test_no_set_contains_a_smaller_set_that_already_flips(
    engine: Engine, samples: dict[str, Transfer]
) -> None:
    for transfer in samples.values():
        decision = engine.decide(transfer)
        singles = {c.fields[0] for c in decision.what_would_change if len(c.fields) == 1}
        for change in decision.what_would_change:
            assert 1 <= len(change.changes) <= 2
            assert change.outcome not in (decision.outcome, "undetermined")
            if len(change.fields) == 2:
                assert not set(change.fields) & singles


def test_what_the_user_can_act_on_comes_before_a_listing(
    engine: Engine, samples: dict[str, Transfer]
) -> None:
    decision = engine.decide(samples["civilian"])
    changes = decision.what_would_change
    assert changes[0].changes == ["the end use is military"] and changes[0].actionable
    listing = [n for n, c in enumerate(changes) if not c.actionable]
    acting = [n for n, c in enumerate(changes) if c.actionable]
    assert listing and acting and max(acting) < min(listing)
    assert any("nor otherwise listed" in c.changes[0] for c in changes if not c.actionable)


def test_a_licence_route_flips_with_a_special_approval(
    engine: Engine, samples: dict[str, Transfer]
) -> None:
    decision = engine.decide(samples["control_listed"])
    first = decision.what_would_change[0]
    assert first.changes == ["MOFCOM has given a special approval for this export"]
    assert first.outcome == "license_required"


def test_three_grounds_are_beyond_two_changes(
    engine: Engine, variant: Callable[..., Transfer], parties: dict[str, dict[str, str]]
) -> None:
    jmsdf = parties["jmsdf"]
    transfer = variant(
        consignee=jmsdf,
        end_user=jmsdf,
        end_use={"military": True, "helps_military_strength": False},
    )
    decision = engine.decide(transfer)
    assert decision.outcome == "prohibited"
    assert all(c.outcome != "license_required" for c in decision.what_would_change)


def _skipping(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bool]]:
    """Record each call of the check that skips changes: (field, outcome, skipped)."""
    calls: list[tuple[str, str, bool]] = []

    def counted(decider: Any, candidate: Any, outcome: Outcome) -> bool:
        skipped = only_adds_to(decider, candidate, outcome)
        calls.append((candidate.field, outcome, skipped))
        return skipped

    monkeypatch.setattr(changes_module, "_only_adds_to", counted)
    return calls


def test_changes_skipped_unevaluated_would_have_changed_nothing(
    engine: Engine, scenario_transfers: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A change that only adds facts is skipped when the rules show it cannot move the outcome:
    # with every change evaluated instead, each decision finds the same sets, in the same order.
    cases = [(c["transfer"], c["as_of"]) for c in scenario_transfers]
    cases += [(row, None) for row in iter_invoices(150, seed=11)]
    calls = _skipping(monkeypatch)
    found, decided = [], []
    for raw, as_of in cases:
        try:
            found.append(engine.decide(raw, as_of).what_would_change)
        except InputError:
            continue  # a scenario about bad input
        decided.append((raw, as_of))
    assert sum(skipped for *_, skipped in calls) >= 100  # the check does skip changes
    monkeypatch.setattr(changes_module, "_only_adds_to", lambda *args: False)
    assert found == [engine.decide(raw, as_of).what_would_change for raw, as_of in decided]


def test_knowing_more_cannot_lift_a_ban_but_can_call_for_a_licence(
    engine: Engine, samples: dict[str, Transfer], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the exporter knows reads only towards the catch-all licence: for an export banned to
    # the JMSDF it is not worth evaluating; for a gift of an unlisted item it may make a licence
    # needed. A military end use can turn a licence into a ban: always evaluated.
    calls = _skipping(monkeypatch)
    assert engine.decide(samples["jmsdf"]).what_would_change
    assert ("exporter_knowledge.wmd", "prohibited", True) in calls
    calls.clear()
    gift = engine.decide(samples["gift"])
    assert gift.outcome == "not_controlled" and gift.what_would_change
    assert ("exporter_knowledge.wmd", "not_controlled", False) in calls
    calls.clear()
    civilian = engine.decide(samples["civilian"])
    assert civilian.outcome == "license_required" and civilian.what_would_change
    assert ("end_use.military", "license_required", False) in calls
