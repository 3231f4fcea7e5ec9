"""The transfer's fields as paths: validating input with messages that name the field.

pydantic's errors carry a location (``("end_user", "country")``) and a message written for
programmers; these become ``end_user.country: must be a two-letter ISO country code ...``.

>>> dotted(("service_providers", 0, "name"))
'service_providers[0].name'
>>> leaf("end_user.name"), leaf("route"), leaf("end_user.nmae")
('scalar', 'list', None)
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Any, Literal, Union, get_args, get_origin

from dualuse.engine import InputError, Transfer
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

Leaf = Literal["scalar", "list"]
"""A field holding one value, or a list of plain values (``route``, ``licences``)."""

_MESSAGES = {
    "missing": "is required",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "greater_than_equal": "must be 0 or more",
    "string_type": "must be text",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "date_type": "must be a date YYYY-MM-DD",
}


def dotted(loc: Sequence[int | str]) -> str:
    """``("service_providers", 0, "name")`` as ``service_providers[0].name``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(transfer)"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_list(a) for a in get_args(annotation))
    return False


def model_at(path: Sequence[int | str]) -> type[BaseModel] | None:
    """The model whose fields sit at ``path`` (``()`` is the transfer itself)."""
    model: type[BaseModel] = Transfer
    for part in path:
        if isinstance(part, int) or part.isdigit():
            continue
        field = model.model_fields.get(part)
        inner = _model_in(field.annotation) if field is not None else None
        if inner is None:
            return None
        model = inner
    return model


def field_names(path: Sequence[int | str]) -> list[str]:
    """The field names allowed at ``path``."""
    model = model_at(path)
    return list(model.model_fields) if model is not None else []


def _got(value: Any) -> str:
    if isinstance(value, str | int | float | bool):
        shown = repr(value)
        return f", got {shown[:60]}…" if len(shown) > 60 else f", got {shown}"
    return ""


def message(error: ErrorDetails) -> str:
    """A pydantic error as a sentence about the value (without the field)."""
    kind = error["type"]
    if kind == "extra_forbidden":
        where = dotted(error["loc"][:-1])
        owner = "the transfer" if where == "(transfer)" else where
        return f"unknown field; {owner} has the fields {', '.join(field_names(error['loc'][:-1]))}"
    if kind.startswith("date_"):
        reason = error["msg"].partition(", ")[2]
        base = "must be a date YYYY-MM-DD" + (f" ({reason})" if reason else "")
        return base + _got(error.get("input"))
    text = _MESSAGES.get(kind)
    if text is None:
        text = error["msg"].replace("Value error, ", "").replace("Input should be", "must be")
    return text + ("" if kind == "missing" else _got(error.get("input")))


def input_error(exc: ValidationError) -> InputError:
    """The first problem names the field; the others follow it, each with its own field."""
    problems = [(dotted(e["loc"]), message(e)) for e in exc.errors()]
    field, text = problems[0]
    if len(problems) > 1:
        text += "; also " + "; ".join(f"{f}: {m}" for f, m in problems[1:])
    return InputError(text, field=field)


def kind_of(value: object) -> str:
    """The JSON kind of a value, for messages."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    for py, name in names.items():
        if isinstance(value, py):
            return name
    return "null" if value is None else "a number"


def to_transfer(data: object) -> Transfer:
    """Validate a JSON value as a transfer.

    Raises:
        InputError: naming the field, e.g. ``end_user.country``.
    """
    if not isinstance(data, dict):
        raise InputError(f"a transfer must be a JSON object, got {kind_of(data)}", field=None)
    try:
        return Transfer.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc) from None


def leaf(column: str) -> Leaf | None:
    """What a dotted column such as ``end_user.name`` or ``service_providers.0.name`` holds.

    ``None`` when it names no field of the transfer, or names an object rather than a value.
    """
    model: type[BaseModel] = Transfer
    parts = column.split(".")
    n = 0
    while n < len(parts):
        field = model.model_fields.get(parts[n])
        if field is None:
            return None
        inner = _model_in(field.annotation)
        if inner is None:
            if n != len(parts) - 1:
                return None
            return "list" if _is_list(field.annotation) else "scalar"
        if _is_list(field.annotation):
            n += 1
            if n >= len(parts) or not parts[n].isdigit():
                return None
        model = inner
        n += 1
    return None
