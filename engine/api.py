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
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from dualuse.engine.datalog.store import JOINS
from dualuse.engine.decide.caveats import law_facts
from dualuse.engine.decide.decider import Decider, article_text, rule_ids
from dualuse.engine.decide.decision import Decision, Match
from dualuse.engine.decide.facts import input_facts
from dualuse.engine.decide.resolve import CatalogueEntry, Resolver
from dualuse.engine.decide.transfer import Transfer
from dualuse.engine.errors import DualuseError, InputError, RuleBaseError
from dualuse.engine.explain.proof import RuleNode
from dualuse.engine.explain.proofcheck import check_proof
from dualuse.engine.law.inforce import Law
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
    article: str = ""
    """The id of the article the rule formalises."""
    article_citation: str = ""
    """That article's citation, e.g. ``ECL Art. 12(2)``."""
    instrument: str = ""
    """The full name of the instrument the rule comes from."""


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


def _article_problems(decision: Decision, base: RuleBase) -> list[str]:
    """The articles a decision states must be the rule base's, and every step's article given."""
    problems = []
    for name, text in decision.articles.items():
        article = base.articles.get(name)
        if article is None:
            problems.append(f"articles[{name!r}]: no such article in the rules")
            continue
        want = article_text(article, quoted=text.quote is not None)
        if text != want:
            problems.append(f"articles[{name!r}]: not the article's citation, dates or words")
    stack: list[Any] = [*decision.grounds, *(lia.proof for lia in decision.liable if lia.proof)]
    while stack:
        node = stack.pop()
        if isinstance(node, RuleNode):
            if node.article is not None and node.article not in decision.articles:
                problems.append(f"{node.rule_id}: its article {node.article!r} is not stated")
            stack.extend(node.children)
    return problems


def check_rules(path: Path | None = None) -> list[DualuseError]:
    """Every syntax, check and data error of a rule folder (default: the bundled rules)."""
    try:
        base = RuleBase.load(path)
    except RuleBaseError as exc:
        return list(exc.errors)
    from dualuse.engine.decide.aliases import check_aliases

    return list(check_aliases(base))


def _day(as_of: object) -> date | None:
    """``as_of`` as a day: a date (a datetime's day) or an ISO date string."""
    if as_of is None or (isinstance(as_of, date) and not isinstance(as_of, datetime)):
        return as_of
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, str):
        try:
            return date.fromisoformat(as_of.strip())
        except ValueError:
            pass
    raise InputError(f"{as_of!r} is not a date; write it as 2026-03-02", field="as_of")


class _State:
    """One loaded rule base with its matcher and the law of each day; never swapped in part."""

    def __init__(self, base: RuleBase, joins: str = "indexed") -> None:
        self.base = base
        self.joins = joins
        self.law = Law(base, joins)
        self.resolver = Resolver(base)
        self.questions = {d.pred: d.meta.asks for d in base.program.declarations if d.meta.asks}

    @classmethod
    def load(cls, rules_dir: Path | str | None, joins: str = "indexed") -> _State:
        return cls(RuleBase.load(Path(rules_dir) if rules_dir is not None else None), joins)

    def decider(self, day: date, version: str) -> Decider:
        """A decider for ``day`` under the law in force then."""
        return Decider(self.base, self.resolver, self.law.on(day), day, self.questions, version)


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
        if joins not in JOINS:  # before loading the rules
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
    def rules_digest(self) -> str:
        """SHA-256 of the rule files and tables."""
        return self._state.base.digest

    def decide(
        self,
        transfer: Any,
        as_of: date | str | None = None,
        *,
        explain: bool = True,
    ) -> Decision:
        """Decide a transfer (a :class:`Transfer` or a plain mapping) as of a date.

        The date (a ``date`` or an ISO string such as ``"2026-03-02"``) defaults to the
        transfer's date, then to today. ``explain=False`` skips proofs, why-not and
        what-would-change (for screening).

        Raises:
            InputError: the mapping does not fit the transfer contract (names the field), the
                date is not one, or it is before the first encoded law.
        """
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
        day = _day(as_of) or parsed.date or date.today()
        if day < EARLIEST:
            raise InputError(
                f"{day.isoformat()} is before the Export Control Law took effect "
                f"({EARLIEST.isoformat()}); no earlier law is encoded",
                field="date",
            )
        decider = self._state.decider(day, self.version)  # one snapshot for the whole decision
        return decider.decide(parsed, raw, explain=explain)

    def check(self, decision: Decision) -> list[str]:
        """Re-check every proof of a decision, independently of the evaluator that built it.

        The transfer's facts are rebuilt from the decision's audit record (the input as received,
        and the date whose law was applied); each ground and each liability's proof is replayed
        against the rules in force and the tables valid on that date
        (:func:`~dualuse.engine.explain.proofcheck.check_proof`); the articles it states must be
        the rule base's, with every article its proofs point to among them.

        Returns:
            One line per problem, each naming where in the decision it is (``grounds[0]...``,
            ``liable[1].proof...``); empty when every proof checks. A decision made under other
            rules than the engine's (another digest) says so first.
        """
        state = self._state
        problems: list[str] = []
        audit = decision.audit
        if audit.rules_digest != state.base.digest:
            problems.append(
                f"audit: the decision was made under rules {audit.rules_digest[:12]}, "
                f"not these ({state.base.digest[:12]}); its proofs are checked against these"
            )
        try:
            transfer = Transfer.model_validate(audit.input)
        except ValidationError as exc:
            raise _field_error(exc) from None
        facts = input_facts(transfer, state.resolver, state.questions)
        law_facts(state.base, decision.as_of, transfer, facts)  # what the user verified of the law
        proofs = [(f"grounds[{i}]", ground) for i, ground in enumerate(decision.grounds)]
        proofs += [
            (f"liable[{i}].proof", lia.proof)
            for i, lia in enumerate(decision.liable)
            if lia.proof is not None
        ]
        for where, proof in proofs:
            for problem in check_proof(proof, state.base, facts, decision.as_of):
                problems.append(where + problem.removeprefix("proof"))
        problems += _article_problems(decision, state.base)
        return problems

    def rules_not_fired(self, decision: Decision) -> list[str]:
        """The ids of the rules a decision weighed without applying, sorted.

        They are the rules of the rule base that are not among the decision's
        ``audit.rules_fired``: not in force on its date, or evaluated and derived nothing.

        Raises:
            ValueError: the decision was made under other rules than the engine's (another
                digest), so its other rules cannot be named from these.
        """
        base = self._state.base
        if decision.audit.rules_digest != base.digest:
            raise ValueError(
                f"the decision was made under rules {decision.audit.rules_digest[:12]}, "
                f"not these ({base.digest[:12]})"
            )
        return sorted(rule_ids(base) - set(decision.audit.rules_fired))

    def rules(self) -> list[RuleInfo]:
        """Every rule with its citation, dates, article and the words of the law, in file order."""
        out = []
        base = self._state.base
        for clause in base.rules:
            meta = clause.meta
            interp = meta.interpretation
            quote = base.quote_of(clause)
            article = base.articles.get(meta.article or "")
            article_cites = article.meta.cites if article is not None else None
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
                    quote_zh=quote.zh if quote else "",
                    quote_en=quote.en if quote else "",
                    quote_source=quote.source if quote else "",
                    text=clause.text(),
                    article=meta.article or "",
                    article_citation=article_cites.text() if article_cites else "",
                    instrument=meta.cites.instrument_name if meta.cites else "",
                )
            )
        return out

    def catalogue(self) -> list[CatalogueEntry]:
        """Items and parties the engine knows by name, with their aliases."""
        return list(self._state.resolver.entries)

    def match_item(self, text: str) -> Match:
        """Match an item description or control-list code."""
        return self._state.resolver.item(text)

    def match_party(self, text: str) -> Match:
        """Match a party name (a near match has ``exact=False`` and must be confirmed)."""
        return self._state.resolver.party(text)
