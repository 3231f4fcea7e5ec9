"""Write ``features/README.md``: how to write scenarios, and every step of the vocabulary.

The vocabulary part is generated from the step library, so the README cannot drift from it;
``tests/test_features.py`` checks that the file on disk is what this module writes. Regenerate
with ``cd features && python -m dualuse_steps.readme > README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import given, law, then, when  # noqa: F401  (declares the steps)
from .library import VOCABULARY, StepDoc

SECTIONS = (
    "The transfer",
    "The item",
    "The parties",
    "End use",
    "What the exporter knows",
    "Licences",
    "Money",
    "Service providers",
    "Conduct",
    "Assessing",
    "Outcome",
    "Grounds",
    "Liability and penalties",
    "Questions",
    "Licence conditions",
    "The law past the sources",
    "Caveats",
)

TEMPLATE = Path(__file__).with_name("readme_template.md")
"""The README's words around the list of steps (``{steps}`` marks where it goes)."""


def _step_lines(doc: StepDoc) -> list[str]:
    keyword = {"given": "Given", "when": "When", "then": "Then"}[doc.kind]
    lines = [f"- **{keyword}** `{doc.template}`", f"  {doc.doc}", "  ```gherkin"]
    lines += [f"  {keyword} {example}" for example in doc.examples]
    if doc.table:
        width = max(len(field) for field, _ in doc.table)
        lines.append(f"    | {'field':<{width}} | value |")
        lines += [f"    | {field:<{width}} | {value} |" for field, value in doc.table]
    lines.append("  ```")
    return lines


def render() -> str:
    """The whole README."""
    lines: list[str] = []
    known = set(SECTIONS)
    missing = {doc.section for doc in VOCABULARY} - known
    if missing:
        raise ValueError(f"steps in sections the README does not list: {sorted(missing)}")
    for section in SECTIONS:
        docs = [doc for doc in VOCABULARY if doc.section == section]
        if not docs:
            continue
        lines += [f"### {section}", ""]
        for doc in docs:
            lines += _step_lines(doc)
        lines.append("")
    steps = "\n".join(lines).rstrip("\n")
    return TEMPLATE.read_text(encoding="utf-8").replace("{steps}", steps)


if __name__ == "__main__":  # pragma: no cover - a command for maintainers
    sys.stdout.write(render())
