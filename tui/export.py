"""Export the current case to a file in the current folder, as Markdown or JSON.

Both carry the transfer, the decision with its proof trees, and the audit record needed to replay
it. The Markdown is the report of ``dualuse.render`` followed by the full JSON record.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from dualuse.engine import Decision, Transfer
from dualuse.render import render_markdown

Format = Literal["markdown", "json"]


def case_json(transfer: Transfer, decision: Decision) -> dict[str, Any]:
    """The case as one JSON object: the transfer, the decision (with proofs) and the audit."""
    return {
        "transfer": transfer.model_dump(mode="json", exclude_none=True),
        "decision": decision.model_dump(mode="json"),
    }


def case_markdown(transfer: Transfer, decision: Decision) -> str:
    """The case as Markdown: the report, then the full JSON record (proof and audit)."""
    record = json.dumps(case_json(transfer, decision), ensure_ascii=False, indent=2)
    report = render_markdown(decision).rstrip()
    return f"{report}\n\n## Full record (JSON: proof and audit)\n\n```json\n{record}\n```\n"


def export_case(
    transfer: Transfer,
    decision: Decision,
    fmt: Format,
    *,
    folder: Path | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Write the case to ``folder`` (the current folder by default); return the file's path."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    name = f"dualuse-case-{stamp}-{decision.outcome}"
    target = (folder or Path.cwd()) / (name + (".md" if fmt == "markdown" else ".json"))
    if fmt == "json":
        text = json.dumps(case_json(transfer, decision), ensure_ascii=False, indent=2) + "\n"
    else:
        text = case_markdown(transfer, decision)
    target.write_text(text, encoding="utf-8")
    return target
