r"""The one input guard: hostile JSON becomes an input error naming the field, never a crash.

Every way a transfer reaches the engine passes here: the command line's JSON reading, each line
of a batch, the HTTP service, and every mapping that becomes a :class:`Transfer` (its
before-validator calls :func:`check_document`). A document is refused, with the field named, when

- a string or a field name holds a lone surrogate (``"\ud800"``): it is not Unicode text and
  could not be written out again;
- it nests deeper than :data:`LIMITS.depth <Limits>` levels of objects and lists;
- a string is longer than ``LIMITS.string`` characters, a field name longer than
  ``LIMITS.name``, or a list holds more than ``LIMITS.items`` entries.

>>> check_document({"item": {"description": "dysprosium oxide"}})
>>> try:
...     check_document({"item": {"description": "a\ud800"}})
... except InputError as exc:
...     print(exc.field, "|", exc.message)
item.description | not valid Unicode text: a lone surrogate at character 2
>>> try:
...     read_json('{"route": ' + "[" * 5000 + "]" * 5000 + "}")
... except InputError as exc:
...     print(exc.field[:12], "|", exc.message)
route[0][0][ | nested deeper than 16 levels of objects and lists
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dualuse.engine.errors import InputError


@dataclass(frozen=True)
class Limits:
    """How large a transfer document may be; the defaults are :data:`LIMITS`."""

    depth: int = 16
    """Levels of objects and lists (a transfer itself uses three: transfer, list, provider)."""
    string: int = 4_000
    """Characters in one string (a description, a name, an id)."""
    name: int = 100
    """Characters in one field name."""
    items: int = 1_000
    """Entries in one list (route, licences, service providers, conduct)."""


LIMITS = Limits()
"""The limits every path applies."""


def _path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(transfer)"


def _surrogate(text: str) -> int | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _check_string(text: str, where: list[str | int], limits: Limits) -> None:
    at = _surrogate(text)
    if at is not None:
        raise InputError(
            f"not valid Unicode text: a lone surrogate at character {at + 1}", field=_path(where)
        )
    if len(text) > limits.string:
        raise InputError(
            f"{len(text):,} characters; at most {limits.string:,} are accepted",
            field=_path(where),
        )


def _check_name(name: object, where: list[str | int], limits: Limits) -> str:
    if not isinstance(name, str):
        raise InputError("field names must be text", field=_path(where))
    if _surrogate(name) is not None:
        raise InputError("a field name here is not valid Unicode text", field=_path(where))
    if len(name) > limits.name:
        raise InputError(
            f"a field name here has {len(name):,} characters; at most {limits.name} are accepted",
            field=_path(where),
        )
    return name


def check_document(value: Any, limits: Limits = LIMITS) -> None:
    """Check a JSON-like value (dicts, lists, strings, numbers) against the limits.

    Raises:
        InputError: naming the field of the first problem found.
    """
    # An explicit stack, not recursion: a document nested past Python's recursion limit must be
    # refused like any other.
    stack: list[tuple[Any, list[str | int], int]] = [(value, [], 0)]
    while stack:
        node, where, depth = stack.pop()
        if isinstance(node, str):
            _check_string(node, where, limits)
        elif isinstance(node, dict | list):
            if depth >= limits.depth:
                raise InputError(
                    f"nested deeper than {limits.depth} levels of objects and lists",
                    field=_path(where),
                )
            if isinstance(node, dict):
                for key, child in node.items():
                    stack.append((child, [*where, _check_name(key, where, limits)], depth + 1))
            else:
                if len(node) > limits.items:
                    raise InputError(
                        f"{len(node):,} entries; at most {limits.items:,} are accepted",
                        field=_path(where),
                    )
                stack.extend((child, [*where, n], depth + 1) for n, child in enumerate(node))


def _too_deep_at(text: str, limits: Limits) -> list[str | int]:
    """The path where ``text`` first nests past ``limits.depth`` (a scan, no recursion)."""
    frames: list[list[Any]] = []  # [kind, key or index, expecting a key]
    n, size = 0, len(text)
    while n < size:
        char = text[n]
        if char == '"':
            end = n + 1
            while end < size and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if frames and frames[-1][0] == "obj" and frames[-1][2]:
                try:
                    frames[-1][1] = json.loads(text[n : end + 1])
                except ValueError:
                    frames[-1][1] = "?"
                frames[-1][2] = False
            n = end
        elif char in "[{":
            if len(frames) >= limits.depth:
                break
            frames.append(["arr", 0, False] if char == "[" else ["obj", None, True])
        elif char in "]}" and frames:
            frames.pop()
        elif char == "," and frames:
            if frames[-1][0] == "arr":
                frames[-1][1] += 1
            else:
                frames[-1][2] = True
        n += 1
    return [f[1] if f[1] is not None else "?" for f in frames]


def read_json(text: str | bytes, limits: Limits = LIMITS) -> Any:
    """Parse a JSON document and check it against the limits.

    Raises:
        InputError: the document is not JSON (``field`` is ``None``; the message has line and
            column), or breaks a limit (naming the field).
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise InputError(
            f"nested deeper than {limits.depth} levels of objects and lists",
            field=_path(_too_deep_at(text, limits)),
        ) from None
    check_document(value, limits)
    return value
