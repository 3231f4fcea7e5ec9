"""The transfer a decision is about: the JSON contract, as frozen pydantic models.

A missing field or ``null`` means *unknown*, never "no" or "false".

>>> t = Transfer.model_validate({"date": "2026-03-02", "item": {"description": "dysprosium oxide"}})
>>> t.item.description, t.end_user.name is None
('dysprosium oxide', True)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from dualuse.engine.decide.guard import check_document
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TransferKind = Literal[
    "export", "re-export", "deemed-export", "transit", "bonded-zone", "gift", "exhibition"
]
ItemKind = Literal["goods", "software", "technology"]
Service = Literal["agency", "freight", "delivery", "customs", "e-commerce", "financial", "other"]

ConductAct = Literal[
    "export_without_qualification",
    "licence_fraud_or_transfer",
    "licence_forgery_or_trade",
    "obstruct_inspection",
    "reporting_failure_serious",
    "provider_reporting_failure",
    "provider_reporting_failure_serious",
    "evasion_help",
    "commitment_breach",
    "foreign_verification",
    "foreign_verification_serious",
]
"""What a party did that the penalty articles punish (see :class:`Conduct`)."""

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise ValueError("must be a two-letter ISO country code such as CN or JP")
    return code


class Item(BaseModel):
    """What is transferred."""

    model_config = _MODEL
    description: str | None = None
    """Free text: a name, form or chemical formula ("dysprosium oxide", "Dy2O3", "氧化镝")."""
    code: str | None = None
    """The dual-use control-list code where known, e.g. "1C905.b"."""
    listed: bool | None = None
    """Whether the item is on the dual-use control list (or under temporary control)."""
    kind: ItemKind | None = None
    """goods, software or technology (technical data counts as technology)."""


class Party(BaseModel):
    """An exporter, consignee or end user."""

    model_config = _MODEL
    name: str | None = None
    """The party's name as written; matched against the lists with their aliases."""
    country: str | None = None
    """Nationality or place of incorporation (ISO code)."""
    located_in: str | None = None
    """Where the party is when it receives the item (ISO code)."""

    _check_country = field_validator("country", "located_in")(_country)


class EndUse(BaseModel):
    """What the item will be used for."""

    model_config = _MODEL
    description: str | None = None
    """Free text, e.g. "radar modules for destroyers"."""
    military: bool | None = None
    """A military use (Announcement 2026 No. 1, clause 1, second prong)."""
    helps_military_strength: bool | None = None
    """Helps enhance Japan's military strength (clause 1, third prong)."""


class Knowledge(BaseModel):
    """What the exporter knows or was told (ECL Art. 12(3) catch-all)."""

    model_config = _MODEL
    wmd: bool | None = None
    """Knows or should know the item may serve weapons of mass destruction or their delivery."""
    terrorism: bool | None = None
    """Knows or should know the item may be used for terrorism."""
    national_security: bool | None = None
    """Knows or should know the item may endanger national security and interests."""
    notified: bool | None = None
    """Was notified by the export-control authority that a licence is needed."""


class ServiceProvider(BaseModel):
    """A freight forwarder, agent, customs broker, e-commerce platform or bank."""

    model_config = _MODEL
    name: str
    """The provider's name."""
    country: str | None = None
    """Its country (ISO code)."""
    service: Service | None = None
    """The service it provides."""
    knew: bool | None = None
    """Whether it knew the exporter was committing a violation (ECL Art. 36)."""
    turnover_cny: int | None = Field(default=None, ge=0)
    """Its illegal turnover in whole yuan, for penalty ranges."""

    _check_country = field_validator("country")(_country)


class Conduct(BaseModel):
    """Something a party did that a penalty article punishes, apart from the transfer itself."""

    model_config = _MODEL
    party: str = Field(pattern=r"^(exporter|consignee|end_user|service_provider:.*\S.*)$")
    """Who did it: "exporter", "consignee", "end_user" (the parties of this transfer), or
    "service_provider:<name>" for a service provider named in service_providers (the reporting
    duty of Regs Art. 36 applies only to providers of the six services listed there)."""
    act: ConductAct
    """What the party did, each punished by one article:
    "export_without_qualification": the exporter exported without the export-operating
    qualification the law requires (ECL Art. 33);
    "licence_fraud_or_transfer": obtained an export licence by fraud, bribery or other improper
    means, or illegally transferred a licence (ECL Art. 35(1));
    "licence_forgery_or_trade": forged, altered, bought or sold an export licence (ECL Art. 35(2));
    "obstruct_inspection": the exporter refused or obstructed supervision and inspection (ECL Art.
    38);
    "reporting_failure_serious": the exporter failed a reporting duty the Regulations place on it
    (e.g. Arts. 18, 19, 25, 29, 35), in a serious case (Regs Art. 40(1); a case that is not
    serious is only warned and ordered to correct, and has no act here);
    "provider_reporting_failure": a service provider failed to report a suspected violation it
    discovered (Regs Arts. 36, 40(2));
    "provider_reporting_failure_serious": the same, in a serious case (Regs Art. 40(2));
    "evasion_help": instigated or helped an exporter, importer or end user to evade the ECL or the
    Regulations (Regs Art. 41; the fine is sized on illegal_gains_cny);
    "commitment_breach": as a domestic importer or end user, breached a commitment made to MOFCOM
    (Regs Arts. 37, 42);
    "foreign_verification": accepted, or promised to accept, a foreign government's export-control
    visit or on-site verification without MOFCOM's consent (Regs Arts. 38, 43);
    "foreign_verification_serious": the same, in a serious case (Regs Art. 43)."""


class LawStatus(BaseModel):
    """What the user has verified of the law where the rule base's sources stop or are weak.

    Left out means unknown: the decision then asks, where the answer depends on it.
    """

    model_config = _MODEL
    no70_suspension_extended: bool | None = None
    """Has MOFCOM extended the suspension by Announcement 2025 No. 70 beyond 2026-11-10?"""
    no72_suspension_extended: bool | None = None
    """Has MOFCOM extended the suspension by Announcement 2025 No. 72 beyond 2026-11-27?"""
    second_wave_verified: bool | None = None
    """Has the listing of Japanese entities reported for 29 June 2026 been verified in MOFCOM's
    own announcement?"""


class Transfer(BaseModel):
    """One transfer to decide. Every field may be left out: left out means unknown."""

    model_config = _MODEL
    id: str | None = None
    """Your reference for the transfer, echoed in the decision."""
    date: dt.date | None = None
    """The date of the transfer (ISO 8601); the decision applies the law in force on it."""
    transfer: TransferKind | None = None
    """The kind of transfer."""
    origin: str | None = None
    """Where the item was produced (ISO code); CN for PRC-origin items."""
    item: Item = Field(default_factory=Item)
    """What is transferred."""
    exporter: Party = Field(default_factory=Party)
    """Who exports or transfers the item."""
    consignee: Party = Field(default_factory=Party)
    """Who receives it first (a trading house, a distributor)."""
    end_user: Party = Field(default_factory=Party)
    """Who finally uses it."""
    destination: str | None = None
    """The country the item goes to (ISO code)."""
    route: list[str] | None = None
    """Countries the item passes through, in order (ISO codes)."""
    end_use: EndUse = Field(default_factory=EndUse)
    """What it will be used for."""
    exporter_knowledge: Knowledge = Field(default_factory=Knowledge)
    """What the exporter knows."""
    licences: list[str] | None = None
    """Licences held for this transfer, by number; "special-approval:..." for a control-list
    special approval. An empty list means none is held."""
    service_providers: list[ServiceProvider] | None = None
    """Freight forwarders, agents, brokers, platforms and banks involved."""
    turnover_cny: int | None = Field(default=None, ge=0)
    """The exporter's illegal turnover in whole yuan, for penalty ranges."""
    conduct: list[Conduct] | None = None
    """What the parties did that the penalty articles punish apart from the transfer itself (ECL
    Arts. 33, 35, 38; Regs Arts. 40-43), one entry per party and act. Each entry only sizes a
    party's liability and penalties; it never changes the outcome. Missing, null or an empty list
    asserts nothing, and the engine asks no question about conduct: a party is liable on these
    bases only for the acts stated here. An act stated for a party its article does not address
    makes no one liable: ECL Arts. 33 and 38 and Regs Art. 40(1) address the exporter, Regs Art.
    40(2) a provider of one of the six services of Regs Art. 36."""
    illegal_gains_cny: int | None = Field(default=None, ge=0)
    """The exporter's illegal gains in whole yuan, for the fine of Regs Art. 41 (instigating or
    helping evasion), whose base is the gains and not the turnover."""

    law: LawStatus | None = None
    """What the user has verified of the law after the rule base's sources end (left out:
    unknown, asked where the answer depends on it)."""

    _check_country = field_validator("origin", "destination")(_country)

    @model_validator(mode="before")
    @classmethod
    def _guard(cls, data: object) -> object:
        check_document(data)  # hostile input is an InputError naming the field (guard.py)
        return data

    @field_validator("route")
    @classmethod
    def _check_route(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        return [c for c in (_country(v) for v in value) if c is not None]
