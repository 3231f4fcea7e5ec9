"""Turn a :class:`Transfer` into input facts: what is known, and what is open.

A known field gives facts. An unknown field gives an :class:`Open` question whose answers are
each a set of facts; the engine keeps every answer possible (three-valued evaluation) and asks
the questions whose answers would change the outcome. Unknown is never treated as false.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dualuse.engine.datalog.evaluator import Fact, Row
from dualuse.engine.decide.decision import Match
from dualuse.engine.decide.names import normalise_name
from dualuse.engine.decide.resolve import Resolver, normalise
from dualuse.engine.decide.transfer import Party, Transfer

OTHER = "ZZ"
"""The country code standing for "some other country" (ISO 3166 user-assigned)."""

KINDS = ("export", "re-export", "deemed-export", "transit", "bonded-zone", "gift", "exhibition")


@dataclass
class Open:
    """An unknown field: the question, and the facts each possible answer would give."""

    field: str
    question: str
    answers: dict[str, list[Fact]]
    penalty_only: bool = False


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


def _yes_no(
    facts: InputFacts, value: bool | None, fact: Fact, field_name: str, question: str
) -> None:
    if value is True:
        facts.add(fact[0], fact[1], field_name)
    elif value is None:
        facts.open.append(Open(field_name, question, {"yes": [fact], "no": []}))


def _country(
    facts: InputFacts,
    value: str | None,
    pred: str,
    prefix: Row,
    field_name: str,
    question: str,
) -> None:
    if value is not None:
        facts.add(pred, (*prefix, value), field_name)
        return
    answers = {
        "China": [(pred, (*prefix, "CN"))],
        "Japan": [(pred, (*prefix, "JP"))],
        "another country": [(pred, (*prefix, OTHER))],
    }
    facts.open.append(Open(field_name, question, answers))


def _party(
    facts: InputFacts, resolver: Resolver, party: Party, role: str, questions: dict[str, str]
) -> str:
    """Add the facts of one party; return the constant that names it."""
    if party.name is None:
        ident = f"?{role}"
        facts.open.append(
            Open(
                f"{role}.name",
                questions.get(role, f"Who is the {role.replace('_', ' ')}?"),
                {
                    "a Japanese military body (Ministry of Defense, SDF, ATLA)": [
                        (role, (ident,)),
                        ("jp_military_user", (ident,)),
                        ("entity_country", (ident, "JP")),
                    ],
                    "a company on the control list": [
                        (role, (ident,)),
                        ("control_listed", (ident,)),
                        ("entity_country", (ident, "JP")),
                    ],
                    "a company on the watch list": [
                        (role, (ident,)),
                        ("watch_listed", (ident,)),
                        ("entity_country", (ident, "JP")),
                    ],
                    "another Japanese organisation or person": [
                        (role, (ident,)),
                        ("party_country", (ident, "JP")),
                    ],
                    "an organisation or person outside Japan and China": [
                        (role, (ident,)),
                        ("party_country", (ident, OTHER)),
                    ],
                    "a Chinese organisation or person": [
                        (role, (ident,)),
                        ("party_country", (ident, "CN")),
                    ],
                },
            )
        )
        return ident
    match = resolver.party(party.name, f"{role}.name")
    facts.matches.append(match)
    plain = " ".join(party.name.split()) or party.name
    if match.exact and match.matched is not None:
        ident = match.matched
        facts.add(role, (ident,), f"{role}.name")
    elif match.matched is not None:
        ident = plain
        facts.open.append(
            Open(
                f"{role}.name",
                (
                    f"Is {party.name!r} the listed {match.label}? Its legal form is of another "
                    "country: it may be a subsidiary or another company."
                    if match.evidence == "legal_form"
                    else f"Is {party.name!r} the same as {match.label!r} "
                    f"(match score {match.score:.0f})?"
                ),
                {
                    f"yes, it is {match.label}": [(role, (match.matched,))],
                    "no, another party": [(role, (plain,))],
                },
            )
        )
    else:
        ident = plain
        facts.add(role, (ident,), f"{role}.name")
    entry = resolver.entry(ident)
    if party.country is not None or entry is None or entry.country is None:
        _country(
            facts,
            party.country,
            "party_country",
            (ident,),
            f"{role}.country",
            f"In which country is the {role.replace('_', ' ')} incorporated or a national?",
        )
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
        answers: dict[str, list[Fact]] = {
            f"it is {resolver.label_of(c)}": [("item", (c,))] for c in match.candidates
        }
        answers["none of these"] = [("item", (plain,))]
        offered = "; ".join(resolver.label_of(c) for c in match.candidates)
        facts.open.append(
            Open(where, f"Which catalogue entry is {text!r}: {offered}, or none of these?", answers)
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


def input_facts(transfer: Transfer, resolver: Resolver, questions: dict[str, str]) -> InputFacts:
    """All facts of ``transfer``; ``questions`` maps input predicates to their ``@asks``."""
    facts = InputFacts()

    def ask(pred: str, default: str) -> str:
        return questions.get(pred, default)

    if transfer.transfer is not None:
        facts.add("transfer_kind", (transfer.transfer,), "transfer")
    else:
        facts.open.append(
            Open(
                "transfer",
                ask("transfer_kind", "What kind of transfer is it?"),
                {k: [("transfer_kind", (k,))] for k in KINDS},
            )
        )
    _country(
        facts,
        transfer.origin,
        "item_origin",
        (),
        "origin",
        ask("item_origin", "Where was the item produced?"),
    )
    item = transfer.item
    _, listed = _item(facts, resolver, item.description, item.code)
    _yes_no(
        facts,
        item.listed if item.listed is not None else listed,
        ("item_declared_listed", ()),
        "item.listed" if item.listed is not None or listed is None else "item.description",
        ask("item_declared_listed", "Is the item on the dual-use control list?"),
    )
    if item.kind is not None:
        facts.add("item_kind", (item.kind,), "item.kind")
    else:
        facts.open.append(
            Open(
                "item.kind",
                ask("item_kind", "Is the item goods, software or technology?"),
                {k: [("item_kind", (k,))] for k in ("goods", "software", "technology")},
            )
        )
    exporter = _party(facts, resolver, transfer.exporter, "exporter", questions)
    consignee = _party(facts, resolver, transfer.consignee, "consignee", questions)
    end_user = _party(facts, resolver, transfer.end_user, "end_user", questions)
    _country(
        facts,
        transfer.destination,
        "destination",
        (),
        "destination",
        ask("destination", "To which country does the item go?"),
    )
    if transfer.route is not None:
        for country in transfer.route:
            facts.add("route_country", (country,), "route")
    else:
        facts.open.append(
            Open(
                "route",
                ask("route_country", "Does the item pass through China on its way?"),
                {"through China": [("route_country", ("CN",))], "not through China": []},
            )
        )
    use = transfer.end_use
    _yes_no(
        facts,
        use.military,
        ("end_use_military", ()),
        "end_use.military",
        ask("end_use_military", "Is the end use military?"),
    )
    _yes_no(
        facts,
        use.helps_military_strength,
        ("end_use_helps_military_strength", ()),
        "end_use.helps_military_strength",
        ask(
            "end_use_helps_military_strength",
            "Would the end use help enhance Japan's military strength?",
        ),
    )
    know = transfer.exporter_knowledge
    for attr, pred in (
        ("wmd", "exporter_knows_wmd"),
        ("terrorism", "exporter_knows_terrorism"),
        ("national_security", "exporter_knows_national_security"),
        ("notified", "exporter_notified"),
    ):
        _yes_no(
            facts,
            getattr(know, attr),
            (pred, ()),
            f"exporter_knowledge.{attr}",
            ask(pred, f"Does the exporter know ({attr})?"),
        )
    if transfer.licences is not None:
        if any(not lic.startswith("special-approval") for lic in transfer.licences):
            facts.add("licence_held", (), "licences")
        if any(lic.startswith("special-approval") for lic in transfer.licences):
            facts.add("special_approval", (), "licences")
    else:
        facts.open.append(
            Open(
                "licences",
                ask("licence_held", "Does the exporter hold a licence for this export?"),
                {"yes": [("licence_held", ())], "no": []},
                penalty_only=True,
            )
        )
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
        _yes_no(
            facts,
            provider.knew,
            ("provider_knew", (name,)),
            f"{where}.knew",
            ask("provider_knew", f"Did {provider.name} know of the violation?"),
        )
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
