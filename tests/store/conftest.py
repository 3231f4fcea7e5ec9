"""Fixtures for the records store: a SQLite and a PostgreSQL store, decisions to record.

The PostgreSQL server is started once per session, in a temporary folder. Where none can
be started the PostgreSQL tests are skipped with the reason, except under ``CI=true``, where
they fail: CI installs PostgreSQL, so a missing server there is a broken build.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from dualuse.cli.sources import bundled_rules
from dualuse.engine import Decision, Engine
from dualuse.store import Entry, Store

JMSDF = "Japan Maritime Self-Defense Force"

# --- a throwaway PostgreSQL server ---------------------------------------------------------------
# Debian's ``postgresql`` package provides ``initdb`` and ``pg_ctl`` under
# /usr/lib/postgresql/<version>/bin (.ci/run installs it). initdb refuses to run as root, so as
# root the cluster is made and run as the ``postgres`` user, in a temporary folder, loopback only.


class NoServer(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise NoServer("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise NoServer("running as root and there is no 'postgres' user to run initdb") from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise NoServer("running as root and runuser is missing")
    return [runuser, "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise NoServer(f"{Path(command[-1]).name}: {done.stderr.strip() or done.stdout.strip()}")


@contextlib.contextmanager
def pg_server() -> Iterator[str]:
    """Start a server; yields the URL of an empty database ``records``."""
    bin_dir = _binaries()
    prefix = _as_user()
    top = Path(tempfile.mkdtemp(prefix="dualuse-pg-"))
    top.chmod(0o755)
    data = top / "data"
    data.mkdir()
    if prefix:
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    try:
        _run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
            ]
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off"
        _run(
            [
                *prefix,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(data / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        try:
            import psycopg

            with psycopg.connect(
                f"host=127.0.0.1 port={port} user=postgres dbname=postgres", autocommit=True
            ) as conn:
                conn.execute("CREATE DATABASE records")
            yield f"postgresql://postgres@127.0.0.1:{port}/records"
        finally:
            subprocess.run(
                [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
                check=False,
            )
    finally:
        shutil.rmtree(top, ignore_errors=True)


def transfer(ident: str, **extra: Any) -> dict[str, Any]:
    """A fully known export from Ganzhou to a Japanese civilian user (licence required)."""
    base: dict[str, Any] = {
        "id": ident,
        "date": "2026-03-02",
        "transfer": "export",
        "origin": "CN",
        "item": {"description": "gallium", "kind": "goods"},
        "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
        "consignee": {"name": "Tokyo Widgets", "country": "JP", "located_in": "JP"},
        "end_user": {"name": "Tokyo Widgets", "country": "JP", "located_in": "JP"},
        "destination": "JP",
        "route": ["JP"],
        "end_use": {"military": False, "helps_military_strength": False},
        "exporter_knowledge": {
            "wmd": False,
            "terrorism": False,
            "national_security": False,
            "notified": False,
        },
        "licences": [],
        "turnover_cny": 300_000,
    }
    base.update(extra)
    return base


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="session")
def decisions(engine: Engine) -> list[Decision]:
    """Twelve decisions of different transfers (no proofs: fast), on the bundled rules."""
    return [engine.decide(transfer(f"SO-{n:03d}"), explain=False) for n in range(12)]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    try:
        with pg_server() as url:
            yield url
    except NoServer as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI and could not be started: {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")


def _fresh_pg_database(server: str) -> str:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    admin = server.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records.db'}"
    return _fresh_pg_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.db'}"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of the bundled rules in a folder of its own, free to change."""
    target = tmp_path / "rules"
    shutil.copytree(bundled_rules(), target, ignore=shutil.ignore_patterns("*.md", "__pycache__"))
    return target


RecordAll = Callable[[Store, list[Decision]], list[str]]


@pytest.fixture
def record_all() -> RecordAll:
    def run(store: Store, items: list[Decision]) -> list[str]:
        store.save_rules(bundled_rules(), items[0].audit.rules_digest)
        return store.record([Entry(decision=d, user="tester", explained=False) for d in items])

    return run
