"""The input vocabulary: every field of a transfer, declared once.

Each field is an :class:`InputField`, after OpenFisca's ``Variable``: its path in the transfer
JSON, the label a person reads, the kind of value it holds, the ``.input`` facts of
``rules/inputs.dl`` it gives, and its possible values as the answers offered when it is unknown.
An answer (:class:`AnswerOption`) carries the change of the transfer it stands for as data
(fields and JSON values), and what a person must still give when the answer alone names no value
("another country": which one). The facts of a transfer, the questions and their answers, the
what-if toggles, the forms and the column lists are all derived from this table.

The words of a question and of a fact's sentence stay with the fact's ``.input`` declaration
(``@asks``, ``@says``): they are the law's side and are edited with the rules. What binds a fact to
the transfer (paths, JSON values, answers) is the transfer's contract, and lives here beside it.

>>> field = FIELDS["end_use.military"]
>>> field.facts, [o.label for o in field.options]
(('end_use_military',), ['yes', 'no'])
>>> [f.path for f in fields_giving("party_located_in")]
['exporter.located_in', 'consignee.located_in', 'end_user.located_in']
"""

from __future__ import annotations

from typing import Literal, get_args

from dualuse.engine.decide.options import (
    LICENCE_NOT_NUMBERED,
    AnswerOption,
    Setting,
    choices,
    countries,
    generic,
    yes_no,
)
from dualuse.engine.decide.transfer import ItemKind, Service, TransferKind
from pydantic import BaseModel, ConfigDict

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

ValueType = Literal[
    "text",
    "date",
    "yes_no",
    "country",
    "countries",
    "choice",
    "party",
    "amount",
    "licences",
    "list",
]
"""What a field holds: free text, an ISO date, yes or no, an ISO country code, a list of them
(the route), one of a few values, a party's name, whole yuan, licence numbers, or a list of
records (service providers, conduct)."""

PARTIES: dict[str, str] = {"exporter": "exporter", "consignee": "consignee", "end_user": "end user"}
"""The parties of a transfer, by field, with how a person names them."""


class InputField(BaseModel):
    """One field of the transfer, declared once."""

    model_config = _MODEL
    path: str
    """The dotted path; ``[]`` stands for every entry of a list (``service_providers[].knew``)."""
    label: str
    """What a person calls the field ("military end use")."""
    short: str = ""
    """A label for narrow forms, when :attr:`label` is too long for one (20 characters)."""
    kind: ValueType
    """The kind of value."""
    facts: tuple[str, ...] = ()
    """The ``.input`` predicates of rules/inputs.dl this field gives."""
    options: tuple[AnswerOption, ...] = ()
    """Its possible values, as the answers offered when it is unknown (empty: typed, or built
    from the transfer, as for the route and the parties)."""
    question: str = ""
    """The question asked when the field is unknown and the fact's ``@asks`` does not fit (it
    names no party) or is missing."""
    form: bool = False
    """Shown in a short form of the case (the chat's facts panel)."""

    @property
    def form_label(self) -> str:
        """The label for a narrow form."""
        return self.short or self.label


def _party(role: str) -> list[InputField]:
    person = PARTIES[role]
    return [
        InputField(
            path=f"{role}.name",
            label=person,
            kind="party",
            facts=(role,),
            question=f"Who is the {person}?",
            form=True,
        ),
        InputField(
            path=f"{role}.country",
            label=f"{person} country",
            kind="country",
            facts=("party_country",),
            options=countries(f"{role}.country"),
            question=f"In which country is the {person} incorporated or a national?",
            form=True,
        ),
        InputField(
            path=f"{role}.located_in",
            label=f"{person} is in",
            kind="country",
            facts=("party_located_in",),
            form=role == "end_user",
        ),
    ]


def _knowledge(attr: str, fact: str, label: str, question: str) -> InputField:
    path = f"exporter_knowledge.{attr}"
    return InputField(
        path=path,
        label=label,
        kind="yes_no",
        facts=(fact,),
        options=yes_no(path),
        question=question,
    )


_DECLARED: list[InputField] = [
    InputField(path="id", label="reference", kind="text"),
    InputField(path="date", label="date", kind="date", form=True),
    InputField(
        path="transfer",
        label="kind of transfer",
        kind="choice",
        facts=("transfer_kind",),
        options=choices("transfer", get_args(TransferKind)),
        question="What kind of transfer is it?",
        form=True,
    ),
    InputField(
        path="item.description",
        label="item",
        kind="text",
        facts=("item", "item_declared_listed"),  # a stated purity can settle the listing
        form=True,
    ),
    InputField(path="item.code", label="control-list code", kind="text", facts=("item",)),
    InputField(
        path="item.kind",
        label="item kind",
        kind="choice",
        facts=("item_kind",),
        options=choices("item.kind", get_args(ItemKind)),
        question="Is the item goods, software or technology?",
        form=True,
    ),
    InputField(
        path="item.listed",
        label="item listed",
        kind="yes_no",
        facts=("item_declared_listed",),
        options=yes_no("item.listed"),
        question="Is the item on the dual-use control list?",
        form=True,
    ),
    InputField(
        path="origin",
        label="origin",
        kind="country",
        facts=("item_origin",),
        options=countries("origin"),
        question="Where was the item produced?",
        form=True,
    ),
    *_party("exporter"),
    *_party("consignee"),
    *_party("end_user"),
    InputField(
        path="destination",
        label="destination",
        kind="country",
        facts=("destination",),
        options=countries("destination"),
        question="To which country does the item go?",
        form=True,
    ),
    InputField(
        path="route",
        label="route",
        kind="countries",
        facts=("route_country",),
        question="Does the item pass through China on its way?",
        form=True,
    ),
    InputField(path="end_use.description", label="end use", kind="text", form=True),
    InputField(
        path="end_use.military",
        label="military end use",
        kind="yes_no",
        facts=("end_use_military",),
        options=yes_no("end_use.military"),
        question="Is the end use military?",
        form=True,
    ),
    InputField(
        path="end_use.helps_military_strength",
        label="helps Japan's military strength",
        short="helps mil. strength",
        kind="yes_no",
        facts=("end_use_helps_military_strength",),
        options=yes_no("end_use.helps_military_strength"),
        question="Would the end use help enhance Japan's military strength?",
        form=True,
    ),
    _knowledge(
        "wmd",
        "exporter_knows_wmd",
        "exporter knows of a WMD use",
        "Does the exporter know that the item may serve weapons of mass destruction?",
    ),
    _knowledge(
        "terrorism",
        "exporter_knows_terrorism",
        "exporter knows of a terrorist use",
        "Does the exporter know that the item may be used for terrorism?",
    ),
    _knowledge(
        "national_security",
        "exporter_knows_national_security",
        "exporter knows of a security risk",
        "Does the exporter know that the item may endanger China's national security?",
    ),
    _knowledge(
        "notified",
        "exporter_notified",
        "exporter was notified by MOFCOM",
        "Has MOFCOM notified the exporter that the item needs a licence?",
    ),
    InputField(
        path="licences",
        label="licences held",
        kind="licences",
        facts=("licence_held", "special_approval"),
        options=(
            AnswerOption(
                label="yes", sets=[Setting(field="licences", value=[LICENCE_NOT_NUMBERED])]
            ),
            AnswerOption(label="no", sets=[Setting(field="licences", value=[])]),
        ),
        question="Does the exporter hold a licence for this export?",
        form=True,
    ),
    InputField(
        path="turnover_cny", label="turnover (yuan)", kind="amount", facts=("turnover",), form=True
    ),
    InputField(
        path="illegal_gains_cny",
        label="illegal gains (yuan)",
        kind="amount",
        facts=("illegal_gains",),
    ),
    InputField(path="service_providers", label="service providers", kind="list"),
    InputField(
        path="service_providers[].name",
        label="service provider",
        kind="party",
        facts=("service_provider",),
    ),
    InputField(
        path="service_providers[].service",
        label="service provided",
        kind="choice",
        facts=("provides_service",),
        options=choices("service_providers[].service", get_args(Service)),
    ),
    InputField(
        path="service_providers[].country",
        label="service provider country",
        kind="country",
        facts=("party_country",),
    ),
    InputField(
        path="service_providers[].knew",
        label="service provider knew",
        kind="yes_no",
        facts=("provider_knew",),
        options=yes_no("service_providers[].knew"),
        question="Did {name} know of the violation?",
    ),
    InputField(
        path="service_providers[].turnover_cny",
        label="service provider turnover (yuan)",
        kind="amount",
        facts=("turnover",),
    ),
    InputField(path="conduct", label="conduct", kind="list", facts=("conduct",)),
    InputField(path="law", label="the law as verified", kind="list"),
    InputField(
        path="law.no70_suspension_extended",
        label="suspension by No. 70 extended",
        kind="yes_no",
        facts=("suspension_extended",),
        options=yes_no("law.no70_suspension_extended"),
    ),
    InputField(
        path="law.no72_suspension_extended",
        label="suspension by No. 72 extended",
        kind="yes_no",
        facts=("suspension_extended",),
        options=yes_no("law.no72_suspension_extended"),
    ),
    InputField(
        path="law.second_wave_verified",
        label="reported listing verified",
        kind="yes_no",
        facts=("second_wave_verified",),
        options=yes_no("law.second_wave_verified"),
    ),
]

FIELDS: dict[str, InputField] = {f.path: f for f in _DECLARED}
"""Every field of a transfer by path, in the order a case is read."""
if len(FIELDS) != len(_DECLARED):  # pragma: no cover - a declaration error, caught by the tests
    raise AssertionError("a transfer field is declared twice")


class Toggle(BaseModel):
    """A yes-or-no fact flipped to find what would change the outcome."""

    model_config = _MODEL
    name: str
    """The field as the change names it; while a field of that name is unknown, the fact is
    not flipped (the licences' special approval is flipped even while the licences are unknown:
    they are asked about only for the penalty)."""
    field: str
    """The field the fact comes from."""
    fact: str
    """The ``.input`` predicate flipped."""


def _toggle(path: str, fact: str | None = None, name: str | None = None) -> Toggle:
    declared = FIELDS[path]
    fact = fact or declared.facts[0]
    if fact not in declared.facts:  # pragma: no cover - a declaration error
        raise AssertionError(f"{path} gives no fact {fact}")
    return Toggle(name=name or path, field=path, fact=fact)


TOGGLES: tuple[Toggle, ...] = (
    _toggle("end_use.military"),
    _toggle("end_use.helps_military_strength"),
    _toggle("item.listed"),
    _toggle("exporter_knowledge.wmd"),
    _toggle("exporter_knowledge.notified"),
    _toggle("licences", "special_approval", "licences (special approval)"),
)
"""The facts the what-would-change search flips, in the order changes are listed."""


def field_of(path: str) -> InputField | None:
    """The declaration of a concrete path (``service_providers[0].knew``, ``conduct[1]``)."""
    path = generic(path)
    return FIELDS.get(path) or FIELDS.get(path.removesuffix("[]"))


def options_at(path: str) -> tuple[AnswerOption, ...]:
    """The declared answers of a concrete path, its list indexes filled in.

    Raises:
        KeyError: When no field is declared at ``path``.
    """
    declared = FIELDS[generic(path)]
    if declared.path == path:
        return declared.options
    return tuple(
        option.model_copy(
            update={
                "sets": [
                    s.model_copy(update={"field": path}) if s.field == declared.path else s
                    for s in option.sets
                ]
            }
        )
        for option in declared.options
    )


def fields_giving(fact: str) -> list[InputField]:
    """The fields that give an ``.input`` fact."""
    return [f for f in FIELDS.values() if fact in f.facts]
