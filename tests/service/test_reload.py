"""A changed rule base is swapped in (POST /admin/reload, SIGHUP) while requests keep coming."""

from __future__ import annotations

import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from dualuse.cli.sources import bundled_rules

ORDER = {
    "date": "2026-03-02",
    "transfer": "export",
    "item": {"description": "dysprosium oxide"},
    "end_user": {"name": "Japan Maritime Self-Defense Force"},
    "destination": "JP",
}
KEY = {"X-API-Key": "k-ops"}


def change(rules: Path, note: str) -> None:
    """Change a rule file (a comment: the digest changes, the law does not)."""
    path = rules / "ecl_art2_export.dl"
    path.write_text(path.read_text(encoding="utf-8") + f"\n// {note}\n", encoding="utf-8")


def test_reloads_swap_the_rules_without_dropping_a_request(tmp_path: Path, serve: Any) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules(), rules, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    env = {"DUALUSE_API_KEYS": "k-ops"}
    with serve(tmp_path, "--rules", str(rules), env=env) as running, running.client() as http:
        first = http.get("/healthz").json()["rules_digest"]
        seen: list[tuple[int, str | None]] = []
        lock = threading.Lock()

        def client_loop() -> None:
            with running.client(headers=KEY) as mine:
                for _ in range(40):  # bounded: stops by itself
                    answer = mine.post("/v1/decisions", json=ORDER)
                    digest = (
                        answer.json()["decision"]["audit"]["rules_digest"]
                        if answer.status_code == 200
                        else None
                    )
                    with lock:
                        seen.append((answer.status_code, digest))

        clients = [threading.Thread(target=client_loop) for _ in range(4)]
        for thread in clients:
            thread.start()
        time.sleep(0.5)

        change(rules, "reloaded through the admin endpoint")
        reloaded = http.post("/admin/reload", headers=KEY)
        assert reloaded.status_code == 200, reloaded.text
        second = reloaded.json()["rules_digest"]
        assert second != first
        assert http.get("/healthz").json()["rules_digest"] == second

        change(rules, "reloaded on SIGHUP")
        running.signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while http.get("/healthz").json()["rules_digest"] == second:
            assert time.monotonic() < deadline, "SIGHUP did not reload the rules"
            time.sleep(0.1)
        third = http.get("/healthz").json()["rules_digest"]
        assert third not in (first, second)

        for thread in clients:
            thread.join()
        assert len(seen) == 160
        assert {status for status, _ in seen} == {200}, seen
        assert {digest for _, digest in seen} <= {first, second, third}
        assert len({digest for _, digest in seen}) >= 2  # requests straddled a reload
        after = http.post("/v1/decisions", json=ORDER, headers=KEY).json()
        assert after["decision"]["audit"]["rules_digest"] == third
        assert after["decision"]["outcome"] == "prohibited"

        # A rule base with an error is refused, and the rules in use stay.
        (rules / "broken.dl").write_text("this is not a rule\n", encoding="utf-8")
        broken = http.post("/admin/reload", headers=KEY)
        assert broken.status_code == 422
        assert "broken.dl" in broken.json()["error"]["message"]
        assert http.get("/healthz").json()["rules_digest"] == third


def _digests(url: str, tries: int = 16) -> set[str]:
    """The digests /healthz reports over fresh connections (which reach either worker)."""
    return {httpx.get(f"{url}/healthz", timeout=30).json()["rules_digest"] for _ in range(tries)}


def _workers(server: Any) -> set[int]:
    """The worker processes of the server (the children of its parent process)."""
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
    return {int(child) for child in children.split()}


def test_with_two_workers_every_worker_reloads_in_place(tmp_path: Path, serve: Any) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules(), rules, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    env = {"DUALUSE_API_KEYS": "k-ops"}
    with serve(tmp_path, "--rules", str(rules), "--workers", "2", env=env) as running:
        time.sleep(2)  # both workers loaded
        (first,) = _digests(running.url)
        pids = _workers(running)
        assert len(pids) >= 2

        change(rules, "reloaded through one worker")
        answer = httpx.post(f"{running.url}/admin/reload", headers=KEY, timeout=60)
        assert answer.status_code == 200
        second = answer.json()["rules_digest"]
        time.sleep(3)  # the other worker sees the stamp within a second, then loads
        assert _digests(running.url) == {second} != {first}

        change(rules, "reloaded on SIGHUP to the parent")
        running.signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while _digests(running.url) != {third := _expected(rules)}:
            assert time.monotonic() < deadline, "SIGHUP did not reload every worker"
            time.sleep(0.5)
        assert third not in (first, second)
        assert _workers(running) == pids  # reloaded in place: the same processes


def _expected(rules: Path) -> str:
    from dualuse.engine import Engine

    return Engine(rules_dir=rules).rules_digest
