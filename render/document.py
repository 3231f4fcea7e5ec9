"""A report as neutral structure: sections of nested items made of styled spans.

The report builders (``report``, ``proofs``) say *what* a report contains; the formatters
(``text``, ``markdown``) say how it looks. Spans carry a style, never markup, so names and
sentences taken from the rules or the input are escaped by each formatter for its own syntax.

>>> item = Item(lines=(line(code("ecl_art12"), " applies"),))
>>> [s.text for s in item.lines[0]]
['ecl_art12', ' applies']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Style = Literal["plain", "code", "strong", "em"]
"""How a span is shown: ``code`` for ids and fields, ``strong`` for labels, ``em`` for asides."""


@dataclass(frozen=True)
class Span:
    """A run of text in one style."""

    text: str
    style: Style = "plain"


Line = tuple[Span, ...]
"""One line of a report: spans shown side by side."""


def line(*parts: str | Span) -> Line:
    """Build a line from spans; a bare string is a plain span, empty strings are dropped."""
    spans = (p if isinstance(p, Span) else Span(p) for p in parts)
    return tuple(s for s in spans if s.text)


def code(text: str) -> Span:
    """A rule id, a field name or a value as written."""
    return Span(text, "code")


def strong(text: str) -> Span:
    """A label that leads a line."""
    return Span(text, "strong")


def em(text: str) -> Span:
    """An aside, such as a note that something is unknown."""
    return Span(text, "em")


def plain_text(spans: Line) -> str:
    """The words of a line without styles."""
    return "".join(s.text for s in spans)


@dataclass(frozen=True)
class Item:
    """A list entry: a first line, continuation lines, and nested entries."""

    lines: tuple[Line, ...]
    children: tuple[Item, ...] = ()
    folded: bool = False
    """The children are detail a reader opens on demand (the chat shows them collapsed)."""


@dataclass(frozen=True)
class Paragraph:
    """A line of prose outside any list."""

    line: Line


@dataclass(frozen=True)
class Items:
    """A list of entries; ``numbered`` when their order carries meaning."""

    items: tuple[Item, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Code:
    """A preformatted block, such as the input as JSON."""

    text: str
    language: str = ""


Block = Paragraph | Items | Code


@dataclass(frozen=True)
class Section:
    """A titled part of a report."""

    title: str
    blocks: tuple[Block, ...]
    key: str = ""
    """What the section is about (``grounds``, ``why_not``, ...): an interface opens some."""


@dataclass(frozen=True)
class Report:
    """A whole report: a title, the headline facts, then the sections."""

    title: str
    headline: tuple[Line, ...]
    sections: tuple[Section, ...]
