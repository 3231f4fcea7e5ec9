"""Who "we" are: read from words, kept in the settings file, given on the command line."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from dualuse.cli.main import app
from dualuse.interpret import Speaker, speaker_of
from dualuse.tui import settings
from typer.testing import CliRunner


@pytest.mark.parametrize(
    ("typed", "name", "country"),
    [
        ("Ganzhou Rare Earth Trading, CN", "Ganzhou Rare Earth Trading", "CN"),
        ("Baotou Magnet Works Co., Ltd., China", "Baotou Magnet Works", "CN"),
        ("Sojitz", "Sojitz", None),
    ],
)
def test_speaker_of_reads_a_name_and_a_country(typed: str, name: str, country: str | None) -> None:
    assert speaker_of(typed) == Speaker(name=name, country=country)


def test_speaker_of_refuses_no_name() -> None:
    with pytest.raises(ValueError, match="name"):
        speaker_of("  ")


def test_settings_are_saved_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "chat.json"
    assert settings.load(path) == (settings.Settings(), None)
    settings.save(settings.Settings(speaker=Speaker(name="Ganzhou", country="CN")), path)
    loaded, problem = settings.load(path)
    assert problem is None and loaded.speaker == Speaker(name="Ganzhou", country="CN")


def test_a_bad_settings_file_is_ignored_with_the_field_named(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_text('{"speaker": {"name": "Ganzhou", "country": "China"}}', encoding="utf-8")
    loaded, problem = settings.load(path)
    assert loaded.speaker is None
    assert problem is not None and "speaker.country" in problem and str(path) in problem


def test_chat_as_passes_the_company_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []

    class FakeApp:
        def __init__(self, engine: object = None, *, speaker: str | None = None) -> None:
            seen.append(speaker)
            self.records_url: str | None = None

        def run(self) -> None:
            seen.append("run")

    fake = types.ModuleType("dualuse.tui.app")
    fake.make_app = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dualuse.tui.app", fake)
    result = CliRunner().invoke(app, ["chat", "--as", "Ganzhou Rare Earth Trading, CN"])
    assert result.exit_code == 0, result.output
    assert seen == ["Ganzhou Rare Earth Trading, CN", "run"]
    bad = CliRunner().invoke(app, ["chat", "--as", " "])
    assert bad.exit_code == 2 and "--as" in bad.output
