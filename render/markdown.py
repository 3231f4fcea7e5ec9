r"""A decision as a Markdown report (CommonMark with GitHub's extensions), for files and exports.

Text from the rules and the input is escaped, so a name such as ``*Acme* [JP]`` shows as typed
and cannot inject links or emphasis; rule ids and fields are code spans.

>>> print(escape("a*b_[c]"))
a\*b\_\[c\]
"""

from __future__ import annotations

import re

from dualuse.engine import Decision
from dualuse.render.document import Code, Item, Items, Line, Paragraph, Report, Section, Span
from dualuse.render.report import build_report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
_BREAK = "\\"
"""CommonMark hard line break: a backslash at the end of a line."""


def escape(text: str) -> str:
    """Escape Markdown punctuation so that ``text`` shows literally."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def _code(text: str) -> str:
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or fence != "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _span(span: Span) -> str:
    if span.style == "code":
        return _code(span.text)
    text = escape(span.text)
    if span.style == "strong":
        return f"**{text}**"
    if span.style == "em":
        return f"*{text}*"
    return text


def _line(spans: Line) -> str:
    text = "".join(_span(s) for s in spans)
    # A line that starts like a list marker or a heading underline would change the structure.
    return _LINE_START.sub(_escape_marker, text, count=1)


def _escape_marker(match: re.Match[str]) -> str:
    # Escape the punctuation that makes the marker: "-", "+", "=", or the "." of "1.".
    lead, marker = match.group(1), match.group(2)
    return f"{lead}\\{marker}" if not marker.isdigit() else f"{lead}{marker}\\"


def _item(item: Item, marker: str, indent: str) -> list[str]:
    cont = indent + " " * len(marker)
    texts = [_line(text) for text in item.lines] or [""]
    out = [
        (indent + marker if n == 0 else cont) + text + (_BREAK if n < len(texts) - 1 else "")
        for n, text in enumerate(texts)
    ]
    for child in item.children:
        out += _item(child, "- ", cont)
    return out


def _items(block: Items) -> list[str]:
    out: list[str] = []
    for n, item in enumerate(block.items, start=1):
        out += _item(item, f"{n}. " if block.numbered else "- ", "")
    return out


def _fence(block: Code) -> list[str]:
    runs = [len(r) for r in re.findall(r"`{3,}", block.text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [fence + block.language, *block.text.splitlines(), fence]


def _section(section: Section) -> list[str]:
    out = [f"## {escape(section.title)}"]
    for block in section.blocks:
        out.append("")
        if isinstance(block, Paragraph):
            out.append(_line(block.line))
        elif isinstance(block, Items):
            out += _items(block)
        elif isinstance(block, Code):
            out += _fence(block)
    return out


def format_markdown(report: Report) -> str:
    """Lay out a report as Markdown."""
    headline = [_line(text) for text in report.headline]
    out = [f"# {escape(report.title)}", ""]
    out += [text + (_BREAK if n < len(headline) - 1 else "") for n, text in enumerate(headline)]
    for section in report.sections:
        out += ["", *_section(section)]
    return "\n".join(out) + "\n"


def render_markdown(decision: Decision) -> str:
    """The decision as a Markdown report.

    Args:
        decision: The engine's decision.

    Returns:
        The report, starting with a level-1 heading and ending with a newline.
    """
    return format_markdown(build_report(decision))
