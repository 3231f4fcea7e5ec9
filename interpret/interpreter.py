"""The free-text interpreter: a transfer question in plain words to a :class:`Transfer`.

It reads names of items and parties from the engine's catalogue (English, Chinese, Japanese names,
aliases, formulas), countries, dates, quantities, end uses, kinds of transfer, licences and amounts;
it says what it understood, from which words and how sure it is. A near match of a name is never
taken as a hit: it becomes a :class:`Clarification` to put to the user. It never decides.

>>> from datetime import date
>>> from dualuse.engine import Engine
>>> reader = Interpreter(Engine())
>>> r = reader.read("Dy2O3 to the JMSDF in March", today=date(2026, 1, 10))
>>> r.transfer.item.description, r.transfer.end_user.name, str(r.transfer.date)
('Dysprosium oxide and its mixtures', 'Japan Maritime Self-Defense Force', '2026-03-01')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from dualuse.engine import Transfer
from dualuse.interpret.message import ICASE, Context, Facts, Message, put
from dualuse.interpret.models import CatalogueSource, Reading, Speaker
from dualuse.interpret.names import NameIndex, normalise_name
from dualuse.interpret.readers import READERS
from dualuse.interpret.readers.places import country_code

__all__ = ["FOLLOW_UP", "Interpreter", "interpret", "speaker_of"]

FOLLOW_UP = re.compile(
    r"^\s*(?:and|but|ok|okay|so)?\s*,?\s*(?:what|how)\s+about\b|\bwhat\s+if\b"
    r"|^\s*(?:and|but|or)\s+(?:if|with|for|to)\b|^\s*if\b|\bsuppose\b|\bassum(?:e|ing)\b"
    r"|\binstead\b|\bwere\b|\bhad\s+been\b|^\s*same\b",
    ICASE,
)
"""A message put as a what-if on the current case."""


class Interpreter:
    """Reads messages with the names of one catalogue.

    Args:
        source: The engine (or anything with its catalogue and name matchers).
        speaker: The company "we" stand for, if the officer has said.
    """

    def __init__(self, source: CatalogueSource, *, speaker: Speaker | None = None) -> None:
        self.source = source
        self.index = NameIndex(source.catalogue())
        self.speaker = speaker

    def read(
        self,
        text: str,
        *,
        current: Transfer | None = None,
        today: dt.date,
        skip: Sequence[tuple[int, int]] = (),
    ) -> Reading:
        """Read one message.

        Args:
            text: What the user typed.
            current: The case under discussion; a follow-up revises it.
            today: The date relative dates ("next Monday", "in March") count from.
            skip: Spans of ``text`` already read by someone else (a chat's command words).

        Returns:
            The revised or new transfer, what was understood and what was not.
        """
        msg = Message(text)
        for start, end in skip:
            msg.take(start, end)
        follow_up = bool(FOLLOW_UP.search(msg.raw))
        facts = Facts()
        context = Context(self.index, self.source, today, self.speaker)
        for _name, reader in READERS:
            reader(msg, facts, context)
        subject = facts.has("item") and (
            facts.has("end_user.name") or facts.has("consignee.name") or facts.has("destination")
        )
        new_case = current is None or (not follow_up and subject)
        base = {} if new_case or current is None else current.model_dump(mode="json")
        transfer = Transfer.model_validate(_merge(base, facts.fields))
        understood = [u for _, u in sorted(facts.understood, key=lambda pair: pair[0])]
        return Reading(
            transfer=transfer,
            understood=understood,
            unresolved=msg.leftover(),
            clarifications=facts.clarifications,
            follow_up=follow_up,
            new_case=current is not None and new_case,
            quantity=facts.fields.get("quantity"),
            speaker_needed=facts.speaker_needed,
        )


def interpret(
    text: str,
    source: CatalogueSource,
    *,
    current: Transfer | None = None,
    today: dt.date,
    speaker: Speaker | None = None,
) -> Reading:
    """Read one message with a new :class:`Interpreter` (for many messages, keep one).

    Args:
        text: What the user typed.
        source: The engine whose catalogue and matchers name items and parties.
        current: The case under discussion; a follow-up revises it.
        today: The date relative dates count from.
        speaker: The company "we" stand for, if known.
    """
    return Interpreter(source, speaker=speaker).read(text, current=current, today=today)


def speaker_of(text: str) -> Speaker:
    """The company "we" stand for, from "Ganzhou Rare Earth Trading, CN" or "..., China".

    Raises:
        ValueError: When no name is given.
    """
    name, _, tail = text.strip().rpartition(",")
    code = country_code(tail) if name else None
    if code is None:
        name = text.strip()
    name = normalise_name(name.strip()) or name.strip()
    if not name:
        raise ValueError("give the company's name, and its country after a comma")
    return Speaker(name=name, country=code)


def _merge(base: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for field, value in fields.items():
        if field == "quantity":
            continue
        parts = field.split(".")
        if len(parts) == 2 and parts[1] == "name":
            # A new party replaces the old one whole: the old country belonged to the old name.
            out[parts[0]] = {}
        put(out, parts, value)
    return out
