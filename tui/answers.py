"""Turn an answer to a question into a revised transfer, or into a narrower follow-up question.

The engine offers each answer with the change of the transfer it stands for (an
:class:`~dualuse.engine.AnswerOption`): the fields it sets, and what is still to be given when the
answer names no single value (which country, which listed company). The chat applies that data;
it never reads the answer's words back. Only what a person types is read, by the interpreter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from dualuse.engine import INPUT_FIELDS, AnswerOption, CatalogueEntry, Question, Transfer
from dualuse.interpret import set_fact
from dualuse.tui.replies import Ask
from pydantic import ValidationError


@dataclass(frozen=True)
class Answered:
    """The result of applying an answer: a transfer, or a follow-up question, or an error."""

    transfer: Transfer | None = None
    follow_up: Ask | None = None
    error: str | None = None


@dataclass(frozen=True)
class Offered(Ask):
    """A question of the decision, with the change each offered answer stands for."""

    answers: tuple[AnswerOption, ...] = dataclasses.field(default_factory=tuple)
    """One per option, in the same order."""


def ask_of(question: Question) -> Ask:
    """The engine's question as the chat asks it."""
    return Offered(
        field=question.field,
        question=question.question,
        reason=question.reason,
        options=list(question.options),
        values=list(question.options),
        free_text=not question.options,
        decisive=question.decisive,
        answers=tuple(question.answers),
    )


def choose(ask: Ask, typed: str) -> int | None:
    """The index of the option a typed answer picks ("2", "yes", "Japan"), or ``None``."""
    text = typed.strip().casefold().rstrip(".!")
    if not ask.options:
        return None
    if text.isdigit() and 1 <= int(text) <= len(ask.options):
        return int(text) - 1
    options = [o.casefold() for o in ask.options]
    if text in options:
        return options.index(text)
    starts = [i for i, o in enumerate(options) if text and o.startswith(text)]
    if len(starts) == 1:
        return starts[0]
    if text in ("y", "yep", "yes please"):
        return options.index("yes") if "yes" in options else None
    if text in ("n", "nope"):
        return options.index("no") if "no" in options else None
    return None


def apply(
    ask: Ask,
    transfer: Transfer,
    *,
    option: int | None,
    typed: str | None,
    catalogue: list[CatalogueEntry],
    today: dt.date,
) -> Answered:
    """Apply the chosen option (or the typed text, for a free-text question) to the transfer."""
    try:
        if option is None:
            if typed is None or not typed.strip():
                return Answered(error="Type an answer, or a number from the list.")
            return Answered(transfer=set_fact(transfer, ask.field, typed, today=today))
        if isinstance(ask, Offered) and option < len(ask.answers):
            return _offered(ask, ask.answers[option], transfer, catalogue)
        value = ask.values[option] if option < len(ask.values) else ask.options[option]
        if value is None and not (ask.free_text or ask.source == "interpreter"):
            return Answered(error="This answer needs a value.")
        return Answered(transfer=set_fact(transfer, ask.field, value, today=today))
    except ValueError as exc:
        return Answered(error=str(exc))


def _offered(
    ask: Ask, answer: AnswerOption, transfer: Transfer, catalogue: list[CatalogueEntry]
) -> Answered:
    """Make the answer's settings; ask for what it leaves to be given."""
    try:
        revised = answer.apply(transfer) if answer.sets else None
    except ValidationError as exc:
        return Answered(error=f"That answer does not fit the case: {exc.errors()[0]['msg']}.")
    then = answer.then
    if then is None:
        return Answered(transfer=revised or transfer)
    declared = INPUT_FIELDS.get(then.field)
    who = declared.label if declared is not None else "party"
    if then.among is not None:
        names = sorted(
            e.label for e in catalogue if e.kind == "party" and then.among in e.listed_as
        )
        follow_up = Ask(
            field=then.field,
            question=f"Which one is the {who}?",
            reason=f"you said: {answer.label}",
            options=names,
            values=list(names),
            source="interpreter",
        )
    elif declared is not None and declared.kind == "party":
        follow_up = Ask(
            field=then.field,
            question=f"What is the name of the {who}?",
            reason=f"you said: {answer.label}; the name is checked against the lists",
            options=[],
            free_text=True,
            source="follow-up",
        )
    else:
        follow_up = Ask(
            field=then.field,
            question="Which country? Type its name or ISO code."
            if declared is not None and declared.kind == "country"
            else f"What is the {who}?",
            reason=ask.reason,
            options=[],
            free_text=True,
            source="follow-up",
        )
    return Answered(transfer=revised, follow_up=follow_up)


def is_answer_like(text: str) -> bool:
    """True for short replies that can only be an answer ("2", "yes", "no", "unknown")."""
    return bool(re.fullmatch(r"\s*(?:\d{1,2}|yes|no|y|n|unknown|skip)\s*[.!]?\s*", text, re.I))
