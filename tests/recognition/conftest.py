"""The recognition corpus: item lines and party names as trade documents write them.

The engine is the session engine of ``tests/conftest.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent


def corpus(name: str) -> list[dict[str, str]]:
    """The rows of a corpus file (comment rows start with ``#``)."""
    with (HERE / name).open(newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if not r["text"].startswith("#")]
