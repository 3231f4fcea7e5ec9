"""The records store on SQLite and PostgreSQL: what is stored, read back, filtered, replayed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dualuse.cli.sources import bundled_rules
from dualuse.engine import Decision, Engine
from dualuse.store import Entry, Filters, Store, StoreError, replay, rules_digest_of
from dualuse.store.models import RuleBaseFile, RuleBlob
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.store.conftest import RecordAll, transfer


def test_a_decision_is_stored_with_who_when_what_and_on_which_law(
    store_url: str, decisions: list[Decision], record_all: RecordAll
) -> None:
    store = Store(store_url)
    before = dt.datetime.now(dt.UTC)
    [ident] = record_all(store, decisions[:1])
    record = store.get(ident[:8])
    assert record.id == ident
    assert record.user == "tester"
    assert record.transfer_id == "SO-000"
    assert record.transfer_date == dt.date(2026, 3, 2)
    assert record.as_of == dt.date(2026, 3, 2)
    assert record.outcome == decisions[0].outcome == "license_required"
    assert record.rules_digest == decisions[0].audit.rules_digest
    assert record.engine_version == decisions[0].audit.engine_version
    assert record.parties == ["Ganzhou Rare Earth Trading", "Tokyo Widgets"]
    assert record.item == "gallium"
    assert record.transfer == decisions[0].audit.input
    assert record.recorded_at.replace(tzinfo=record.recorded_at.tzinfo or dt.UTC) >= before - (
        dt.timedelta(seconds=5)
    )
    assert store.decision(ident) == decisions[0]


def test_recording_the_same_decision_again_keeps_one_record(
    store_url: str, decisions: list[Decision], record_all: RecordAll
) -> None:
    store = Store(store_url)
    first = record_all(store, decisions[:5])
    again = record_all(store, decisions[:5] + decisions[:2])
    assert again == first + first[:2]
    assert store.count() == 5


def test_a_corrected_transfer_under_the_same_id_is_a_new_record(
    sqlite_url: str, engine: Engine, record_all: RecordAll
) -> None:
    store = Store(sqlite_url)
    one = engine.decide(transfer("SO-9"), explain=False)
    two = engine.decide(transfer("SO-9", turnover_cny=900_000), explain=False)
    ids = record_all(store, [one, two])
    assert len(set(ids)) == 2
    assert [r.transfer_id for r in store.records(Filters(current=True))] == ["SO-9"]


def test_filters_by_date_outcome_party_and_item(
    sqlite_url: str, engine: Engine, record_all: RecordAll
) -> None:
    store = Store(sqlite_url)
    items = [
        engine.decide(transfer("A", date="2026-02-01"), explain=False),
        engine.decide(
            transfer(
                "B",
                date="2026-03-05",
                consignee={"name": "Japan Maritime Self-Defense Force"},
                end_user={"name": "Japan Maritime Self-Defense Force"},
            ),
            explain=False,
        ),
        engine.decide(
            transfer("C", date="2026-04-01", item={"description": "dysprosium oxide"}),
            explain=False,
        ),
    ]
    record_all(store, items)

    def ids(**kw: object) -> list[str | None]:
        return [r.transfer_id for r in store.records(Filters(**kw))]  # type: ignore[arg-type]

    assert ids() == ["A", "B", "C"]
    assert ids(since=dt.date(2026, 3, 1)) == ["B", "C"]
    assert ids(until=dt.date(2026, 3, 5)) == ["A", "B"]
    assert ids(outcome="prohibited") == ["B"]
    assert ids(party="maritime self") == ["B"]
    assert ids(item="DYSPROSIUM") == ["C"]
    assert store.count_matching(Filters(since=dt.date(2026, 3, 1))) == 2


def test_rule_files_are_stored_once_whatever_the_number_of_versions(
    sqlite_url: str, rules_copy: Path
) -> None:
    store = Store(sqlite_url)
    first = rules_digest_of(rules_copy)
    assert store.save_rules(rules_copy, first) is True
    assert store.save_rules(rules_copy, first) is False
    table = rules_copy / "data" / "control_list.csv"
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = rules_digest_of(rules_copy)
    assert second != first
    assert store.save_rules(rules_copy, second) is True
    with Session(store.engine) as session:
        files = session.scalar(select(func.count()).select_from(RuleBaseFile))
        blobs = session.scalar(select(func.count()).select_from(RuleBlob))
    n = len(list(rules_copy.rglob("*.dl"))) + len(list(rules_copy.rglob("*.csv")))
    assert files == 2 * n
    assert blobs == n + 1  # only the changed table is stored a second time
    assert {f.path for f in store.rules(first)} == {f.path for f in store.rules(second)}


def test_a_folder_changed_since_it_was_loaded_is_not_recorded_as_that_law(
    sqlite_url: str, rules_copy: Path
) -> None:
    store = Store(sqlite_url)
    digest = rules_digest_of(rules_copy)
    (rules_copy / "outcome.dl").write_text("// changed\n", encoding="utf-8")
    with pytest.raises(StoreError, match="changed after it was loaded"):
        store.save_rules(rules_copy, digest)


def test_replay_is_identical_on_the_recorded_law_after_the_rules_changed(
    store_url: str, rules_copy: Path
) -> None:
    store = Store(store_url)
    old_engine = Engine(rules_dir=rules_copy)
    case = transfer(
        "SO-IHI",
        consignee={"name": "IHI Aerospace Co., Ltd."},
        end_user={"name": "IHI Aerospace Co., Ltd."},
    )
    recorded = old_engine.decide(case)
    assert recorded.outcome == "prohibited"  # IHI Aerospace is control-listed from 2026-02-24
    store.save_rules(rules_copy, old_engine.rules_digest)
    [ident] = store.record([Entry(decision=recorded, user="t")])

    # The list changes: IHI Aerospace's row is taken out of the control list.
    table = rules_copy / "data" / "control_list.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(x for x in lines if ",ihi_aerospace," not in x), encoding="utf-8")
    assert Engine(rules_dir=rules_copy).decide(case).outcome == "license_required"

    result = replay(store, ident)
    assert result.identical, result.differences
    assert result.again == recorded
    assert result.again.outcome == "prohibited"


def test_replay_says_what_differs_when_the_engine_decides_otherwise(
    sqlite_url: str, engine: Engine, record_all: RecordAll
) -> None:
    store = Store(sqlite_url)
    real = engine.decide(transfer("SO-X"), explain=False)
    forged = real.model_copy(update={"outcome": "not_controlled"})
    store.save_rules(bundled_rules(), real.audit.rules_digest)
    [ident] = store.record([Entry(decision=forged, user="t", explained=False)])
    result = replay(store, ident)
    assert not result.identical
    assert result.differences == ["outcome"]


def test_an_unknown_record_id_is_a_clear_error(sqlite_url: str) -> None:
    with pytest.raises(StoreError, match="no recorded decision 'nope'"):
        Store(sqlite_url).get("nope")
