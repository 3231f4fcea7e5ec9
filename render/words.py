"""Words for the parts of a decision: outcome names, citations, interpretation labels, money.

>>> outcome_label("license_required")
'Licence required'
>>> yuan(4000000)
'CNY 4,000,000'
"""

from __future__ import annotations

import re
from typing import Protocol

from dualuse.engine import OUTCOME_LABELS, Outcome

DECISIVE_LABELS: dict[str, str] = {
    "settles": "any answer settles the outcome",
    "settles_one_way": "one answer settles the outcome",
    "narrows": "the answer narrows the possible outcomes",
    "penalty": "the answer only sizes a penalty",
}

DECISIVE_ORDER: dict[str, int] = {"settles": 0, "settles_one_way": 1, "narrows": 2, "penalty": 3}
"""Most decisive first; questions of one rank keep the engine's order."""

REASON_LABELS: dict[str, str] = {
    "not_in_force": "not in force on that date",
    "input_unknown": "not known yet",
}
"""Why a rule did not apply, where the sentence alone does not say it."""


class CitationLike(Protocol):
    """What a report reads of a citation."""

    def text(self) -> str:
        """Instrument, article, paragraph, item."""
        ...


class InterpretationLike(Protocol):
    """What a report reads of an interpretation."""

    @property
    def by(self) -> str:
        """Who holds the reading."""
        ...

    @property
    def confidence(self) -> str:
        """How sure they are."""
        ...

    @property
    def reading(self) -> str:
        """The reading itself."""
        ...


def outcome_label(outcome: Outcome | str) -> str:
    """The outcome for people, e.g. ``Licence required``."""
    return OUTCOME_LABELS.get(outcome, outcome.replace("_", " ").capitalize())


def citation_text(citation: CitationLike | None) -> str:
    """The citation as one phrase, or an empty string when the rule has none."""
    return citation.text() if citation is not None else ""


def interpretation_label(interpretation: InterpretationLike) -> str:
    """``Interpretation (who, confidence):``, the label put before an adopted reading."""
    who = ", ".join(p for p in (interpretation.by, interpretation.confidence) if p)
    return f"Interpretation ({who}):" if who else "Interpretation:"


def yuan(amount: int) -> str:
    """An amount in whole yuan with thousands separators."""
    return f"CNY {amount:,}"


def fine_range(low: int, high: int) -> str:
    """A fine range; a single amount when both ends agree."""
    return yuan(low) if low == high else f"{yuan(low)} to {yuan(high)}"


def field_label(path: str) -> str:
    """A transfer field as words: ``end_use.military`` -> ``end use, military``."""
    parts = (p.replace("_cny", " (yuan)") for p in path.split(".") if not p.isdigit())
    return ", ".join(humanise(part) for part in parts)


def humanise(name: str) -> str:
    """An id such as ``prohibited_export`` as words: ``prohibited export``."""
    return name.replace("_", " ")


def join_or(values: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} or {values[-1]}"


_SECTION = r"(?:\s+(?:section\s+)?\d+(?:\.\d+)*)?"
_NOTES = r"(?:sources|glossary)\.md" + _SECTION
"""The rule base's research notes (``sources.md`` and ``glossary.md``), with a section number."""

_LAW_FILE = re.compile(r"(?:[^\s/()]+/)*([^\s/()]+)\((\d{4}-\d{2}-\d{2})\)\.md")
"""A law's text in the LawRefBook collection: ``经济法/出口管制法(2020-10-17).md``."""

_NOTES_ALONE = [
    (re.compile(r"\s*\(" + _NOTES + r"\)"), ""),  # "(sources.md section 1.5)"
    (re.compile(r"\s*[,;]\s*" + _NOTES + r"(?=\s*(?:[;,)]|$))"), ""),  # ", sources.md section 2"
    (
        re.compile(r"^" + _NOTES + r"\s*\(((?:[^()]|\([^()]*\))*)\)\s*$"),
        r"\1",
    ),  # "sources.md 6 (...)"
]
"""Where the notes are named beside the real source: the real source is kept, the notes dropped."""

_NOTES_NAMED = [
    (re.compile(r"\bsources\.md" + _SECTION), "dualuse's research notes"),
    (re.compile(r"\bglossary\.md" + _SECTION), "dualuse's glossary"),
]

_IN_BRACKETS = re.compile(
    r"\s*\((?:[^()]|\([^()]*\))*?\.(?:csv|md|dl|json)\b(?:\s+\d+(?:\.\d+)*)?\)"
)
_FILE = re.compile(
    r"\b(?:[\w-]+/)*[\w-]+\.(?:csv|md|dl|json)\b(?:\s+(?:section\s+)?\d+(?:\.\d+)*)?"
)
"""A file of the research or the rule base, with the section number that may follow it."""


def source_words(text: str) -> str:
    """A source note as a reader cites it, without the research's file names.

    A law's file becomes its name and date; the research notes are dropped where the note names
    the real source beside them, and named in words where they are the source.

    >>> source_words("English paraphrase of the LawRefBook/Laws text "
    ...              "(经济法/出口管制法(2020-10-17).md), sources.md section 2")
    'English paraphrase of the LawRefBook/Laws text (出口管制法 of 2020-10-17)'
    >>> source_words("sources.md 6 (gtlaw.com: military end-users); glossary.md")
    'gtlaw.com: military end-users'
    >>> source_words("quoted in sources.md (drafting-convention note)")
    "quoted in dualuse's research notes (drafting-convention note)"
    """
    text = _LAW_FILE.sub(r"\1 of \2", text)
    for pattern, words in (*_NOTES_ALONE, *_NOTES_NAMED):
        text = pattern.sub(words, text)
    text = _FILE.sub("the sources", _IN_BRACKETS.sub("", text))
    return re.sub(r"\s{2,}", " ", text).strip()
