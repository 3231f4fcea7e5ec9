"""A decision as a plain-text report for a terminal or a log: indented, wrapped, no markup.

>>> from dualuse.engine import Engine
>>> decision = Engine().decide({
...     "date": "2026-01-05", "transfer": "bonded-zone", "destination": "CN",
...     "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"}})
>>> render_text(decision).splitlines()[2].startswith("Outcome: Out of scope")
True
"""

from __future__ import annotations

import textwrap

from dualuse.engine import Decision
from dualuse.render.document import Code, Item, Items, Line, Paragraph, Report, Section, plain_text
from dualuse.render.report import build_report

_INDENT = "  "


def _wrap(text: str, first: str, rest: str, width: int | None) -> list[str]:
    if width is None or len(first) + len(text) <= width:
        return [first + text]
    return textwrap.wrap(
        text,
        width=max(width, len(first) + 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _item(item: Item, marker: str, depth: int, width: int | None) -> list[str]:
    pad = _INDENT * depth
    cont = pad + " " * len(marker)
    out: list[str] = []
    for n, text in enumerate(item.lines):
        out += _wrap(plain_text(text), pad + marker if n == 0 else cont, cont, width)
    for child in item.children:
        out += _item(child, "- ", depth + 1, width)
    return out


def _items(block: Items, width: int | None) -> list[str]:
    out: list[str] = []
    for n, item in enumerate(block.items, start=1):
        out += _item(item, f"{n}. " if block.numbered else "- ", 0, width)
    return out


def _section(section: Section, width: int | None) -> list[str]:
    out = [section.title, "-" * len(section.title)]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            out += _wrap(plain_text(block.line), "", "", width)
        elif isinstance(block, Items):
            out += _items(block, width)
        elif isinstance(block, Code):
            out += [(_INDENT * 2 + row).rstrip() for row in block.text.splitlines()]
    return out


def _lines(lines: tuple[Line, ...], width: int | None) -> list[str]:
    out: list[str] = []
    for text in lines:
        out += _wrap(plain_text(text), "", _INDENT, width)
    return out


def format_text(report: Report, *, width: int | None = 100) -> str:
    """Lay out a report as plain text, wrapping lines at ``width`` (``None``: never wrap)."""
    out = [report.title, "=" * len(report.title), *_lines(report.headline, width)]
    for section in report.sections:
        out += ["", *_section(section, width)]
    return "\n".join(out) + "\n"


def render_text(decision: Decision, *, width: int | None = 100) -> str:
    """The decision as a plain-text report.

    Args:
        decision: The engine's decision.
        width: Wrap lines at this many characters; ``None`` never wraps.

    Returns:
        The report, ending with a newline.
    """
    return format_text(build_report(decision), width=width)
