"""Turn a :class:`Transfer` into input facts: what is known, and what is open.

A known field gives facts. An unknown field gives an :class:`Open` question whose answers are
each a set of facts; the engine keeps every answer possible (three-valued evaluation) and asks
the questions whose answers would change the outcome. Unknown is never treated as false.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dualuse.engine.datalog.evaluator import Fact, Row
from dualuse.engine.decide.decision import Match
from dualuse.engine.decide.names import normalise_name
from dualuse.engine.decide.options import (
    OTHER,
    PARTY_KINDS,
    AnswerOption,
    confirm_options,
    entry_options,
    route_options,
)
from dualuse.engine.decide.resolve import Resolver, normalise
from dualuse.engine.decide.transfer import Party, Transfer
from dualuse.engine.decide.vocabulary import FIELDS, InputField, field_of, options_at

KINDS = tuple(str(o.sets[0].value) for o in FIELDS["transfer"].options)
"""The kinds of transfer, as the vocabulary offers them."""


@dataclass
class Open:
    """An unknown field: the question, and the facts each possible answer would give.

    ``answers`` maps each answer's label to its facts; ``options`` holds the same answers as
    data, each with the change of the transfer it stands for.
    """

    field: str
    question: str
    answers: dict[str, list[Fact]]
    penalty_only: bool = False
    options: list[AnswerOption] = dataclasses.field(default_factory=list)


Choice = tuple[AnswerOption, list[Fact]]
"""An answer and the facts it gives."""


def _open(path: str, question: str, choices: Sequence[Choice]) -> Open:
    return Open(
        path,
        question,
        {option.label: facts for option, facts in choices},
        options=[option for option, _ in choices],
    )


@dataclass
class InputFacts:
    """The facts of one transfer."""

    known: dict[str, set[Row]] = field(default_factory=lambda: defaultdict(set))
    open: list[Open] = field(default_factory=list)
    fields: dict[Fact, str] = field(default_factory=dict)
    matches: list[Match] = field(default_factory=list)
    readings: dict[Fact, str] = field(default_factory=dict)
    """How a fact was read from the words of the transfer (shown as a step of the proof)."""

    def add(self, pred: str, row: Row, field_name: str) -> None:
        """Record a known fact and the field it came from."""
        self.known[pred].add(row)
        self.fields.setdefault((pred, row), field_name)

    def with_answer(self, opened: Open, answer: str) -> InputFacts:
        """A copy in which ``opened`` is answered with ``answer``."""
        out = InputFacts(
            known=defaultdict(set, {p: set(r) for p, r in self.known.items()}),
            open=[o for o in self.open if o is not opened],
            fields=dict(self.fields),
            matches=self.matches,
            readings=self.readings,
        )
        for pred, row in opened.answers[answer]:
            out.add(pred, row, opened.field)
        return out

    def possible(self) -> dict[str, set[Row]]:
        """Known facts plus every fact some answer to an open question would give."""
        out = {p: set(r) for p, r in self.known.items()}
        for opened in self.open:
            for facts in opened.answers.values():
                for pred, row in facts:
                    out.setdefault(pred, set()).add(row)
        return out


def _question(declared: InputField, questions: Mapping[str, str], **names: str) -> str:
    """The fact's ``@asks``, or the vocabulary's question where the ``@asks`` names a party."""
    asks = questions.get(declared.facts[0]) if declared.facts else None
    if asks and "{" not in asks:
        return asks
    return declared.question.format(**names)


def _yes_no(
    facts: InputFacts,
    value: bool | None,
    path: str,
    questions: Mapping[str, str],
    args: Row = (),
    **names: str,
) -> None:
    """A yes-or-no field: its fact (the vocabulary's, with ``args``) holds, or is asked about."""
    declared = _declared(path)
    fact: Fact = (declared.facts[0], args)
    if value is True:
        facts.add(fact[0], fact[1], path)
    elif value is None:
        choices: list[Choice] = [
            (option, [fact] if option.sets[0].value is True else []) for option in options_at(path)
        ]
        facts.open.append(_open(path, _question(declared, questions, **names), choices))


def _country(
    facts: InputFacts,
    value: str | None,
    path: str,
    questions: Mapping[str, str],
    prefix: Row = (),
) -> None:
    """A country field: its fact names the country, or each answer names one."""
    declared = _declared(path)
    pred = declared.facts[0]
    if value is not None:
        facts.add(pred, (*prefix, value), path)
        return
    choices: list[Choice] = [
        (option, [(pred, (*prefix, _value(option) or OTHER))]) for option in options_at(path)
    ]
    facts.open.append(_open(path, _question(declared, questions), choices))


def _declared(path: str) -> InputField:
    declared = field_of(path)
    if declared is None:  # pragma: no cover - every path read here is declared (tests/engine)
        raise KeyError(f"{path} is not a declared field")
    return declared


def _party(
    facts: InputFacts, resolver: Resolver, party: Party, role: str, questions: Mapping[str, str]
) -> str:
    """Add the facts of one party; return the constant that names it."""
    path = f"{role}.name"
    if party.name is None:
        ident = f"?{role}"
        choices = []
        for kind in PARTY_KINDS:
            given: list[Fact] = [(role, (ident,))]
            if kind.table is not None:
                given += [(kind.table, (ident,)), ("entity_country", (ident, kind.country))]
            else:
                given.append(("party_country", (ident, kind.country)))
            choices.append((kind.option(role), given))
        facts.open.append(_open(path, _question(FIELDS[path], questions), choices))
        return ident
    match = resolver.party(party.name, path)
    facts.matches.append(match)
    plain = " ".join(party.name.split()) or party.name
    if match.exact and match.matched is not None:
        ident = match.matched
        facts.add(role, (ident,), path)
    elif match.matched is not None:
        ident = plain
        same, other = confirm_options(role, match.label or match.matched)
        facts.open.append(
            _open(
                path,
                (
                    f"Is {party.name!r} the same company as {match.label}? Its legal form is of "
                    "another country: it may be a subsidiary or another company."
                    if match.evidence == "legal_form"
                    else f"Is {party.name!r} the same as {match.label!r} "
                    f"(match score {match.score:.0f})?"
                ),
                [(same, [(role, (match.matched,))]), (other, [(role, (plain,))])],
            )
        )
    else:
        ident = plain
        facts.add(role, (ident,), path)
    entry = resolver.entry(ident)
    if party.country is not None or entry is None or entry.country is None:
        _country(facts, party.country, f"{role}.country", questions, (ident,))
    if party.located_in is not None:
        facts.add("party_located_in", (ident, party.located_in), f"{role}.located_in")
    return ident


def _item(
    facts: InputFacts, resolver: Resolver, description: str | None, code: str | None
) -> tuple[str, bool | None]:
    """Add the item fact, or the question which entry it is.

    Returns:
        The item's constant, and whether a stated purity settles its listing (``None``: no).
    """
    text, where = (description, "item.description") if description else (code, "item.code")
    plain = normalise(description or code or "") or "?item"
    if not text:
        facts.add("item", (plain,), "item.description")
        return plain, None
    match = resolver.item(text, where, code=code if description else None)
    facts.matches.append(match)
    if match.exact and match.matched is not None:
        ident = match.matched
        facts.add("item", (ident,), where)
        facts.readings[("item", (ident,))] = (
            f"{text!r} read as catalogue entry {resolver.label_of(ident)}"
            + (f": {match.reading}" if match.reading else "")
        )
        return ident, match.listed
    if match.candidates and match.evidence != "none":
        entries = [resolver.entry(c) for c in match.candidates]
        options = entry_options(
            [
                (resolver.label_of(c), e.label if e else c, e.code if e else None)
                for c, e in zip(match.candidates, entries, strict=True)
            ]
        )
        given: list[list[Fact]] = [[("item", (c,))] for c in match.candidates]
        given.append([("item", (plain,))])
        offered = "; ".join(resolver.label_of(c) for c in match.candidates)
        facts.open.append(
            _open(
                where,
                f"Which catalogue entry is {text!r}: {offered}, or none of these?",
                list(zip(options, given, strict=True)),
            )
        )
        return plain, None
    facts.add("item", (plain,), "item.description")
    return plain, None


def not_entry(facts: InputFacts, ident: str) -> InputFacts | None:
    """A copy in which the item taken as entry ``ident`` is another item, not on the list."""
    row = (ident,)
    if row not in facts.known.get("item", set()) or ("item", row) not in facts.readings:
        return None
    out = InputFacts(
        known=defaultdict(set, {p: set(r) for p, r in facts.known.items()}),
        open=[o for o in facts.open if o.field != "item.listed"],
        fields=dict(facts.fields),
        matches=facts.matches,
    )
    out.known["item"] = {("?another item",)}
    out.known.pop("item_declared_listed", None)
    return out


def input_facts(transfer: Transfer, resolver: Resolver, questions: Mapping[str, str]) -> InputFacts:
    """All facts of ``transfer``; ``questions`` maps input predicates to their ``@asks``."""
    facts = InputFacts()

    def choice(value: str | None, path: str) -> None:
        pred = FIELDS[path].facts[0]
        if value is not None:
            facts.add(pred, (value,), path)
            return
        choices: list[Choice] = [(o, [(pred, (_value(o) or "",))]) for o in options_at(path)]
        facts.open.append(_open(path, _question(FIELDS[path], questions), choices))

    choice(transfer.transfer, "transfer")
    _country(facts, transfer.origin, "origin", questions)
    item = transfer.item
    _, listed = _item(facts, resolver, item.description, item.code)
    if item.listed is None and listed is not None:  # a stated purity settles the listing
        if listed:
            facts.add(FIELDS["item.listed"].facts[0], (), "item.description")
    else:
        _yes_no(facts, item.listed, "item.listed", questions)
    choice(item.kind, "item.kind")
    exporter = _party(facts, resolver, transfer.exporter, "exporter", questions)
    consignee = _party(facts, resolver, transfer.consignee, "consignee", questions)
    end_user = _party(facts, resolver, transfer.end_user, "end_user", questions)
    _country(facts, transfer.destination, "destination", questions)
    if transfer.route is not None:
        for country in transfer.route:
            facts.add("route_country", (country,), "route")
    else:
        route: list[Choice] = [
            (o, [("route_country", ("CN",))] if "CN" in _listed(o) else [])
            for o in route_options(transfer.destination)
        ]
        facts.open.append(_open("route", _question(FIELDS["route"], questions), route))
    use = transfer.end_use
    _yes_no(facts, use.military, "end_use.military", questions)
    _yes_no(facts, use.helps_military_strength, "end_use.helps_military_strength", questions)
    know = transfer.exporter_knowledge
    for attr in ("wmd", "terrorism", "national_security", "notified"):
        _yes_no(facts, getattr(know, attr), f"exporter_knowledge.{attr}", questions)
    if transfer.licences is not None:
        for pred, row in _licence_facts(transfer.licences):
            facts.add(pred, row, "licences")
    else:
        held: list[Choice] = [(o, _licence_facts(_listed(o))) for o in options_at("licences")]
        opened = _open("licences", _question(FIELDS["licences"], questions), held)
        opened.penalty_only = True
        facts.open.append(opened)
    providers: dict[str, str] = {}  # normalised name -> the constant naming the provider
    for i, provider in enumerate(transfer.service_providers or []):
        name = " ".join(provider.name.split()) or provider.name
        providers.setdefault(normalise_name(provider.name), name)
        where = f"service_providers[{i}]"
        facts.add("service_provider", (name,), f"{where}.name")
        if provider.service is not None:
            facts.add("provides_service", (name, provider.service), f"{where}.service")
        if provider.country is not None:
            facts.add("party_country", (name, provider.country), f"{where}.country")
        _yes_no(facts, provider.knew, f"{where}.knew", questions, (name,), name=provider.name)
        if provider.knew is None:
            facts.open[-1].penalty_only = True
        if provider.turnover_cny is not None:
            facts.add("turnover", (name, provider.turnover_cny), f"{where}.turnover_cny")
    if transfer.turnover_cny is not None:
        facts.add("turnover", (exporter, transfer.turnover_cny), "turnover_cny")
    # Conduct is never asked about: an act not stated is not a fact (rules/inputs.dl, conduct).
    roles = {"exporter": exporter, "consignee": consignee, "end_user": end_user}
    for i, entry in enumerate(transfer.conduct or []):
        role, _, named = entry.party.partition(":")
        if role == "service_provider":
            plain = " ".join(named.split())
            party = providers.get(normalise_name(plain), plain)
        else:
            party = roles[role]
        facts.add("conduct", (party, entry.act), f"conduct[{i}]")
    if transfer.illegal_gains_cny is not None:
        facts.add("illegal_gains", (exporter, transfer.illegal_gains_cny), "illegal_gains_cny")
    return facts


def _value(option: AnswerOption) -> str | None:
    """The single value an answer sets (a kind, a country), or ``None`` when it leaves it open."""
    return str(option.sets[0].value) if option.sets else None


def _listed(option: AnswerOption) -> list[str]:
    """The list an answer sets (the route, the licences)."""
    value = option.sets[0].value if option.sets else None
    return [str(v) for v in value] if isinstance(value, list) else []


def _licence_facts(licences: Sequence[str]) -> list[Fact]:
    out: list[Fact] = []
    if any(not lic.startswith("special-approval") for lic in licences):
        out.append(("licence_held", ()))
    if any(lic.startswith("special-approval") for lic in licences):
        out.append(("special_approval", ()))
    return out
