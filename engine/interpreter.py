"""The free-text interpreter: a transfer question in plain words to a :class:`Transfer`.

It reads names of items and parties from the engine's catalogue (English, Chinese, Japanese names,
aliases, formulas), countries, dates, quantities, end uses, kinds of transfer and amounts, and says
what it understood, from which words and how sure it is. A near match of a name is never taken as a
hit: it becomes a :class:`Clarification`. The interpreter never decides.

>>> from datetime import date
>>> from dualuse.engine import Engine
>>> r = interpret("Dy2O3 to the JMSDF in March", Engine(), today=date(2026, 1, 10))
>>> r.transfer.item.description, r.transfer.end_user.name, str(r.transfer.date)
('Dysprosium oxide and its mixtures', 'Japan Maritime Self-Defense Force', '2026-03-01')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from dualuse.engine import lexicon as lx
from dualuse.engine.decision import Match, Outcome
from dualuse.engine.transfer import Transfer

Intent = Literal[
    "assess",
    "what_if",
    "why",
    "why_not",
    "show_article",
    "who_is_liable",
    "fine_for",
    "help",
    "answer",
    "reset",
]
"""What the user asks for."""

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Understood(BaseModel):
    """One fact the interpreter read, with the words it came from."""

    model_config = _MODEL
    field: str
    """The transfer field, e.g. ``end_user.name`` (``quantity`` is kept as text only)."""
    value: str
    """The value set, in words."""
    words: str
    """The words of the question it came from."""
    confidence: float = Field(ge=0.0, le=1.0)
    """How sure the reading is: 1.0 for an exact name, lower for inferred values."""
    note: str = ""
    """How it was read, e.g. "catalogue alias" or "next March after 2026-01-10"."""


class Clarification(BaseModel):
    """Words that came close to a name: asked, never assumed."""

    model_config = _MODEL
    field: str
    """The transfer field the answer fills."""
    words: str
    """The words typed."""
    question: str
    """The question to put to the user."""
    options: list[str]
    """The answers offered (labels)."""
    values: list[str | None]
    """The value each option sets (``None``: leave the field unknown)."""
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
    intent: Intent
    """What the user asks for."""
    target: Outcome | None = None
    """For ``why_not``: the outcome asked about."""
    clarifications: list[Clarification] = Field(default_factory=list)
    """Near matches and ambiguous names to confirm before deciding."""
    new_case: bool = False
    """True when the message starts a new case rather than revising the current one."""
    quantity: str | None = None
    """A quantity as typed ("2 t"); the transfer has no field for it."""


class _Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def names(self) -> list[str]: ...
    @property
    def country(self) -> str | None: ...


class CatalogueSource(Protocol):
    """What the interpreter needs from an engine: its catalogue and its name matchers."""

    def catalogue(self) -> Sequence[_Entry]:
        """Items and parties with their names."""
        ...

    def match_item(self, text: str) -> Match:
        """Match an item description."""
        ...

    def match_party(self, text: str) -> Match:
        """Match a party name."""
        ...


# --- the names index -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Name:
    pattern: re.Pattern[str]
    entry_id: str
    kind: str
    label: str
    country: str | None
    length: int


def _name_pattern(name: str) -> re.Pattern[str] | None:
    core = lx.strip_suffixes(lx.normalise(name))
    if not core:
        return None
    parts = re.split(r"[\s\-_.,/]+", core)
    words = []
    for part in parts:
        if not part:
            continue
        piece = re.escape(part)
        if part.isascii() and part.isalpha() and len(part) > 3:
            piece += "(?:s|es)?"
        words.append(piece)
    body = r"[\s\-_.,/]*".join(words)
    ascii_edge = core[0].isascii() and core[0].isalnum()
    left = r"(?<![A-Za-z0-9])" if ascii_edge else ""
    right = r"(?![A-Za-z0-9])" if core[-1].isascii() and core[-1].isalnum() else ""
    short = core.isascii() and len(core.replace(" ", "")) <= 3
    flags = 0 if short else re.IGNORECASE
    return re.compile(left + body + right, flags)


@dataclass(frozen=True)
class _Index:
    names: list[_Name]
    entries: dict[str, _Entry]


_INDEXES: weakref.WeakKeyDictionary[object, _Index] = weakref.WeakKeyDictionary()


def _index(engine: CatalogueSource) -> _Index:
    try:
        cached = _INDEXES.get(engine)
    except TypeError:
        cached = None
    if cached is not None:
        return cached
    names: list[_Name] = []
    entries: dict[str, _Entry] = {}
    for entry in engine.catalogue():
        entries[entry.id] = entry
        seen: set[str] = set()
        for name in [entry.label, *entry.names]:
            key = lx.normalise(name).casefold()
            if not name or key in seen:
                continue
            seen.add(key)
            pattern = _name_pattern(name)
            if pattern is not None:
                names.append(
                    _Name(pattern, entry.id, entry.kind, entry.label, entry.country, len(key))
                )
    names.sort(key=lambda n: -n.length)
    index = _Index(names, entries)
    try:
        _INDEXES[engine] = index
    except TypeError:
        pass
    return index


# --- the reading -----------------------------------------------------------------------------------


class _Text:
    """The message with a mask of the characters already read."""

    def __init__(self, text: str) -> None:
        self.raw = lx.normalise(text)
        self.used = [False] * len(self.raw)

    def free(self, start: int, end: int) -> bool:
        return not any(self.used[start:end])

    def take(self, start: int, end: int) -> str:
        for i in range(start, end):
            self.used[i] = True
        return self.raw[start:end].strip()

    def finditer(self, pattern: str | re.Pattern[str], flags: int = re.IGNORECASE) -> list[re.Match[str]]:
        rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        return [m for m in rx.finditer(self.raw) if self.free(m.start(), m.end())]

    def leftover(self) -> list[str]:
        chars = [c if not u else " " for c, u in zip(self.raw, self.used, strict=True)]
        words = re.findall(r"[\w'&\-]+", "".join(chars))
        out = []
        for w in words:
            if w.casefold() in lx.STOPWORDS or w.isdigit() and len(w) < 3:
                continue
            if all(lx.is_cjk_particle(c) for c in w):
                continue
            out.append(w)
        return out


class _Builder:
    """Collects facts as JSON-style nested values over a base transfer."""

    def __init__(self, base: dict[str, Any]) -> None:
        self.data = base
        self.understood: list[tuple[int, Understood]] = []
        self.clarifications: list[Clarification] = []
        self.touched: set[str] = set()

    def set(
        self,
        field: str,
        value: Any,
        *,
        words: str,
        at: int,
        confidence: float = 1.0,
        note: str = "",
        shown: str | None = None,
    ) -> None:
        node = self.data
        parts = field.split(".")
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        node[parts[-1]] = value
        self.touched.add(field)
        text = shown if shown is not None else _show(value)
        self.understood.append(
            (at, Understood(field=field, value=text, words=words, confidence=confidence, note=note))
        )

    def has(self, prefix: str) -> bool:
        return any(f == prefix or f.startswith(prefix + ".") for f in self.touched)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)


def interpret(
    text: str,
    engine: CatalogueSource,
    *,
    current: Transfer | None = None,
    today: dt.date,
) -> Reading:
    """Read one message of the chat.

    Args:
        text: What the user typed.
        engine: The engine whose catalogue and matchers name items and parties.
        current: The case under discussion; a follow-up revises it.
        today: The date relative dates ("next Monday", "in March") count from.

    Returns:
        The revised or new transfer, what was understood, what was not, and the intent.
    """
    msg = _Text(text)
    intent, target = _intent(msg, current is not None)
    follow_up = bool(lx.FOLLOW_UP.search(msg.raw))
    fresh = _Builder({})
    _read_facts(msg, fresh, engine, today)

    has_subject = fresh.has("item") and (
        fresh.has("end_user") or fresh.has("consignee") or fresh.has("destination")
    )
    new_case = current is None or (intent == "assess" and not follow_up and has_subject)
    if current is not None and not new_case and intent == "assess" and follow_up:
        intent = "what_if"
    if current is not None and not new_case and intent == "assess" and not fresh.understood:
        intent = "answer" if msg.raw.strip() else "assess"

    base: dict[str, Any] = {} if new_case or current is None else current.model_dump(mode="json")
    merged = _merge(base, fresh)
    transfer = Transfer.model_validate(merged)
    understood = [u for _, u in sorted(fresh.understood, key=lambda p: p[0])]
    quantity = next((u.value for u in understood if u.field == "quantity"), None)
    return Reading(
        transfer=transfer,
        understood=understood,
        unresolved=msg.leftover(),
        intent=intent,
        target=target,
        clarifications=fresh.clarifications,
        new_case=new_case and bool(fresh.understood),
        quantity=quantity,
    )


def _merge(base: dict[str, Any], fresh: _Builder) -> dict[str, Any]:
    out = dict(base)
    for field in sorted(fresh.touched):
        if field == "quantity":
            continue
        parts = field.split(".")
        value: Any = fresh.data
        for part in parts:
            value = value[part]
        if len(parts) == 2 and parts[1] == "name" and parts[0] in ("end_user", "consignee", "exporter"):
            # A new party replaces the old one whole: its country belonged to the old name.
            out[parts[0]] = {}
        node = out
        for part in parts[:-1]:
            child = node.get(part)
            node[part] = dict(child) if isinstance(child, dict) else {}
            node = node[part]
        node[parts[-1]] = value
    out.pop("quantity", None)
    return out


def _intent(msg: _Text, has_case: bool) -> tuple[Intent, Outcome | None]:
    raw = msg.raw.strip()
    for name, rx in lx.INTENTS:
        m = rx.search(raw)
        if m is None:
            continue
        if name == "why_not":
            return "why_not", _target(raw[m.end() :]) or ("prohibited" if has_case else None)
        if name == "answer" and not has_case:
            continue
        return name, None
    return "assess", None


def _target(rest: str) -> Outcome | None:
    for outcome, rx in lx.OUTCOME_WORDS:
        if rx.search(rest):
            return outcome
    return None


def _read_facts(msg: _Text, out: _Builder, engine: CatalogueSource, today: dt.date) -> None:
    # Order matters: money and dates first (digits), then names (longest first), then the rest.
    _read_turnover(msg, out)
    _read_dates(msg, out, today)
    _read_quantity(msg, out)
    _read_kind(msg, out)
    _read_end_use(msg, out)
    index = _index(engine)
    _read_catalogue_names(msg, out, index)
    _read_composed_item(msg, out, index)
    _read_free_parties(msg, out, engine)
    _read_countries(msg, out)
    _read_licences(msg, out)
    _read_item_kind(msg, out)
    if not out.has("item"):
        _read_free_item(msg, out, engine)


def _read_turnover(msg: _Text, out: _Builder) -> None:
    for m in msg.finditer(lx.MONEY):
        amount = lx.money_value(m)
        if amount is None:
            continue
        words = msg.take(m.start(), m.end())
        out.set("turnover_cny", amount, words=words, at=m.start(), shown=f"{amount:,} yuan")
        return


def _read_dates(msg: _Text, out: _Builder, today: dt.date) -> None:
    found = lx.find_date(msg.raw, today, lambda s, e: msg.free(s, e))
    if found is None:
        return
    day, start, end, confidence, note = found
    words = msg.take(start, end)
    out.set("date", day.isoformat(), words=words, at=start, confidence=confidence, note=note)


def _read_quantity(msg: _Text, out: _Builder) -> None:
    for m in msg.finditer(lx.QUANTITY):
        words = msg.take(m.start(), m.end())
        out.set("quantity", words, words=words, at=m.start(), note="kept as text")
        return


def _read_kind(msg: _Text, out: _Builder) -> None:
    for kind, rx, located in lx.TRANSFER_KINDS:
        for m in msg.finditer(rx):
            words = msg.take(m.start(), m.end())
            confidence = 1.0 if kind != "export" or "export" in words.casefold() else 0.8
            out.set("transfer", kind, words=words, at=m.start(), confidence=confidence)
            if located:
                out.set(
                    "end_user.located_in", located, words=words, at=m.start(),
                    confidence=0.9, note="the foreign person receives it in China",
                )
            return


def _read_end_use(msg: _Text, out: _Builder) -> None:
    for military, rx in lx.END_USES:
        for m in msg.finditer(rx):
            words = msg.take(m.start(), m.end())
            phrase = lx.end_use_phrase(msg.raw, m.start(), m.end())
            if not out.has("end_use.description"):
                out.set("end_use.description", phrase, words=words, at=m.start())
            out.set("end_use.military", military, words=words, at=m.start())
            if not military:
                out.set(
                    "end_use.helps_military_strength", False, words=words, at=m.start(),
                    note="a civilian end use does not help military strength",
                )
            return


def _read_catalogue_names(msg: _Text, out: _Builder, index: _Index) -> None:
    for name in index.names:
        for m in msg.finditer(name.pattern):
            end = lx.extend_suffix(msg.raw, m.end())
            start = lx.extend_prefix(msg.raw, m.start())
            if name.kind == "item":
                if out.has("item"):
                    continue
                words = msg.take(start, end)
                out.set(
                    "item.description", name.label, words=words, at=start,
                    note="catalogue name" if words.casefold() != name.label.casefold() else "",
                )
            else:
                role = lx.party_role(msg.raw, start)
                if out.has(f"{role}.name"):
                    continue
                words = msg.take(start, end)
                _set_party(out, role, name.label, name.country, words, start, 1.0, "listed name")


def _set_party(
    out: _Builder,
    role: str,
    name: str,
    country: str | None,
    words: str,
    at: int,
    confidence: float,
    note: str,
) -> None:
    out.set(f"{role}.name", name, words=words, at=at, confidence=confidence, note=note)
    if country:
        out.set(
            f"{role}.country", country, words=words, at=at, confidence=0.9,
            note="from the catalogue",
        )


def _read_composed_item(msg: _Text, out: _Builder, index: _Index) -> None:
    if out.has("item"):
        return
    element = None
    for el, rx in lx.ELEMENTS:
        hits = msg.finditer(rx, 0)
        if hits:
            element = (el, hits[0])
            break
    if element is None:
        return
    el, m = element
    form = None
    for form_name, rx in lx.FORMS:
        hits = msg.finditer(rx)
        if hits:
            form = (form_name, hits[0])
            break
    candidates = [
        e for e in index.entries.values()
        if e.kind == "item" and el in e.label.casefold()
    ]
    if form is not None:
        fitting = [e for e in candidates if form[0] in e.label.casefold()]
        if len(fitting) == 1:
            start = min(m.start(), form[1].start())
            words = msg.take(m.start(), m.end()) + " " + msg.take(form[1].start(), form[1].end())
            out.set(
                "item.description", fitting[0].label, words=words, at=start, confidence=0.9,
                note=f"{el} + {form[0]}",
            )
            return
    words = msg.take(m.start(), m.end())
    if len(candidates) == 1:
        out.set("item.description", candidates[0].label, words=words, at=m.start(), confidence=0.9)
        return
    if candidates:
        out.clarifications.append(
            Clarification(
                field="item.description",
                words=words,
                question=f"Which form of {el}: metal, alloy, oxide, compound, target or magnet?",
                options=[e.label for e in candidates],
                values=[e.label for e in candidates],
            )
        )


def _read_free_parties(msg: _Text, out: _Builder, engine: CatalogueSource) -> None:
    for start, end, role in lx.name_candidates(msg.raw, msg.free):
        if out.has(f"{role}.name"):
            continue
        typed = msg.raw[start:end]
        if lx.country_code(typed) is not None or lx.is_place(typed):
            continue
        match = engine.match_party(typed)
        words = msg.take(start, end)
        if match.matched is not None and match.exact:
            _set_party(out, role, match.label or typed, None, words, start, 1.0, "listed name")
        elif match.matched is not None:
            out.clarifications.append(
                Clarification(
                    field=f"{role}.name",
                    words=words,
                    question=(
                        f"Is {typed!r} the listed {match.label} (match score "
                        f"{match.score:.0f} of 100)?"
                    ),
                    options=[f"Yes, {match.label}", f"No, {typed} is another party"],
                    values=[match.label, typed],
                    score=match.score,
                )
            )
        else:
            out.set(
                f"{role}.name", lx.strip_suffixes(typed) or typed, words=words, at=start,
                confidence=0.9, note="not on any list the engine knows",
            )


def _read_countries(msg: _Text, out: _Builder) -> None:
    route: list[str] = []
    for m in msg.finditer(lx.COUNTRY_RX):
        code = lx.country_code(m.group("name"))
        if code is None:
            continue
        role = lx.country_role(msg.raw, m.start(), m.end())
        words = msg.take(*lx.country_span(msg.raw, m))
        if role == "route":
            route.append(code)
        elif role == "origin" and not out.has("origin"):
            out.set("origin", code, words=words, at=m.start())
        elif role == "located" and not out.has("end_user.located_in"):
            out.set("end_user.located_in", code, words=words, at=m.start())
        elif role == "end_user.country" and not out.has("end_user.country"):
            out.set("end_user.country", code, words=words, at=m.start())
        elif role == "exporter.country" and not out.has("exporter.country"):
            out.set("exporter.country", code, words=words, at=m.start())
        elif role == "from":
            route.insert(0, code)
        elif not out.has("destination"):
            out.set("destination", code, words=words, at=m.start())
    if route:
        dest = out.data.get("destination")
        full = [*route, dest] if isinstance(dest, str) and dest not in route else route
        out.set("route", full, words=" ".join(full), at=len(msg.raw), confidence=0.9)


def _read_licences(msg: _Text, out: _Builder) -> None:
    for held, rx in lx.LICENCES:
        for m in msg.finditer(rx):
            words = msg.take(m.start(), m.end())
            number = m.groupdict().get("number")
            value = [number] if held and number else (["held"] if held else [])
            out.set("licences", value, words=words, at=m.start())
            return


def _read_item_kind(msg: _Text, out: _Builder) -> None:
    for kind, rx in lx.ITEM_KINDS:
        for m in msg.finditer(rx):
            words = msg.take(m.start(), m.end())
            out.set("item.kind", kind, words=words, at=m.start())
            return


def _read_free_item(msg: _Text, out: _Builder, engine: CatalogueSource) -> None:
    found = lx.item_candidate(msg.raw, msg.free)
    if found is None:
        return
    start, end = found
    typed = msg.raw[start:end]
    match = engine.match_item(typed)
    if match.matched is not None and match.exact:
        words = msg.take(start, end)
        out.set("item.description", match.label or typed, words=words, at=start)
    elif match.matched is not None:
        words = msg.take(start, end)
        out.clarifications.append(
            Clarification(
                field="item.description",
                words=words,
                question=f"Is {typed!r} the listed item {match.label} (match score {match.score:.0f})?",
                options=[f"Yes, {match.label}", f"No, {typed} is another item"],
                values=[match.label, typed],
                score=match.score,
            )
        )


def set_fact(transfer: Transfer, field: str, value: str | None, *, today: dt.date) -> Transfer:
    """Return ``transfer`` with one field set from words ("yes", "Japan", "next Monday", ...).

    Args:
        transfer: The transfer to revise.
        field: The field, dotted (``end_use.military``).
        value: The answer as typed or offered; ``None``, "" or "unknown" leaves it unknown.
        today: For relative dates.

    Raises:
        ValueError: When the value does not fit the field.
    """
    data = transfer.model_dump(mode="json")
    parsed = lx.parse_value(field, value, today)
    node = data
    parts = field.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        node[part] = dict(child) if isinstance(child, dict) else {}
        node = node[part]
    node[parts[-1]] = parsed
    return Transfer.model_validate(data)


def normalise(text: str) -> str:
    """NFKC-normalise a message (full-width letters and digits become ASCII)."""
    return unicodedata.normalize("NFKC", text)
