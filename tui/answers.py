"""Turn an answer to a question into a revised transfer, or into a narrower follow-up question.

The engine offers answers in words ("China", "another country", "a company on the control list").
Some name a value the transfer can hold at once; others need one more, concrete answer (which
country, which listed company), asked as a follow-up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dualuse.engine import CatalogueEntry, Question, Transfer
from dualuse.interpret import set_fact
from dualuse.tui.replies import Ask

_COUNTRY_OPTIONS = {"china": "CN", "japan": "JP"}
_LISTS = {
    "military": "military user",
    "control list": "control list",
    "watch list": "watch list",
}


@dataclass(frozen=True)
class Answered:
    """The result of applying an answer: a transfer, or a follow-up question, or an error."""

    transfer: Transfer | None = None
    follow_up: Ask | None = None
    error: str | None = None


def ask_of(question: Question) -> Ask:
    """The engine's question as the chat asks it."""
    return Ask(
        field=question.field,
        question=question.question,
        reason=question.reason,
        options=list(question.options),
        values=list(question.options),
        free_text=not question.options,
        decisive=question.decisive,
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
        value = ask.values[option] if option < len(ask.values) else ask.options[option]
        label = ask.options[option]
        if ask.source == "interpreter" or (value is None and ask.free_text):
            return Answered(transfer=set_fact(transfer, ask.field, value, today=today))
        if value is None:
            return Answered(error="This answer needs a value.")
        return _engine_option(ask, transfer, value, label, catalogue, today)
    except ValueError as exc:
        return Answered(error=str(exc))


def _engine_option(
    ask: Ask,
    transfer: Transfer,
    value: str,
    label: str,
    catalogue: list[CatalogueEntry],
    today: dt.date,
) -> Answered:
    field = ask.field
    key = value.casefold()
    if field.endswith(".name"):
        return _party_option(ask, transfer, key, label, catalogue, today)
    if field == "route":
        return Answered(transfer=_set_route(transfer, through_china=not key.startswith("not")))
    if field == "licences":
        held = key.startswith("y")
        return Answered(
            transfer=set_fact(
                transfer, field, "held (number not given)" if held else "none", today=today
            )
        )
    if key in _COUNTRY_OPTIONS:
        return Answered(transfer=set_fact(transfer, field, _COUNTRY_OPTIONS[key], today=today))
    if key.startswith("another country"):
        return Answered(
            follow_up=Ask(
                field=field,
                question="Which country? Type its name or ISO code.",
                reason=ask.reason,
                options=[],
                free_text=True,
                source="follow-up",
            )
        )
    if key.startswith("yes, it is "):
        return Answered(
            transfer=set_fact(transfer, field, value[len("yes, it is ") :], today=today)
        )
    return Answered(transfer=set_fact(transfer, field, value, today=today))


def _set_route(transfer: Transfer, *, through_china: bool) -> Transfer:
    route = ["CN"] if through_china else []
    if transfer.destination and transfer.destination not in route:
        route.append(transfer.destination)
    return Transfer.model_validate({**transfer.model_dump(mode="json"), "route": route})


def _party_option(
    ask: Ask,
    transfer: Transfer,
    key: str,
    label: str,
    catalogue: list[CatalogueEntry],
    today: dt.date,
) -> Answered:
    role = ask.field.rsplit(".", 1)[0]
    if key.startswith("yes, it is "):
        return Answered(
            transfer=set_fact(transfer, ask.field, label[len("yes, it is ") :], today=today)
        )
    for word, listed in _LISTS.items():
        if word in key:
            names = sorted(
                e.label for e in catalogue if e.kind == "party" and listed in e.listed_as
            )
            return Answered(
                follow_up=Ask(
                    field=ask.field,
                    question=f"Which one is the {role.replace('_', ' ')}?",
                    reason=f"you said: {label}",
                    options=names,
                    values=list(names),
                    source="interpreter",
                )
            )
    country = "JP" if "japanese" in key else "CN" if "chinese" in key else None
    revised = transfer
    if country is not None:
        revised = set_fact(revised, f"{role}.country", country, today=today)
    return Answered(
        transfer=revised,
        follow_up=Ask(
            field=ask.field,
            question=f"What is the name of the {role.replace('_', ' ')}?",
            reason=f"you said: {label}; the name is checked against the lists",
            options=[],
            free_text=True,
            source="follow-up",
        ),
    )


def is_answer_like(text: str) -> bool:
    """True for short replies that can only be an answer ("2", "yes", "no", "unknown")."""
    return bool(re.fullmatch(r"\s*(?:\d{1,2}|yes|no|y|n|unknown|skip)\s*[.!]?\s*", text, re.I))
