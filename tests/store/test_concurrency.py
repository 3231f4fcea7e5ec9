"""Concurrent writers, in separate processes, never lose or duplicate a record."""

from __future__ import annotations

import multiprocessing

from dualuse.cli.sources import bundled_rules
from dualuse.engine import Decision
from dualuse.store import Entry, Filters, Store

WRITERS = 4


def _write(
    url: str, payload: list[str], writer: int, start: multiprocessing.synchronize.Event
) -> None:
    decisions = [Decision.model_validate_json(p) for p in payload]
    store = Store(url)  # every writer opens (and would migrate) the store at once
    start.wait()
    store.save_rules(bundled_rules(), decisions[0].audit.rules_digest)
    # Writer k records its own third of the decisions one by one, then everything in batches:
    # the same decisions race from every process.
    mine = decisions[writer::WRITERS]
    for d in mine:
        store.record([Entry(decision=d, user=f"writer {writer}", explained=False)])
    for i in range(0, len(decisions), 3):
        batch = decisions[i : i + 3]
        store.record([Entry(decision=d, user=f"writer {writer}", explained=False) for d in batch])
    store.close()


def test_four_processes_racing_on_one_store_record_each_decision_once(
    store_url: str, decisions: list[Decision]
) -> None:
    payload = [d.model_dump_json() for d in decisions]
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_write, args=(store_url, payload, k, start)) for k in range(WRITERS)
    ]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(timeout=240)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    store = Store(store_url)
    records = list(store.records(Filters()))
    assert store.count() == len(records) == len(decisions)
    assert sorted(r.transfer_id or "" for r in records) == sorted(d.id or "" for d in decisions)
    for record in records:
        assert store.decision(record.id).audit.input == record.transfer
