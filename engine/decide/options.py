"""Answers offered to a question, each with the change of the transfer it stands for.

An :class:`AnswerOption` is what a person reads ("another Japanese organisation or person") and,
as data, the fields it sets and their JSON values, and what must still be given when the answer
names no single value (a follow-up: which country, which listed company). An interface applies an
answer with :meth:`AnswerOption.apply`; it never reads the label back.

>>> yes, no = yes_no("end_use.military")
>>> yes.apply(Transfer()).end_use.military, no.sets[0].value
(True, False)
>>> countries("origin")[2].then
FollowUp(field='origin', among=None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from dualuse.engine.decide.transfer import Transfer
from pydantic import BaseModel, ConfigDict

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

Value = str | int | bool | list[str] | None
"""A field's value as JSON: ``None`` is unknown."""

OTHER = "ZZ"
"""The country code standing for "some other country" (ISO 3166 user-assigned)."""


class Setting(BaseModel):
    """One field of a transfer set to one value."""

    model_config = _MODEL
    field: str
    """The dotted path of the field (``end_use.military``, ``service_providers[0].knew``)."""
    value: Value
    """The value, as the transfer's JSON holds it."""


class FollowUp(BaseModel):
    """A value an answer leaves to be given: typed, or picked from the parties on one list."""

    model_config = _MODEL
    field: str
    """The field still to fill in."""
    among: str | None = None
    """Pick one of the parties on this list (as a catalogue entry's ``listed_as`` names it:
    "military user", "control list", "watch list"); ``None``: the value is typed."""


class AnswerOption(BaseModel):
    """An answer offered to a question, with the change of the transfer it stands for."""

    model_config = _MODEL
    label: str
    """The answer as a person reads it."""
    sets: list[Setting] = []
    """The fields the answer sets, and their values."""
    then: FollowUp | None = None
    """What must still be given when the answer names no single value."""

    def apply(self, transfer: Transfer) -> Transfer:
        """``transfer`` with this answer's settings made (a follow-up is still to be asked).

        Args:
            transfer: The transfer the question was asked about.

        Raises:
            pydantic.ValidationError: When a value does not fit its field.
        """
        return revise(transfer, self.sets)


def revise(transfer: Transfer, settings: Iterable[Setting]) -> Transfer:
    """``transfer`` with each setting made, validated again.

    Args:
        transfer: The transfer to revise; it is not changed.
        settings: Fields and the values to give them.

    Raises:
        pydantic.ValidationError: When a value does not fit its field.
    """
    data = transfer.model_dump(mode="json")
    for setting in settings:
        _put(data, setting.field, setting.value)
    return Transfer.model_validate(data)


_STEP = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)(?:\[(?P<index>\d+)\])?$")


def _put(data: dict[str, Any], path: str, value: Value) -> None:
    node: Any = data
    steps = path.split(".")
    for i, step in enumerate(steps):
        m = _STEP.match(step)
        if m is None:
            raise ValueError(f"{path!r} is not a field path")
        name, index, last = m["name"], m["index"], i == len(steps) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                child = node.get(name)
                node[name] = node = child if isinstance(child, dict) else {}
            continue
        items = node.get(name) or []
        if int(index) >= len(items):
            raise ValueError(f"{path!r}: there is no entry {index}")
        if last:
            items[int(index)] = value
        else:
            node = items[int(index)]


def generic(path: str) -> str:
    """A concrete path with its list indexes as ``[]``: the path :data:`FIELDS` declares."""
    return re.sub(r"\[\d+\]", "[]", path)


def yes_no(path: str) -> tuple[AnswerOption, ...]:
    """The answers of a yes-or-no field."""
    return (
        AnswerOption(label="yes", sets=[Setting(field=path, value=True)]),
        AnswerOption(label="no", sets=[Setting(field=path, value=False)]),
    )


def countries(path: str) -> tuple[AnswerOption, ...]:
    """The answers of a country field: China, Japan, or another to name."""
    return (
        AnswerOption(label="China", sets=[Setting(field=path, value="CN")]),
        AnswerOption(label="Japan", sets=[Setting(field=path, value="JP")]),
        AnswerOption(label="another country", then=FollowUp(field=path)),
    )


def choices(path: str, values: Iterable[str]) -> tuple[AnswerOption, ...]:
    """The answers of a field holding one of ``values``, each labelled with its value."""
    return tuple(AnswerOption(label=v, sets=[Setting(field=path, value=v)]) for v in values)


LICENCE_NOT_NUMBERED = "held (number not given)"
"""The licence a transfer holds when a person says one is held without giving its number."""


def route_options(destination: str | None) -> tuple[AnswerOption, ...]:
    """The answers to "does the item pass through China?": routes ending at the destination."""
    end = [destination] if destination and destination != "CN" else []
    return (
        AnswerOption(label="through China", sets=[Setting(field="route", value=["CN", *end])]),
        AnswerOption(label="not through China", sets=[Setting(field="route", value=end)]),
    )


class PartyKind(BaseModel):
    """A kind of party a person can name when a party's name is not known."""

    model_config = _MODEL
    label: str
    """The answer as a person reads it."""
    table: str | None = None
    """The list it is on, as the rule base's table (``jp_military_user``)."""
    listed_as: str | None = None
    """The same list as a catalogue entry's ``listed_as`` names it."""
    country: str
    """Its country: ``JP``, ``CN`` or :data:`OTHER`."""

    def option(self, role: str) -> AnswerOption:
        """This kind as an answer to "who is the <role>?"."""
        name = f"{role}.name"
        if self.listed_as is not None:
            return AnswerOption(label=self.label, then=FollowUp(field=name, among=self.listed_as))
        sets = (
            [] if self.country == OTHER else [Setting(field=f"{role}.country", value=self.country)]
        )
        return AnswerOption(label=self.label, sets=sets, then=FollowUp(field=name))


PARTY_KINDS: tuple[PartyKind, ...] = (
    PartyKind(
        label="a Japanese military body (Ministry of Defense, SDF, ATLA)",
        table="jp_military_user",
        listed_as="military user",
        country="JP",
    ),
    PartyKind(
        label="a company on the control list",
        table="control_listed",
        listed_as="control list",
        country="JP",
    ),
    PartyKind(
        label="a company on the watch list",
        table="watch_listed",
        listed_as="watch list",
        country="JP",
    ),
    PartyKind(label="another Japanese organisation or person", country="JP"),
    PartyKind(label="an organisation or person outside Japan and China", country=OTHER),
    PartyKind(label="a Chinese organisation or person", country="CN"),
)
"""The answers to "who is the end user?" (and the other parties) when no name is given."""


def confirm_options(role: str, label: str) -> tuple[AnswerOption, ...]:
    """The answers to "is this name the listed party ``label``?"."""
    name = f"{role}.name"
    return (
        AnswerOption(label=f"yes, it is {label}", sets=[Setting(field=name, value=label)]),
        AnswerOption(label="no, another party", then=FollowUp(field=name)),
    )


def entry_options(entries: Iterable[tuple[str, str, str | None]]) -> tuple[AnswerOption, ...]:
    """The answers to "which catalogue entry is this item?", then "none of these".

    Args:
        entries: Each candidate as shown (its name and code), its name and its code.
    """
    out = [
        AnswerOption(
            label=f"it is {shown}",
            sets=[
                Setting(field="item.description", value=name),
                Setting(field="item.code", value=code),
            ],
        )
        for shown, name, code in entries
    ]
    out.append(AnswerOption(label="none of these", then=FollowUp(field="item.description")))
    return tuple(out)
