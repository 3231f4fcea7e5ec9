"""Explanations on demand: a decision's why-not, what-would-change and audit wait until read.

A lazy decision must be the eager one: every field equal, the same JSON byte for byte, however
it is observed first. The transfers are every one the feature scenarios decide (recorded by
running them with the ``scenario_transfers`` plugin) and a bench ledger's.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import Decision, Engine, InputError, Transfer
from dualuse.engine.decide import decider as decider_module
from dualuse.engine.decide.changes import changes as what_would_change
from dualuse.engine.decide.deferred import Deferred
from dualuse.engine.explain.prover import Prover

from bench.ledger import generate

ROOT = Path(__file__).resolve().parents[2]
LAZY = ("why_not", "what_would_change", "articles", "audit")


class Pair(Deferred):
    """A small deferred model."""

    a: int
    b: list[int]
    c: dict[str, int]


def _counting() -> tuple[list[str], dict[str, Callable[[], Any]]]:
    calls: list[str] = []

    def b() -> list[int]:
        calls.append("b")
        return [2, 3]

    def c() -> dict[str, int]:
        calls.append("c")
        return {"x": 1}

    return calls, {"b": b, "c": c}


def test_a_pending_field_runs_only_when_read_and_only_once() -> None:
    calls, pending = _counting()
    pair = Pair.deferred({"a": 1}, pending)
    assert calls == [] and pair.is_pending("b") and pair.is_pending("c")
    assert pair.b == [2, 3] and pair.b == [2, 3]
    assert calls == ["b"] and not pair.is_pending("b") and pair.is_pending("c")
    assert pair.model_dump() == {"a": 1, "b": [2, 3], "c": {"x": 1}}
    assert calls == ["b", "c"]


@pytest.mark.parametrize(
    "observe",
    [
        lambda p: p.model_dump(),
        lambda p: p.model_dump_json(),
        lambda p: repr(p),
        lambda p: dict(p),
        lambda p: copy.copy(p),
        lambda p: copy.deepcopy(p),
        lambda p: pickle.loads(pickle.dumps(p)),
        lambda p: p.model_copy(update={"a": 2}),
    ],
    ids=["dump", "json", "repr", "iter", "copy", "deepcopy", "pickle", "model_copy"],
)
def test_every_way_of_observing_gives_the_eager_model(observe: Callable[[Pair], Any]) -> None:
    eager = Pair(a=1, b=[2, 3], c={"x": 1})
    got = observe(Pair.deferred({"a": 1}, _counting()[1]))
    want = observe(eager)
    if isinstance(want, Pair):
        assert got == want and not got.is_pending("b")
        assert got.model_dump_json() == want.model_dump_json()
    else:
        assert got == want


def test_comparison_works_out_both_sides() -> None:
    eager = Pair(a=1, b=[2, 3], c={"x": 1})
    assert Pair.deferred({"a": 1}, _counting()[1]) == eager
    assert eager == Pair.deferred({"a": 1}, _counting()[1])
    assert Pair.deferred({"a": 1}, {"b": lambda: [9], "c": lambda: {}}) != eager


def test_a_model_inside_another_is_dumped_whole() -> None:
    class Box(Deferred):
        pair: Pair

    box = Box(pair=Pair.deferred({"a": 1}, _counting()[1]))
    assert box.model_dump() == {"pair": {"a": 1, "b": [2, 3], "c": {"x": 1}}}


def test_threads_reading_at_once_work_each_field_out_once() -> None:
    calls: list[str] = []

    def slow(name: str, value: Any) -> Callable[[], Any]:
        def compute() -> Any:
            calls.append(name)
            time.sleep(0.02)  # long enough for every thread to arrive while it runs
            return value

        return compute

    pair = Pair.deferred({"a": 1}, {"b": slow("b", [1, 2]), "c": slow("c", {"y": 2})})
    seen: list[Any] = []
    start = threading.Barrier(8)

    def read(i: int) -> None:
        start.wait()
        seen.append(pair.b if i % 2 else pair.model_dump_json())

    threads = [threading.Thread(target=read, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(calls) == ["b", "c"]
    lists = [s for s in seen if isinstance(s, list)]
    assert len(lists) == 4 and all(s is lists[0] for s in lists)
    assert {s for s in seen if isinstance(s, str)} == {'{"a":1,"b":[1,2],"c":{"y":2}}'}
    assert not pair.is_pending("b") and not pair.is_pending("c")


def test_a_resolved_model_pickles_without_its_functions() -> None:
    pair = Pair.deferred({"a": 1}, {"b": lambda: [2], "c": dict})  # lambdas do not pickle
    again = pickle.loads(pickle.dumps(pair))
    assert again == Pair(a=1, b=[2], c={}) and not again.is_pending("b")


def test_a_field_that_is_not_one_cannot_be_deferred() -> None:
    with pytest.raises(ValueError, match="cannot defer d"):
        Pair.deferred({"a": 1, "b": [], "c": {}}, {"d": list})
    with pytest.raises(ValueError, match="cannot defer b"):
        Pair.deferred({"a": 1, "b": [], "c": {}}, {"b": list})
    with pytest.raises(ValueError, match="cannot defer a: give it a default"):
        Pair.deferred({"b": [], "c": {}}, {"a": lambda: 1})


# --- the engine's decisions -----------------------------------------------------------------------


def _both(engine: Engine, raw: dict[str, Any], as_of: str | None) -> tuple[Decision, Decision]:
    """The same transfer decided lazily (as ``Engine.decide`` does) and eagerly."""
    transfer = Transfer.model_validate(raw)
    day = dt.date.fromisoformat(as_of) if as_of else transfer.date or dt.date.today()
    decider = engine._state.decider(day, engine.version)
    return (
        decider.decide(transfer, raw, explain=True, lazy=True),
        decider.decide(transfer, raw, explain=True, lazy=False),
    )


def _same(lazy: Decision, eager: Decision, *, reverse: bool) -> None:
    assert all(lazy.is_pending(name) for name in LAZY)
    assert not any(eager.is_pending(name) for name in LAZY)
    names = list(Decision.model_fields)
    for name in reversed(names) if reverse else names:
        assert getattr(lazy, name) == getattr(eager, name), name
    assert lazy.model_dump_json() == eager.model_dump_json()


def test_lazy_decisions_are_the_eager_ones_for_every_scenario(
    engine: Engine, scenario_transfers: list[dict[str, Any]]
) -> None:
    decided = 0
    for i, case in enumerate(scenario_transfers):
        try:
            lazy, eager = _both(engine, case["transfer"], case["as_of"])
        except InputError:
            continue  # a scenario about bad input: nothing decided, lazily or not
        if i % 3 == 0:  # dumped first, without reading a field
            assert lazy.is_pending("why_not")
            assert lazy.model_dump_json() == eager.model_dump_json()
        else:  # read field by field, in one order or the other
            _same(lazy, eager, reverse=i % 2 == 1)
        assert lazy == eager
        decided += 1
    assert decided >= 100


def test_lazy_decisions_are_the_eager_ones_on_a_bench_ledger(engine: Engine) -> None:
    ledger = generate(120, seed=20)
    outcomes = set()
    for i, raw in enumerate(ledger):
        lazy, eager = _both(engine, raw, None)
        _same(lazy, eager, reverse=i % 2 == 1)
        outcomes.add(eager.outcome)
    assert outcomes >= {"prohibited", "license_required", "not_controlled", "undetermined"}


def test_a_decision_without_explanations_is_complete_at_once(engine: Engine) -> None:
    decision = engine.decide(generate(1, seed=3)[0], explain=False)
    assert not any(decision.is_pending(name) for name in LAZY)
    assert decision.why_not == [] and decision.what_would_change == []


def test_a_decision_works_out_no_explanation_until_one_is_read(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    why_not, changes = Prover.why_not, what_would_change

    def counting_why_not(self: Prover, pred: str, *args: Any, **kw: Any) -> Any:
        if pred == "outcome":  # a proof's negations explain themselves at once, as they must
            calls.append("why_not")
        return why_not(self, pred, *args, **kw)

    def counting_changes(*args: Any, **kw: Any) -> Any:
        calls.append("changes")
        return changes(*args, **kw)

    monkeypatch.setattr(Prover, "why_not", counting_why_not)
    monkeypatch.setattr(decider_module, "what_would_change", counting_changes)
    ledger = generate(40, seed=7)
    decisions = [engine.decide(raw) for raw in ledger]
    for d in decisions:  # every field worked out at once
        assert (d.outcome, d.summary, d.caveats, d.grounds, d.liable, d.questions) is not None
        assert (d.conditions, d.interpretations, d.matches, d.possible_outcomes) is not None
    assert calls == []
    decided = next(d for d in decisions if d.outcome != "undetermined")
    assert decided.articles  # gathered from the why-nots too: they are worked out for it
    assert calls.count("why_not") == 3 and "changes" not in calls  # the other outcomes
    before = len(calls)
    assert len(decided.why_not) == 3 and len(calls) == before  # not worked out again
    assert decided.what_would_change is not None and calls[before:] == ["changes"]


def test_threads_sharing_a_decision_see_the_eager_one(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = next(r for r in generate(40, seed=11) if r["item"].get("listed"))
    eager = _both(engine, raw, None)[1]
    calls: list[str] = []
    changes = what_would_change

    def counting_changes(*args: Any, **kw: Any) -> Any:
        calls.append("changes")
        return changes(*args, **kw)

    monkeypatch.setattr(decider_module, "what_would_change", counting_changes)
    lazy = engine.decide(raw)
    start = threading.Barrier(4)
    dumps: list[str] = []

    def read(i: int) -> None:
        start.wait()
        if i % 2:
            assert lazy.what_would_change == eager.what_would_change
        dumps.append(lazy.model_dump_json())

    threads = [threading.Thread(target=read, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert dumps == [eager.model_dump_json()] * 4
    assert calls == (["changes"] if eager.outcome != "undetermined" else [])


def test_a_lazy_decision_travels_as_the_eager_one(engine: Engine) -> None:
    for raw in generate(12, seed=5):
        lazy, eager = _both(engine, raw, None)
        sent = pickle.dumps(lazy)  # as to a process pool's worker, or by Dask
        received = pickle.loads(sent)
        assert received == eager and received.model_dump_json() == eager.model_dump_json()
        lazy, eager = _both(engine, raw, None)
        assert Decision.model_validate_json(lazy.model_dump_json()) == eager
        lazy, eager = _both(engine, raw, None)
        assert lazy.model_dump(mode="json") == eager.model_dump(mode="json")
