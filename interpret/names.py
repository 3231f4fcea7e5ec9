"""Names: the one name normaliser of the interpreter, and the index of the catalogue's names.

``normalise_name`` is the single place a party or item name is brought to its comparable core
(company suffixes and "the" dropped); every reader calls it. The index is built once per
:class:`~dualuse.interpret.Interpreter` from the catalogue it is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from dualuse.engine import normalise_name as engine_normalise_name
from dualuse.interpret.models import Entry

__all__ = [
    "PREFIX_BEFORE",
    "SUFFIX_AFTER",
    "NameIndex",
    "ends_a_name",
    "in_a_name",
    "normalise",
    "normalise_name",
]

_I = re.IGNORECASE

_SUFFIX = (
    r"(?:,?\s*(?:co\.?,?\s*ltd\.?|company\s+limited|corporation|corp\.?|k\.\s?k\.?|kk|inc\.?"
    r"|ltd\.?|limited|llc|gmbh|plc|co\.?)|\s*(?:株式会社|有限公司|股份有限公司|公司))"
)
SUFFIX_AFTER = re.compile(r"^" + _SUFFIX + r"(?![A-Za-z])", _I)
PREFIX_BEFORE = re.compile(r"(?:株式会社\s*|\bthe\s+)$", _I)


_COMPANY_WORD = re.compile(
    r"[ \t]+(?:[A-Z][\w&'.\-]*[ \t]+){0,3}?(?:Exports?|Imports?|Trading|Trade|Materials?|Metals?"
    r"|Industr(?:y|ies)|Group|Co\b|Company|Corp\b|Corporation|Ltd\b|Limited|Inc\b"
    r"|Technolog(?:y|ies)|Tech|Mining|Resources|Chemicals?|Smelting|Holdings?|Science"
    r"|Solutions|Systems|Electric|Electronics|Works|Enterprises?)\b"
)
"""Words that end a company's name: "Export" in "Yunnan Germanium Export"."""
_NAME_WORD_BEFORE = re.compile(
    r"(?<![\w&'.\-])(?!(?:For|To|The|A|An|We|Our|Is|Are|Can|Could|May|Please|Hi|Dear|Re|End"
    r"|Use|Used|In|On|At|By|Of|And|Or|It|This|That|Ship|Export|Send|Sell|Supply|Item|Goods)\b)"
    r"[A-Z][\w&'\-]*[ \t]+(?:(?:and|&)[ \t]+)?$"
)
"""A capitalised word just before, not one that starts a sentence ("For defence use")."""


def ends_a_name(raw: str, start: int, end: int) -> bool:
    """Whether the capitalised words at ``start:end`` are followed by a company word.

    >>> ends_a_name("from Yunnan Germanium Export", 12, 21)
    True
    >>> ends_a_name("Germanium ingots to Sony", 0, 9)
    False
    """
    return raw[start : start + 1].isupper() and _COMPANY_WORD.match(raw, end) is not None


def in_a_name(raw: str, start: int, end: int) -> bool:
    """Whether the capitalised words at ``start:end`` continue a name or end in a company word.

    >>> in_a_name("to Sony Semiconductor Solutions for image sensors", 8, 21)
    True
    >>> in_a_name("Semiconductor equipment for Tokyo Electron", 0, 13)
    False
    >>> in_a_name("For Defense applications", 4, 11)
    False
    """
    if not raw[start : start + 1].isupper():
        return False
    return ends_a_name(raw, start, end) or _NAME_WORD_BEFORE.search(raw, 0, start) is not None


def normalise(text: str) -> str:
    """NFKC-normalise a message: full-width letters, digits and signs become ASCII."""
    return unicodedata.normalize("NFKC", text)


def normalise_name(name: str) -> str:
    """A name's comparable core: the one name normaliser of the interpreter.

    Company suffixes ("Co., Ltd.", "Corporation", "K.K.", "株式会社") and a leading "the" are
    dropped: "the TDK Corporation" and "TDK" compare equal. It is the engine's normaliser, so
    the chat and the JSON path read a name the same way.
    """
    return engine_normalise_name(name, fold=False)


@dataclass(frozen=True)
class _Name:
    pattern: re.Pattern[str]
    entry_id: str
    kind: str
    label: str
    country: str | None
    length: int


def _name_pattern(name: str) -> re.Pattern[str] | None:
    core = normalise_name(normalise(name))
    if not core:
        return None
    words = []
    for part in re.split(r"[\s\-_.,/]+", core):
        if not part:
            continue
        piece = re.escape(part)
        if part.isascii() and part.isalpha() and len(part) > 3:
            piece += "(?:s|es)?"
        words.append(piece)
    body = r"[\s\-_.,/]*".join(words)
    left = r"(?<![A-Za-z0-9])" if core[0].isascii() and core[0].isalnum() else ""
    right = r"(?![A-Za-z0-9])" if core[-1].isascii() and core[-1].isalnum() else ""
    # Short ASCII names (TDK, MOD, GaN, Ga) match only as written: "mod" or "ga" are not names.
    short = core.isascii() and len(core.replace(" ", "")) <= 3
    return re.compile(left + body + right, 0 if short else _I)


class NameIndex:
    """Every name and alias of a catalogue as a pattern, longest first."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        """Build the patterns of every entry's names (English, Chinese, Japanese, formulas)."""
        self.names: list[_Name] = []
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries[entry.id] = entry
            seen: set[str] = set()
            for name in [entry.label, *entry.names]:
                key = normalise(name).casefold().strip()
                if not key or key in seen:
                    continue
                seen.add(key)
                pattern = _name_pattern(name)
                if pattern is not None:
                    label, kind, country = entry.label, entry.kind, entry.country
                    self.names.append(_Name(pattern, entry.id, kind, label, country, len(key)))
        self.names.sort(key=lambda n: -n.length)

    def items(self) -> list[Entry]:
        """The item entries."""
        return [e for e in self.entries.values() if e.kind == "item"]
