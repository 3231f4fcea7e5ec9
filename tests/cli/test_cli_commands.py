"""``schema``, ``chat`` and ``coverage``, the console script's last-resort guard, and imports."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from dualuse.cli import main as main_module
from dualuse.cli.main import app, main
from typer.testing import CliRunner


def test_schema_transfer_documents_the_input_fields(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "transfer"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "Transfer"
    assert schema["additionalProperties"] is False
    assert {"date", "item", "end_user", "end_use", "route"} <= set(schema["properties"])
    assert "unknown" in schema["description"]


def test_schema_decision_documents_the_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "decision"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "Decision"
    assert schema["properties"]["outcome"]["enum"] == [
        "prohibited", "license_required", "not_controlled", "out_of_scope", "undetermined",
    ]  # fmt: skip


def test_schema_of_something_else_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "ledger"])
    assert result.exit_code == 2


def test_chat_builds_the_app_with_the_factory_and_runs_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []

    class FakeApp:
        def run(self) -> None:
            ran.append("run")

    fake = types.ModuleType("dualuse.tui.app")
    fake.make_app = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dualuse.tui.app", fake)
    result = runner.invoke(app, ["chat"])
    assert result.exit_code == 0, result.output
    assert ran == ["run"]


def test_coverage_delegates_and_passes_on_the_exit_code(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[Path | None] = []

    def run(report: Path | None) -> int:
        seen.append(report)
        return 3

    fake = types.ModuleType("dualuse.cli.coverage")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dualuse.cli.coverage", fake)
    result = runner.invoke(app, ["coverage", "--report", str(tmp_path / "c.md")])
    assert result.exit_code == 3
    assert seen == [tmp_path / "c.md"]


def test_the_command_line_does_not_load_textual_or_pytest_until_asked() -> None:
    code = (
        "import sys, dualuse.cli.main; "
        "print(sorted(m for m in ('textual', 'pytest', 'dualuse.tui') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_main_turns_an_escaped_exception_into_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise ValueError("no")

    monkeypatch.setattr(main_module, "app", broken)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 70
    assert capsys.readouterr().err.startswith("error: internal error: ValueError: no")


def test_the_console_script_exits_2_on_bad_input_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "from dualuse.cli.main import main; main()", "decide", "-"],
        input='{"end_use": {"military": 3.5}}',
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: end_use.military: must be true or false")
    assert "Traceback" not in proc.stderr
