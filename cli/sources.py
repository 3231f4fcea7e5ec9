"""Where a command's input comes from: JSON files or stdin, dates, and the rule folder.

Every problem becomes a :class:`~dualuse.cli.guard.BadInput` whose message names the file, the
place in it or the option, so the guard can print it in one line.

>>> parse_day("2026-03-02", "--as-of")
datetime.date(2026, 3, 2)
"""

from __future__ import annotations

import importlib
import sys
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from dualuse.cli.guard import BadInput
from dualuse.engine import Engine, InputError
from dualuse.engine import read_json as read_document

STDIN = "-"


def parse_day(value: str | None, option: str) -> date | None:
    """An ISO date given on the command line, or ``None`` when the option was left out."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(f"{option}: must be a date YYYY-MM-DD, got {value!r}") from None


def read_text(path: Path) -> str:
    """The UTF-8 text of a file, with a clear message when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None


def parse_json(text: str, source: str) -> Any:
    """Parse JSON text through the engine's input guard.

    Raises:
        BadInput: a syntax error, naming the source, line and column.
        InputError: a document past the guard's limits (nesting, string length, lone
            surrogates), naming the field.
    """
    try:
        return read_document(text)
    except InputError as exc:
        if exc.field is None:
            raise BadInput(f"{source}: {exc.message}") from None
        raise


def read_json(file: str | None) -> Any:
    """The JSON value of ``file``, or of stdin when ``file`` is ``-`` or left out."""
    if file is None or file == STDIN:
        if file is None and sys.stdin.isatty():
            raise BadInput("no transfer given: name a JSON file, or pipe one in with '-'")
        return parse_json(sys.stdin.read(), "<stdin>")
    return parse_json(read_text(Path(file)), file)


def bundled_rules() -> Path:
    """The rule folder shipped with dualuse."""
    # A data-only namespace package: its folder is found through the import system, which knows
    # both a checkout (editable install) and a wheel.
    package = importlib.import_module("dualuse.rules")
    for entry in getattr(package, "__path__", ()):
        folder = Path(entry)
        if folder.is_dir() and any(folder.glob("*.dl")):
            return folder
    raise BadInput("the bundled rule folder is missing from this installation")


def rules_folder(folder: Path | None) -> Path:
    """The folder given, checked to exist, or the bundled rules."""
    if folder is None:
        return bundled_rules()
    if not folder.exists():
        raise BadInput(f"{folder}: no such folder")
    if not folder.is_dir():
        raise BadInput(f"{folder}: not a folder")
    return folder


@cache
def load_engine(folder: Path | None = None) -> Engine:
    """An engine over ``folder`` (default: the bundled rules), loaded once per process.

    Raises:
        RuleBaseError: the folder has errors (``dualuse rules check`` lists them).
    """
    return Engine() if folder is None else Engine(rules_dir=rules_folder(folder))
