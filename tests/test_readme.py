"""The README's embedding example runs as written, so the documentation cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_embedding_example_runs(capsys: object) -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Embedding", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None, "the README has an embedding example"
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), str(README), "exec"), namespace)  # the README's own example
    decision = namespace["decision"]
    assert decision.outcome == "prohibited"  # type: ignore[attr-defined]
