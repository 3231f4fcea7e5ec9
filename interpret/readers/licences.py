"""Licences: held (with its number), or not held."""

from __future__ import annotations

import re

from dualuse.interpret.message import ICASE, Context, Facts, Message

LICENCES: list[tuple[bool, re.Pattern[str]]] = [
    (
        False,
        re.compile(
            r"\b(?:without|no|not\s+(?:yet\s+)?(?:have|hold|holding|got))\s+(?:a|an|any)?"
            r"\s*(?:export\s+)?licen[cs]es?\b",
            ICASE,
        ),
    ),
    (
        True,
        re.compile(
            r"\b(?:with|hold|holds|holding|have|has|got|under)\s+(?:a|an|the|our)?\s*"
            r"(?:export\s+)?licen[cs]e\b(?:\s*(?:no\.?|number|#)?\s*"
            r"(?P<number>[A-Z0-9][A-Z0-9\-/]{3,}))?",
            ICASE,
        ),
    ),
    (
        True,
        re.compile(
            r"\b(?:export\s+)?licen[cs]e\s*(?:no\.?|number|#)\s*(?P<number>[A-Z0-9][A-Z0-9\-/]{3,})"
            r"|\blicen[cs]e\s+(?P<number2>(?=[A-Z0-9\-/]*\d)[A-Z][A-Z0-9\-/]{3,})",
            ICASE,
        ),
    ),
]


def read(msg: Message, out: Facts, ctx: Context) -> None:
    """Read a licence held (with its number) or not held."""
    for held, rx in LICENCES:
        for m in msg.find(rx):
            words = msg.take(*m.span())
            number = m.groupdict().get("number") or m.groupdict().get("number2")
            value = ([number] if number else ["held (number not given)"]) if held else []
            out.set("licences", value, words=words, at=m.start())
            return
