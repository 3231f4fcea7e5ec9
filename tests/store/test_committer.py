"""A batch's parent records many chunks in one transaction, and each before its output."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dualuse.cli.recording import Committer, Recorder, Recording, rows_of
from dualuse.cli.sources import bundled_rules
from dualuse.engine import Decision
from dualuse.store import Store


@dataclass(frozen=True)
class _Chunk:
    ids: list[str | None]
    stored: tuple[dict[str, Any], ...] = field(default=())


def _chunks(recording: Recording, decisions: list[Decision], size: int) -> list[_Chunk]:
    out = []
    for i in range(0, len(decisions), size):
        part = decisions[i : i + size]
        rows = rows_of(recording.entries(part, "batch", explained=False))
        out.append(_Chunk([d.id for d in part], rows))
    out.append(_Chunk([None]))  # a chunk of error rows only: nothing to record
    return out


def test_chunks_are_given_out_in_order_only_once_their_rows_are_committed(
    store_url: str, decisions: list[Decision]
) -> None:
    recording = Recording(store_url, "night run", bundled_rules(), in_parent=True)
    recorder = Recorder.before_workers(recording, "batch")
    chunks = _chunks(recording, decisions, 2)
    reader = Store(store_url)
    committer = Committer(recorder, seconds=3600, rows=4)  # a transaction every 4 rows
    given = []
    for chunk in committer.through(iter(chunks)):
        recorded = {r.transfer_id for r in reader.records()}
        assert {i for i in chunk.ids if i} <= recorded  # committed before it is written
        given.append(chunk)
    assert given == chunks
    assert reader.count() == len({d.audit.input["id"] for d in decisions})
    assert committer.transactions == -(-len(decisions) // 4)
    for record in reader.records():
        assert record.user == "night run" and record.source == "batch"


def test_rows_recorded_again_keep_one_record_each(
    sqlite_url: str, decisions: list[Decision]
) -> None:
    recording = Recording(sqlite_url, "tester", bundled_rules(), in_parent=True)
    recorder = Recorder.before_workers(recording, "batch")
    rows = rows_of(recording.entries(decisions, "batch", explained=False))
    first = recorder.record_rows(rows)
    again = recorder.record_rows(rows[:3] + rows)
    assert again == first[:3] + first
    assert Store(sqlite_url).count() == len(set(first))


def test_closing_the_committer_closes_the_chunks_it_reads(
    sqlite_url: str, decisions: list[Decision]
) -> None:
    recording = Recording(sqlite_url, "tester", bundled_rules(), in_parent=True)
    closed = []

    def source() -> Iterator[_Chunk]:
        try:
            yield from _chunks(recording, decisions, 1)
        finally:
            closed.append(True)

    through = Committer(Recorder.before_workers(recording, "batch"), seconds=0).through(source())
    next(through)
    through.close()
    assert closed == [True]
