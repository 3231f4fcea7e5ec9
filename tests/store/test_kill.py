"""A batch killed with SIGKILL leaves no partial record, and a re-run completes it exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dualuse.cli.batch import CHUNK_ROWS
from dualuse.store import Filters, Store

from tests.store.conftest import transfer

ROWS = 400


def _batch(ledger: Path, out: Path, url: str) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "dualuse"), "batch", str(ledger)]
    return subprocess.Popen(
        [*command, "--out", str(out), "--record", "--db", url, "--user", "night run", "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def test_a_killed_batch_leaves_whole_records_and_a_rerun_completes_without_duplicates(
    store_url: str, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.jsonl"
    with ledger.open("w", encoding="utf-8") as f:
        for n in range(ROWS):
            f.write(json.dumps(transfer(f"SO-{n:04d}", turnover_cny=100_000 + n)) + "\n")
    out = tmp_path / "out.jsonl"
    store = Store(store_url)

    run = _batch(ledger, out, store_url)
    deadline = time.monotonic() + 300
    while store.count() == 0 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, run.stderr.read().decode() if run.stderr else ""
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL, "the batch ended before it could be killed"

    killed = store.count()
    assert 0 < killed < ROWS
    assert killed % CHUNK_ROWS == 0  # whole chunks only: a transaction holds whole chunks
    recorded = {r.transfer_id for r in store.records(Filters())}
    # The lines written completely before the kill (the last may be cut short): every one of
    # them was recorded first.
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n")[:-1]]
    assert {line["id"] for line in written} <= recorded
    for record in store.records(Filters()):
        decision = store.decision(record.id)  # every record is complete and readable
        assert decision.id == record.transfer_id
        assert decision.audit.input == record.transfer

    again = _batch(ledger, out, store_url)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()
    records = list(store.records(Filters()))
    assert len(records) == store.count() == ROWS
    assert len({r.transfer_id for r in records}) == ROWS
