"""What one turn of the chat produces: replies as data, rendered by the chat screen's widgets.

The session (``session.py``) makes these in a worker thread; widgets only render them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from dualuse.engine import Decision, Outcome, RuleInfo, Transfer
from dualuse.interpret import Understood


@dataclass(frozen=True)
class Note:
    """A plain message from the app (help, an error, a hint)."""

    text: str
    tone: str = "info"
    """``info``, ``warning`` or ``error``."""


@dataclass(frozen=True)
class UnderstoodReply:
    """What the interpreter read, shown before the verdict."""

    understood: list[Understood]
    unresolved: list[str]
    revised: bool
    """True when the message revised the current case rather than starting one."""
    quantity: str | None = None


@dataclass(frozen=True)
class Ask:
    """A question to the user, with why it is asked and the answers offered."""

    field: str
    question: str
    reason: str
    options: list[str]
    values: list[str | None] = dataclasses.field(default_factory=list)
    """What each option sets; ``None`` means a follow-up question picks the value."""
    free_text: bool = False
    """True when the user types the answer."""
    source: str = "engine"
    """``engine`` (a question of the decision) or ``interpreter`` (a near match to confirm)."""
    decisive: str = ""


@dataclass(frozen=True)
class VerdictReply:
    """A decision to show, with the transfer it was made on."""

    decision: Decision
    transfer: Transfer
    previous: Outcome | None = None
    """For a what-if: the outcome before the change."""
    focus: str = "all"
    """Which part to open: ``all``, ``why``, ``liability``, ``penalties``."""
    fresh_interpretations: list[str] = dataclasses.field(default_factory=list)
    """Rules whose interpretation this session has not shown yet: shown in full once."""


@dataclass(frozen=True)
class ChangedReply:
    """What a message or an answer changed in the case: (field in words, was, now)."""

    changes: list[tuple[str, str, str]]


@dataclass(frozen=True)
class WhyNotReply:
    """Why one or every other outcome was not reached."""

    decision: Decision
    outcome: Outcome | None


@dataclass(frozen=True)
class ArticleReply:
    """The words of the law behind a rule."""

    rules: list[RuleInfo]
    heading: str


@dataclass(frozen=True)
class LiabilityReply:
    """Who is liable, on what basis, with penalties."""

    decision: Decision


@dataclass(frozen=True)
class HelpReply:
    """The short help shown in the conversation."""


Reply = (
    Note
    | UnderstoodReply
    | ChangedReply
    | Ask
    | VerdictReply
    | WhyNotReply
    | ArticleReply
    | LiabilityReply
    | HelpReply
)
