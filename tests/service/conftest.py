"""A real ``dualuse serve`` on a free loopback port, called with httpx as a client would."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

LOOPBACK = "127.0.0.1"
HASH_SEED = "0"
"""Every server here, and the engine it is compared with, runs with this ``PYTHONHASHSEED``.

An item's reading lists its elements in the iteration order of a set ("gallium, arsenic,
indium" in one process, "gallium, indium, arsenic" in another), which follows the string hash
seed; the reading is in the decision's matches and proofs. With one seed for both sides the
comparison is exact."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """A running ``dualuse serve`` process and a client for it."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.log = log

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]

    def signal(self, number: signal.Signals) -> None:
        self.process.send_signal(number)


@contextmanager
def serving(
    tmp: Path, *args: str, env: dict[str, str] | None = None, host: str = LOOPBACK
) -> Iterator[Server]:
    """Start ``dualuse serve`` with ``args``; yields once /healthz answers ready."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DUALUSE_")}
    environment["PYTHONHASHSEED"] = HASH_SEED
    # Every server records (the default), in a store of its own: never the user's.
    environment["DUALUSE_DB"] = f"sqlite:///{tmp / f'records-{port}.db'}"
    environment.update(env or {})
    command = [sys.executable, "-c", "from dualuse.cli.main import main; main()", "serve"]
    command += ["--host", host]
    command += ["--port", str(port), *args]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=environment)
    url = f"http://{LOOPBACK}:{port}"
    server = Server(process, url, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise AssertionError(f"the server stopped: {log.read_text()}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"the server did not get ready: {log.read_text()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


Serving = Callable[..., AbstractContextManager[Server]]


@pytest.fixture(scope="session")
def serve() -> Serving:
    """:func:`serving`: start a server of one's own, with other options."""
    return serving


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One service with the default settings for the whole session."""
    with serving(tmp_path_factory.mktemp("serve")) as running:
        yield running


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as http:
        yield http


ENGINE_DECIDES = """
import datetime as dt, json, sys
from dualuse.engine import Engine, Transfer
engine = Engine()
for line in sys.stdin:
    r = json.loads(line)
    day = dt.date.fromisoformat(r["as_of"]) if r.get("as_of") else None
    d = engine.decide(Transfer.model_validate(r["transfer"]), day, explain=r.get("explain", True))
    sys.stdout.write(d.model_dump_json() + "\\n")
"""


def decide_in_engine(records: list[dict[str, Any]]) -> list[Any]:
    """``Engine.decide`` on each ``{"transfer", "as_of", "explain"}``, in a process with the
    servers' hash seed; the decisions as JSON data."""

    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
    run = subprocess.run(
        [sys.executable, "-c", ENGINE_DECIDES],
        input="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.fixture(scope="session")
def engine_decisions() -> Callable[[list[dict[str, Any]]], list[Any]]:
    """:func:`decide_in_engine`: what ``Engine.decide`` answers, to compare the service with."""
    return decide_in_engine
