"""What the interpreter returns: the facts it read, the words they came from, what it asks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from dualuse.engine import Match, Transfer
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CatalogueSource", "Clarification", "Entry", "Reading", "Speaker", "Understood"]

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Understood(BaseModel):
    """One fact the interpreter read, with the words it came from."""

    model_config = _MODEL
    field: str
    """The transfer field, e.g. ``end_user.name`` (``quantity`` is kept as text only)."""
    value: str
    """The value set, in words."""
    words: str
    """The words of the message it came from."""
    confidence: float = Field(ge=0.0, le=1.0)
    """How sure the reading is: 1.0 for an exact name, less for inferred values."""
    note: str = ""
    """How it was read, e.g. "listed name" or "next March after 2026-01-10"."""


class Clarification(BaseModel):
    """Words that came close to a name, or fit several: asked, never assumed."""

    model_config = _MODEL
    field: str
    """The transfer field the answer fills."""
    words: str
    """The words typed."""
    question: str
    """The question to put to the user."""
    options: list[str]
    """The answers offered."""
    values: list[str]
    """The value each option sets, in the order of ``options``."""
    score: float | None = None
    """The best match score (0-100), for a near match."""


class Reading(BaseModel):
    """What the interpreter made of one message."""

    model_config = _MODEL
    transfer: Transfer
    """The transfer after this message: the current one revised, or a new one."""
    understood: list[Understood]
    """Every fact read, in the order of the words."""
    unresolved: list[str]
    """Words it could not place."""
    clarifications: list[Clarification] = Field(default_factory=list)
    """Near matches and ambiguous names to confirm before deciding."""
    follow_up: bool = False
    """True when the message is put as a what-if on the current case ("and if ...")."""
    new_case: bool = False
    """True when the message starts a new case rather than revising the current one."""
    quantity: str | None = None
    """A quantity as typed ("2 t"); the transfer has no field for it."""
    speaker_needed: bool = False
    """True when the message speaks as "we" but nobody has said who "we" are."""


class Speaker(BaseModel):
    """The company an officer speaks for: "we", "our" and "us" in their messages."""

    model_config = _MODEL
    name: str = Field(min_length=1)
    """The company's name."""
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    """Its country, an ISO code."""

    def __str__(self) -> str:
        return f"{self.name}, {self.country}" if self.country else self.name


class Entry(Protocol):
    """A catalogue entry as the interpreter reads it (the engine's ``CatalogueEntry``)."""

    @property
    def id(self) -> str:
        """The entry's id."""
        ...

    @property
    def kind(self) -> str:
        """The entry's kind."""
        ...

    @property
    def label(self) -> str:
        """The entry's label."""
        ...

    @property
    def names(self) -> Sequence[str]:
        """The entry's names."""
        ...

    @property
    def country(self) -> str | None:
        """The entry's country."""
        ...

    @property
    def code(self) -> str | None:
        """The entry's code."""
        ...


class CatalogueSource(Protocol):
    """What the interpreter needs from an engine: its catalogue and its name matchers."""

    def catalogue(self) -> Sequence[Entry]:
        """Items and parties with all their names."""
        ...

    def match_item(self, text: str) -> Match:
        """Match an item description."""
        ...

    def match_party(self, text: str) -> Match:
        """Match a party name."""
        ...
