"""A transfer being written down, step by step, as the facts of a memo are stated.

Each Given step returns a new :class:`Draft` (no step changes another step's object); the When
step turns the draft into the transfer JSON the engine takes.

>>> d = Draft().set("item.description", "dysprosium oxide").with_route(departure="CN")
>>> d = d.set("destination", "JP")
>>> d.transfer()["route"], d.transfer()["item"]
(['CN', 'JP'], {'description': 'dysprosium oxide'})
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

from dualuse.engine import INPUT_FIELDS

from .phrases import PhraseError

FIELDS = frozenset(
    field.path for field in INPUT_FIELDS.values() if field.kind != "list" and "[]" not in field.path
)
"""The transfer fields a step or a data table may set: the vocabulary's fields that hold one value
(service providers have their own steps; conduct is not stated by steps)."""


@dataclass(frozen=True)
class Draft:
    """The facts stated so far.

    Attributes:
        fields: The transfer JSON built so far (nested dicts); never changed in place.
        departure: The country the item leaves from, when the memo says so ("from China").
        via: Countries the item is routed through, in order.
    """

    fields: dict[str, Any] = field(default_factory=dict)
    departure: str | None = None
    via: tuple[str, ...] = ()

    def set(self, path: str, value: Any) -> Draft:
        """Return a draft with one field set (``None``: unknown).

        Args:
            path: A dotted field path, e.g. ``end_use.military``.
            value: The value.

        Raises:
            PhraseError: The field is not a transfer field.
        """
        if path not in FIELDS:
            from .phrases import suggest

            raise PhraseError(f"unknown transfer field {path!r}.{suggest(path, FIELDS)}")
        fields = copy.deepcopy(self.fields)
        *parents, leaf = path.split(".")
        target = fields
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = value
        return replace(self, fields=fields)

    def get(self, path: str) -> Any:
        """The value of a field, or ``None`` when it was not stated."""
        target: Any = self.fields
        for part in path.split("."):
            if not isinstance(target, dict) or part not in target:
                return None
            target = target[part]
        return target

    def set_party(self, role: str, party: dict[str, str | None]) -> Draft:
        """Return a draft with a party (exporter, consignee, end user) replaced by ``party``."""
        fields = copy.deepcopy(self.fields)
        fields[role] = {k: v for k, v in party.items() if v is not None}
        return replace(self, fields=fields)

    def with_route(self, *, departure: str | None = None, via: tuple[str, ...] = ()) -> Draft:
        """Return a draft with the country of departure and/or the countries routed through."""
        return replace(self, departure=departure or self.departure, via=via or self.via)

    def with_provider(self, service: str, **values: Any) -> Draft:
        """Return a draft with the service provider for ``service`` created or updated."""
        fields = copy.deepcopy(self.fields)
        providers: list[dict[str, Any]] = fields.setdefault("service_providers", [])
        for provider in providers:
            if provider.get("service") == service:
                provider.update(values)
                break
        else:
            if "name" not in values:
                raise PhraseError(
                    f"no {service} service provider has been named yet: name it first "
                    "(e.g. 'And the freight forwarder is Swift Logistics, a Chinese company')"
                )
            providers.append({"service": service, **values})
        return replace(self, fields=fields)

    def provider(self, service: str) -> dict[str, Any] | None:
        """The service provider for ``service``, if one was named."""
        for provider in self.fields.get("service_providers", []):
            if provider.get("service") == service:
                return dict(provider)
        return None

    def transfer(self) -> dict[str, Any]:
        """The transfer JSON: the fields, with the route worked out from departure and via.

        A stated route (``route`` set by a data table) is kept. Otherwise, when the memo says where
        the item leaves from and where it goes, the route is departure, the countries routed
        through, destination; with only countries routed through, it is those.
        """
        fields = copy.deepcopy(self.fields)
        if "route" not in fields:
            destination = fields.get("destination")
            if self.departure and destination:
                fields["route"] = [self.departure, *self.via, destination]
            elif self.via:
                fields["route"] = [*([self.departure] if self.departure else []), *self.via]
        return fields
