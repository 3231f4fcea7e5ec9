"""The engine's public entry point.

>>> engine = Engine()
>>> decision = engine.decide({
...     "date": "2026-03-02", "transfer": "export", "origin": "CN",
...     "item": {"description": "dysprosium oxide", "kind": "goods"},
...     "exporter": {"name": "Ganzhou Rare Earth Trading", "country": "CN"},
...     "consignee": {"name": "Japan Maritime Self-Defense Force"},
...     "end_user": {"name": "Japan Maritime Self-Defense Force"},
...     "destination": "JP", "route": ["JP"],
... })
>>> decision.outcome
'prohibited'
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from dualuse.engine.datalog.evaluator import JOINS
from dualuse.engine.decide.decider import Decider, Programs
from dualuse.engine.decide.decision import Decision, Match
from dualuse.engine.decide.resolve import CatalogueEntry, Resolver
from dualuse.engine.errors import DualuseError, InputError, RuleBaseError
from dualuse.engine.law.rulebase import RuleBase
from pydantic import BaseModel, ConfigDict, ValidationError

EARLIEST = date(2020, 12, 1)
"""The Export Control Law's entry into force: no earlier law is encoded, so no earlier date is
decided."""


class RuleInfo(BaseModel):
    """A rule as listed for people: id, citation, dates, sentence, interpretation, quote."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)
    id: str
    """The stable rule id."""
    citation: str
    """Instrument, article, paragraph."""
    in_force: str
    """The dates in force."""
    location: str
    """``file:line`` of the rule."""
    says: str
    """The explanation template."""
    interpretation: str | None = None
    """Who holds the reading and how sure, when the rule adopts one."""
    quote_zh: str = ""
    """The Chinese text."""
    quote_en: str = ""
    """The English working translation."""
    quote_source: str = ""
    """Where the quoted text comes from."""
    text: str = ""
    """The rule as written."""


def _version() -> str:
    try:
        return metadata.version("dualuse")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "0+unknown"


def _field_error(exc: ValidationError) -> InputError:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(transfer)"
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown field"
    return InputError(f"{where}: {message}", field=where)


def check_rules(path: Path | None = None) -> list[DualuseError]:
    """Every syntax, check and data error of a rule folder (default: the bundled rules)."""
    try:
        base = RuleBase.load(path)
    except RuleBaseError as exc:
        return list(exc.errors)
    from dualuse.engine.decide.aliases import check_aliases

    return list(check_aliases(base))


class _State:
    """One loaded rule base with its matcher and compiled programs; never changed once built."""

    def __init__(self, base: RuleBase, joins: str = "indexed") -> None:
        self.base = base
        self.joins = joins
        self.resolver = Resolver(base)
        self.questions = {d.pred: d.meta.asks for d in base.program.declarations if d.meta.asks}
        self._programs: dict[int, Programs] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, rules_dir: Path | str | None, joins: str = "indexed") -> _State:
        return cls(RuleBase.load(Path(rules_dir) if rules_dir is not None else None), joins)

    def programs(self, day: date) -> Programs:
        """The plain and doubled programs of the rules in force on ``day``."""
        compiled = self.base.compiled(day)
        with self._lock:
            found = self._programs.get(id(compiled))
            if found is None:
                found = self._programs[id(compiled)] = Programs(compiled, self.joins)
            return found


class Engine:
    """Loads a rule base once and decides transfers; safe to share between threads."""

    def __init__(self, rules_dir: Path | str | None = None, *, joins: str = "indexed") -> None:
        """Load the bundled rules, or those of ``rules_dir``.

        ``joins="pydatalog"`` has pyDatalog join every rule body instead of the engine's hash
        indexes: the same decisions, about six times slower; a cross-check of the fast path.

        Raises:
            RuleBaseError: the rule folder has errors (each with file, line and column).
            ValueError: an unknown join strategy.
        """
        if joins not in JOINS:
            raise ValueError(f"unknown join strategy {joins!r}; one of {', '.join(JOINS)}")
        self._lock = threading.Lock()
        self.version = _version()
        self._state = _State.load(rules_dir, joins)

    def reload(self, rules_dir: Path | str | None = None) -> None:
        """Load the rule folder again and swap it in; decisions under way finish on the old one.

        Raises:
            RuleBaseError: the folder has errors; the engine keeps its current rules.
        """
        state = _State.load(
            rules_dir if rules_dir is not None else self._state.base.root, self._state.joins
        )
        with self._lock:
            self._state = state

    @property
    def base(self) -> RuleBase:
        """The rule base in use."""
        return self._state.base

    @property
    def resolver(self) -> Resolver:
        """The name matcher in use."""
        return self._state.resolver

    @property
    def rules_digest(self) -> str:
        """SHA-256 of the rule files and tables."""
        return self.base.digest

    def decide(
        self,
        transfer: Any,
        as_of: date | None = None,
        *,
        explain: bool = True,
    ) -> Decision:
        """Decide a transfer (a :class:`Transfer` or a plain mapping) as of a date.

        The date defaults to the transfer's date, then to today. ``explain=False`` skips proofs,
        why-not and what-would-change (for screening).

        Raises:
            InputError: the mapping does not fit the transfer contract (names the field), or
                the date is before the first encoded law.
        """
        from dualuse.engine.decide.transfer import Transfer

        if isinstance(transfer, Transfer):
            parsed = transfer
            raw: Mapping[str, Any] = transfer.model_dump(mode="json", exclude_none=True)
        elif isinstance(transfer, Mapping):
            raw = transfer
            try:
                parsed = Transfer.model_validate(dict(transfer))
            except ValidationError as exc:
                raise _field_error(exc) from None
        else:
            raise InputError("a transfer must be a Transfer or a JSON object", field="(transfer)")
        day = as_of or parsed.date or date.today()
        if day < EARLIEST:
            raise InputError(
                f"{day.isoformat()} is before the Export Control Law took effect "
                f"({EARLIEST.isoformat()}); no earlier law is encoded",
                field="date",
            )
        state = self._state  # one consistent snapshot for the whole decision
        decider = Decider(
            state.base, state.resolver, state.programs(day), day, state.questions, self.version
        )
        return decider.decide(parsed, raw, explain=explain)

    def rules(self) -> list[RuleInfo]:
        """Every rule with its citation and dates."""
        out = []
        for clause in self.base.rules:
            meta = clause.meta
            interp = meta.interpretation
            out.append(
                RuleInfo(
                    id=meta.id or "",
                    citation=meta.cites.text() if meta.cites else "",
                    in_force=meta.in_force.text() if meta.in_force else "",
                    location=f"{clause.loc.file}:{clause.loc.line}",
                    says=meta.says or "",
                    interpretation=(
                        f"{interp.by} ({interp.confidence}): {interp.reading}" if interp else None
                    ),
                    quote_zh=meta.quote.zh if meta.quote else "",
                    quote_en=meta.quote.en if meta.quote else "",
                    quote_source=meta.quote.source if meta.quote else "",
                    text=clause.text(),
                )
            )
        return out

    def catalogue(self) -> list[CatalogueEntry]:
        """Items and parties the engine knows by name, with their aliases."""
        return list(self.resolver.entries)

    def match_item(self, text: str) -> Match:
        """Match an item description or control-list code."""
        return self.resolver.item(text)

    def match_party(self, text: str) -> Match:
        """Match a party name (a near match has ``exact=False`` and must be confirmed)."""
        return self.resolver.party(text)
