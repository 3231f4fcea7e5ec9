"""The transfer a decision is about: the JSON contract, as frozen pydantic models.

A missing field or ``null`` means *unknown*, never "no" or "false".

>>> t = Transfer.model_validate({"date": "2026-03-02", "item": {"description": "dysprosium oxide"}})
>>> t.item.description, t.end_user.name is None
('dysprosium oxide', True)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

TransferKind = Literal[
    "export", "re-export", "deemed-export", "transit", "bonded-zone", "gift", "exhibition"
]
ItemKind = Literal["goods", "software", "technology"]
Service = Literal["agency", "freight", "delivery", "customs", "e-commerce", "financial", "other"]

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

    _check_country = field_validator("origin", "destination")(_country)

    @field_validator("route")
    @classmethod
    def _check_route(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        return [c for c in (_country(v) for v in value) if c is not None]
