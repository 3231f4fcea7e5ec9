"""The core ban rules in plain Python: the fastest honest implementation, without proofs.

It decides the outcome only: the three prongs of Announcement 2026 No. 1 clause 1 (with clause 2's
reach), the control list of Announcement 2026 No. 11, the listed items and the catch-all of ECL
Art. 12, the export definition of ECL Art. 2 and Regs Art. 48, each on the dates it is in force.
An unknown field is handled exactly: every combination of answers is evaluated, and an outcome is
given when every combination gives it (otherwise ``undetermined``). No proofs, no why-not, no
questions, no liability: this is the floor the engine's evaluation core is compared with.

>>> baseline = Baseline()
>>> baseline.decide({"date": "2026-03-02", "transfer": "bonded-zone"})  # where to, and to whom?
'undetermined'
>>> baseline.decide({"date": "2026-03-02", "transfer": "bonded-zone", "destination": "CN",
...     "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"}})
'out_of_scope'
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from bench.core import Day, Facts, Row, Tables

PRIORITY = ("prohibited", "license_required", "not_controlled", "out_of_scope")
BAN = dt.date(2026, 1, 6)
"""Announcement 2026 No. 1 in force."""
LISTS = dt.date(2026, 2, 24)
"""Announcements 2026 No. 11 and No. 12 in force."""
FORMS = frozenset(("export", "gift", "exhibition"))
KNOWS = ("exporter_knows_wmd", "exporter_knows_terrorism", "exporter_knows_national_security")
EMPTY: frozenset[Row] = frozenset()


def outcomes(
    f: Mapping[str, set[Row]] | Mapping[str, frozenset[Row]], t: Day, day: dt.date
) -> set[str]:
    """The outcomes the core rules derive from a complete set of facts on ``day``."""
    g = f.get
    exporters = {r[0] for r in g("exporter", EMPTY)}
    recipients = {r[0] for r in g("consignee", EMPTY)}
    users = {r[0] for r in g("end_user", EMPTY)}
    either = recipients | users
    countries: dict[str, set[str]] = {}
    for party, country in g("party_country", EMPTY):
        countries.setdefault(party, set()).add(country)
    for party, country in g("entity_country", EMPTY):  # an unknown party's possible answers
        countries.setdefault(party, set()).add(country)
    for party in exporters | either:
        if party in t.entity_country:
            countries.setdefault(party, set()).update(t.entity_country[party])
    kinds = {r[0] for r in g("transfer_kind", EMPTY)}
    origins = {r[0] for r in g("item_origin", EMPTY)}
    destinations = {r[0] for r in g("destination", EMPTY)}
    special = bool(g("special_approval"))

    # past a suspension's published end, a measure is suspended only if MOFCOM extended it
    extended = {r[0] for r in g("suspension_extended", EMPTY)}
    suspended = t.suspended | {m for m, by in t.ended.items() if by in extended}
    listed = declared = False
    for (item,) in g("item", EMPTY):
        rows = t.catalogue.get(item, ())
        if any(listing == "listed" and m not in suspended for m, listing in rows):
            listed = True
        settles = any(
            listing == "listed" or m in t.settling_suspended or m in t.ended for m, listing in rows
        )
        if not settles and g("item_declared_listed"):
            declared = True
    controlled = listed or declared or any(g(p) for p in (*KNOWS, "exporter_notified"))

    prc_to_foreign = any((p, "CN") in g("party_country", EMPTY) for p in exporters) and any(
        any(c != "CN" for c in countries.get(p, ())) for p in either
    )
    abroad = any(c != "CN" for c in destinations)
    form = bool(kinds & FORMS)
    # a bonded zone: an export when the item goes abroad or to a foreign consignee (limb (b))
    bonded = "bonded-zone" in kinds
    bonded_foreign = (
        bonded
        and any((p, "CN") in g("party_country", EMPTY) for p in exporters)
        and any(any(c != "CN" for c in countries.get(p, ())) for p in recipients)
    )
    export_event = (
        (bonded and (abroad or bonded_foreign))
        or "export" in kinds
        or (form and (abroad or prc_to_foreign))
        or ("deemed-export" in kinds and prc_to_foreign)
        or ("re-export" in kinds and (prc_to_foreign or ("CN",) in g("route_country", EMPTY)))
        or "transit" in kinds
    )
    prc_origin_abroad = "re-export" in kinds and "CN" in origins
    in_scope = export_event or prc_origin_abroad

    banned = False
    if day >= BAN and controlled:
        to_japan = any("JP" in countries.get(p, ()) for p in either)
        if export_event or (prc_origin_abroad and to_japan):
            military = t.military | {r[0] for r in g("jp_military_user", EMPTY)}
            nexus = (
                "JP" in destinations
                or to_japan
                or any(p in users and c == "JP" for p, c in g("party_located_in", EMPTY))
            )
            control = t.control | {r[0] for r in g("control_listed", EMPTY)}
            banned = (
                bool(either & military)
                or (bool(g("end_use_military")) and nexus)
                or bool(g("end_use_helps_military_strength"))
                or (day >= LISTS and bool(users & control) and not special)
            )
    if not banned and day >= LISTS and controlled:
        control = t.control | {r[0] for r in g("control_listed", EMPTY)}
        if either & control:
            banned = (export_event and not special) or (prc_origin_abroad and not export_event)

    licensable = export_event and controlled
    out = set()
    if banned:
        out.add("prohibited")
    elif licensable:
        out.add("license_required")
    elif in_scope:
        out.add("not_controlled")
    domestic = (
        any(k in FORMS and k != "export" for k in kinds) and not abroad and not prc_to_foreign
    ) or ("deemed-export" in kinds and not prc_to_foreign)
    foreign_item = "re-export" in kinds and any(o != "CN" for o in origins) and not export_event
    if (bonded and not abroad and not bonded_foreign) or domestic or foreign_item:
        out.add("out_of_scope")
    return out


def outcome_of(facts: Facts, tables: Tables) -> str:
    """The outcome: the first outcome (by priority) that every combination of answers gives."""
    day = tables.on(facts.day)
    if not facts.opens:
        derived = outcomes(facts.known, day, facts.day)
        return next((o for o in PRIORITY if o in derived), "undetermined")
    sure: set[str] | None = None
    for answers in itertools.product(*(answers for _, answers in facts.opens)):
        world = {p: set(r) for p, r in facts.known.items()}
        for chosen in answers:
            for pred, row in chosen:
                world.setdefault(pred, set()).add(row)
        derived = outcomes(world, day, facts.day)
        sure = derived if sure is None else sure & derived
        if not sure:
            return "undetermined"
    assert sure is not None
    return next((o for o in PRIORITY if o in sure), "undetermined")


class Baseline:
    """Decides the outcome of transfers with the core rules in plain Python."""

    def __init__(self, tables: Tables | None = None) -> None:
        self.tables = tables or Tables.load()

    def decide(self, transfer: dict[str, Any]) -> str:
        """The outcome of a transfer given as JSON data."""
        return outcome_of(self.tables.extract(transfer), self.tables)
