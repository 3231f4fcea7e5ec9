"""Schema migrations: a new store is created, an older one migrated, a newer one refused."""

from __future__ import annotations

import json
from pathlib import Path

import dualuse.store.migrations as migrations
import pytest
from alembic import command
from alembic.config import Config
from dualuse.cli.main import app
from dualuse.store import Filters, Store, StoreError
from dualuse.store.schema import connect, current_revision, head_revision
from sqlalchemy import text
from typer.testing import CliRunner


def _upgrade(url: str, revision: str) -> None:
    engine = connect(url)
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_a_new_store_gets_the_latest_schema(store_url: str) -> None:
    store = Store(store_url)
    with store.engine.connect() as connection:
        assert current_revision(connection) == head_revision() == "0002"


def test_a_store_of_the_first_schema_is_migrated_on_first_use_and_keeps_its_records(
    store_url: str,
) -> None:
    _upgrade(store_url, "0001")
    engine = connect(store_url)
    with engine.begin() as c:
        c.execute(
            text("INSERT INTO rulebase (digest, stored_at, files) VALUES ('d', :t, 0)"),
            {"t": "2026-03-01T00:00:00+00:00"},
        )
        c.execute(
            text(
                'INSERT INTO decision (id, idem_key, recorded_at, "user", source, transfer_key,'
                " transfer_id, transfer_date, as_of, outcome, engine_version, rules_digest,"
                " rules_folder, explained, parties, item, transfer, decision) VALUES"
                " ('00000000-0000-0000-0000-000000000001', 'k', :t, 'old desk', 'decide', 'SO-1',"
                " 'SO-1', :d, :d, 'prohibited', '0.0.9', 'd', 'rules', :e, 'JMSDF', 'gallium',"
                " :tr, :blob)"
            ),
            {
                "t": "2026-03-01T00:00:00+00:00",
                "d": "2026-03-01",
                "e": True,
                "tr": json.dumps({"id": "SO-1"}),
                "blob": b"x",
            },
        )
    with engine.connect() as c:
        assert current_revision(c) == "0001"
    engine.dispose()

    store = Store(store_url)
    with store.engine.connect() as c:
        assert current_revision(c) == "0002"
    [record] = list(store.records(Filters()))
    assert (record.transfer_id, record.user, record.supersedes) == ("SO-1", "old desk", None)


def test_a_store_from_a_newer_dualuse_is_refused_with_a_clear_message(
    store_url: str, tmp_path: Path
) -> None:
    Store(store_url).close()
    engine = connect(store_url)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"newer version of dualuse \(schema revision 0099"):
        Store(store_url)
    result = CliRunner().invoke(app, ["records", "list", "--db", store_url])
    assert result.exit_code == 1
    assert "newer version of dualuse" in result.output
    assert "Traceback" not in result.output


def test_an_unusable_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        Store("no such thing")
    with pytest.raises(StoreError, match="no folder"):
        Store("sqlite:////no/such/folder/records.db")
