"""The message being read and the facts read from it, shared by every reader.

A reader is a function ``(message, facts, context) -> None``: it finds its words in the message
(only among the characters no earlier reader took), takes them, and sets facts. The readers run in
the order :data:`dualuse.interpret.readers.READERS` declares.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from dualuse.interpret.models import CatalogueSource, Clarification, Speaker, Understood
from dualuse.interpret.names import NameIndex, normalise

__all__ = ["STOPWORDS", "Context", "Facts", "Message", "Reader", "alternation", "put", "show"]

ICASE = re.IGNORECASE
"""The flag most of the readers' patterns use."""


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


STOPWORDS = set(
    """
    a an the to of for in on at by from via with and or but if is are was were be been being it
    its this that these those we i you our my your can could may might must should would will
    shall do does did done what which who whom whose how why when where there here please ok
    okay so allowed allow permitted legal ship ships shipping shipped sell selling send sending
    sent export exports exporting exported provide providing transfer transferring move moving
    use used using end user users about into onto any some all per us me they them their also
    then than as let lets let's check tell want need like going go get got have has had make
    made not no yes case question instead suppose assume assuming same else new under over
    through quantity company corporation firm customer buyer maker manufacturer is-it 出口 向 给 到
    和 的 に を へ で は が と の する 輸出 ください 吗 可以 吗 是否
    """.split()  # noqa: SIM905 - a word list reads better as words
)
"""Words that carry no fact on their own."""


@dataclass(frozen=True)
class Context:
    """What a reader may consult besides the message."""

    index: NameIndex
    """The catalogue's names."""
    source: CatalogueSource
    """The engine's name matchers, for near matches."""
    today: dt.date
    """The day relative dates count from."""
    speaker: Speaker | None = None
    """The company "we" stand for, when the officer has said."""


class Message:
    """The message, with a mask of the characters already read."""

    def __init__(self, text: str) -> None:
        self.raw = normalise(text)
        self.used = [False] * len(self.raw)

    def free(self, start: int, end: int) -> bool:
        """True when no reader has taken a character of ``[start, end)``."""
        return not any(self.used[start:end])

    def take(self, start: int, end: int) -> str:
        """Mark ``[start, end)`` as read and return its words."""
        for i in range(start, end):
            self.used[i] = True
        return self.raw[start:end].strip()

    def find(self, rx: re.Pattern[str]) -> list[re.Match[str]]:
        """The matches of ``rx`` among the characters not yet read."""
        return [m for m in rx.finditer(self.raw) if m.end() > m.start() and self.free(*m.span())]

    def leftover(self) -> list[str]:
        """The words no reader took, less the words that carry no fact."""
        chars = [" " if used else c for c, used in zip(self.raw, self.used, strict=True)]
        out = []
        for word in re.findall(r"[\w'&\-]+", "".join(chars)):
            key = word.casefold().strip("-'")
            if not key or key in STOPWORDS or (key.isdigit() and len(key) < 3):
                continue
            out.append(word)
        return out


class Facts:
    """Facts read from one message, as nested JSON-style values."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.understood: list[tuple[int, Understood]] = []
        self.clarifications: list[Clarification] = []
        self.fields: dict[str, Any] = {}
        self.speaker_needed = False

    def set(
        self,
        field: str,
        value: Any,
        *,
        words: str,
        at: int,
        confidence: float = 1.0,
        note: str = "",
        shown: str | None = None,
    ) -> None:
        """Set a fact, with the words it came from; a later value of a field replaces it."""
        self.fields[field] = value
        text = shown if shown is not None else show(value)
        understood = Understood(
            field=field, value=text, words=words, confidence=confidence, note=note
        )
        self.understood = [(a, u) for a, u in self.understood if u.field != field]
        self.understood.append((at, understood))

    def has(self, prefix: str) -> bool:
        """True when a field, or a field under ``prefix`` (``end_user``), is set."""
        return any(f == prefix or f.startswith(prefix + ".") for f in self.fields)


def show(value: Any) -> str:
    """A value in words: yes/no, a list joined, "none" for an empty list."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)


def put(data: dict[str, Any], parts: list[str], value: Any) -> None:
    """Set a dotted field in nested JSON-style data, copying the dicts on the way."""
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        node[part] = dict(child) if isinstance(child, dict) else {}
        node = node[part]
    node[parts[-1]] = value


Reader = Callable[[Message, Facts, Context], None]
"""A reader: takes its words from the message and sets facts."""
