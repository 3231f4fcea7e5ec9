"""The core ban rules in clingo (answer set programming), for comparison with the engine's core.

The same rules as :mod:`bench.baseline`, written as an ASP program over the same facts
(:mod:`bench.core`), every predicate keyed by a transfer number ``T`` so that one program serves
one transfer or many. Dates are integers ``YYYYMMDD``; a table row or a rule applies only on the
days it is in force. An unknown field becomes a choice among its answers, and the outcome is read
from the *cautious* consequences (true in every answer set), which is exact three-valued reasoning.

Two ways to run it: :meth:`Asp.decide` grounds and solves one transfer in a fresh ``Control``
(the per-decision figure), :meth:`Asp.decide_all` grounds and solves many transfers in one program
(the bulk figure).

>>> Asp().decide({"date": "2026-03-02", "transfer": "bonded-zone"})  # where to, and to whom?
'undetermined'
>>> Asp().decide({"date": "2026-03-02", "transfer": "bonded-zone", "destination": "CN",
...     "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"}})
'out_of_scope'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import clingo

from bench.core import Facts, Tables

PRIORITY = ("prohibited", "license_required", "not_controlled", "out_of_scope")

RULES = r"""
party(T,P) :- exporter(T,P).
party(T,P) :- consignee(T,P).
party(T,P) :- end_user(T,P).
entity_country(T,P,C) :- party(T,P), today(T,D), entity_row(P,C,F,U), F <= D, D <= U.
jp_military_user(T,P) :- party(T,P), today(T,D), military_row(P,F,U), F <= D, D <= U.
control_listed(T,P) :- party(T,P), today(T,D), control_row(P,F,U), F <= D, D <= U.
catalogue_entry(T,I,M,L) :- item(T,I), today(T,D), catalogue_row(I,M,L,F,U), F <= D, D <= U.

% Announcement 2024 No. 51 and the suspensions (No. 70, No. 72)
measure_suspended(T,M) :- catalogue_entry(T,_,M,_), today(T,D),
    suspension_row(M,"MOFCOM & GACC Announcement 2025 No. 70",F,U), F <= D, D <= U,
    20251107 <= D, D <= 20261110.
measure_suspended(T,M) :- catalogue_entry(T,_,M,_), today(T,D),
    suspension_row(M,"MOFCOM Announcement 2025 No. 72",F,U), F <= D, D <= U,
    20251109 <= D, D <= 20261127.
% past a suspension's published end: suspended only if MOFCOM extended it (an open field)
suspension_end_passed(T,M,S) :- catalogue_entry(T,_,M,_), today(T,D),
    suspension_end_row(M,S,F,U), F <= D, D <= U.
measure_suspended(T,M) :- suspension_end_passed(T,M,S), suspension_extended(T,S).
catalogue_settles(T,I) :- catalogue_entry(T,I,M,_), suspension_end_passed(T,M,_).
listed_item(T,I) :- catalogue_entry(T,I,M,"listed"), not measure_suspended(T,M).
catalogue_settles(T,I) :- catalogue_entry(T,I,_,"listed").
catalogue_settles(T,I) :- catalogue_entry(T,I,M,_), measure_suspended(T,M), today(T,D),
    20251107 <= D, D <= 20261110.
listed_declared(T,I) :- item_declared_listed(T), item(T,I), not catalogue_settles(T,I).

% ECL Art. 12: listed items and the catch-all
controlled_item(T) :- listed_item(T,_).
controlled_item(T) :- listed_declared(T,_).
controlled_item(T) :- knows(T,_).
licensable(T) :- export_event(T), controlled_item(T).

% ECL Art. 2 and Regs Art. 48: what is an export
prc_party(T,P) :- party_country(T,P,"CN").
foreign_party(T,P) :- party_country(T,P,C), C != "CN".
foreign_party(T,P) :- entity_country(T,P,C), C != "CN".
prc_to_foreign(T) :- exporter(T,P), prc_party(T,P), consignee(T,R), foreign_party(T,R).
prc_to_foreign(T) :- exporter(T,P), prc_party(T,P), end_user(T,R), foreign_party(T,R).
destination_abroad(T) :- destination(T,C), C != "CN".
export_form("export"). export_form("gift"). export_form("exhibition").
export_event(T) :- transfer_kind(T,"export").
export_event(T) :- transfer_kind(T,K), export_form(K), destination_abroad(T).
export_event(T) :- transfer_kind(T,K), export_form(K), prc_to_foreign(T).
export_event(T) :- transfer_kind(T,"deemed-export"), prc_to_foreign(T).
export_event(T) :- transfer_kind(T,"re-export"), prc_to_foreign(T).
export_event(T) :- transfer_kind(T,"transit").
export_event(T) :- transfer_kind(T,"re-export"), route_country(T,"CN").
domestic_transfer(T) :- transfer_kind(T,K), export_form(K), K != "export",
    not destination_abroad(T), not prc_to_foreign(T).
domestic_transfer(T) :- transfer_kind(T,"deemed-export"), not prc_to_foreign(T).
prc_origin_transfer_abroad(T) :- transfer_kind(T,"re-export"), item_origin(T,"CN").
in_scope(T) :- export_event(T).
in_scope(T) :- prc_origin_transfer_abroad(T).
foreign_item_abroad(T) :- transfer_kind(T,"re-export"), item_origin(T,C), C != "CN",
    not export_event(T).
% a bonded zone: out of scope unless the item goes abroad or to a foreign consignee (limb (b))
bonded_zone_foreign_recipient(T) :- transfer_kind(T,"bonded-zone"), exporter(T,P),
    prc_party(T,P), consignee(T,R), foreign_party(T,R).
export_event(T) :- transfer_kind(T,"bonded-zone"), destination_abroad(T).
export_event(T) :- bonded_zone_foreign_recipient(T).
bonded_zone_move(T) :- transfer_kind(T,"bonded-zone"), not destination_abroad(T),
    not bonded_zone_foreign_recipient(T).

% Announcement 2026 No. 1 (from 2026-01-06), clauses 1 and 2
no1(T) :- today(T,D), D >= 20260106.
lists(T) :- today(T,D), D >= 20260224.
japanese_party(T,P) :- no1(T), party_country(T,P,"JP").
japanese_party(T,P) :- no1(T), entity_country(T,P,"JP").
japanese_recipient(T) :- consignee(T,R), japanese_party(T,R).
japanese_recipient(T) :- end_user(T,R), japanese_party(T,R).
japan_nexus(T) :- no1(T), destination(T,"JP").
japan_nexus(T) :- japanese_recipient(T).
japan_nexus(T) :- no1(T), end_user(T,U), party_located_in(T,U,"JP").
no1_transfer(T) :- no1(T), export_event(T).
no1_transfer(T) :- no1(T), prc_origin_transfer_abroad(T), japanese_recipient(T).
ban(T) :- no1_transfer(T), controlled_item(T), end_user(T,U), jp_military_user(T,U).
ban(T) :- no1_transfer(T), controlled_item(T), consignee(T,U), jp_military_user(T,U).
ban(T) :- no1_transfer(T), controlled_item(T), end_use_military(T), japan_nexus(T).
ban(T) :- no1_transfer(T), controlled_item(T), end_use_helps_military_strength(T).
ban(T) :- lists(T), no1_transfer(T), controlled_item(T), end_user(T,U), control_listed(T,U),
    not special_approval(T).

% Announcement 2026 No. 11 (from 2026-02-24): the control list
control_listed_recipient(T) :- lists(T), end_user(T,P), control_listed(T,P).
control_listed_recipient(T) :- lists(T), consignee(T,P), control_listed(T,P).
ban(T) :- export_event(T), controlled_item(T), control_listed_recipient(T),
    not special_approval(T).
ban(T) :- prc_origin_transfer_abroad(T), not export_event(T), controlled_item(T),
    control_listed_recipient(T).

outcome(T,"prohibited") :- ban(T).
outcome(T,"license_required") :- licensable(T), not ban(T).
outcome(T,"not_controlled") :- in_scope(T), not licensable(T), not ban(T).
outcome(T,"out_of_scope") :- bonded_zone_move(T).
outcome(T,"out_of_scope") :- domestic_transfer(T).
outcome(T,"out_of_scope") :- foreign_item_abroad(T).
#show outcome/2.
"""
"""The core rules; the facts and choices of each transfer are added to them."""

_RENAME = {
    "exporter_knows_wmd": ("knows", "wmd"),
    "exporter_knows_terrorism": ("knows", "terrorism"),
    "exporter_knows_national_security": ("knows", "national_security"),
    "exporter_notified": ("knows", "notified"),
}
_FOREVER = 99991231


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _atom(number: int, pred: str, row: tuple[str, ...]) -> str:
    if pred in _RENAME:
        pred, extra = _RENAME[pred]
        row = (extra,)
    return f"{pred}({', '.join((str(number), *(_quote(v) for v in row)))})"


def _day(value: Any) -> int:
    return int(value.isoformat().replace("-", "")) if value is not None else _FOREVER


def table_facts(tables: Tables) -> str:
    """The data tables as ASP facts with their validity dates."""
    lines = []
    for row in tables.catalogue:
        lines.append(
            f"catalogue_row({', '.join(map(_quote, row.values))}, {_day(row.since)}, "
            f"{_day(row.until)})."
        )
    for row in tables.suspensions:
        lines.append(
            f"suspension_row({', '.join(map(_quote, row.values))}, {_day(row.since)}, "
            f"{_day(row.until)})."
        )
    for row in tables.suspension_ends:
        lines.append(
            f"suspension_end_row({', '.join(map(_quote, row.values[:2]))}, {_day(row.since)}, "
            f"{_day(row.until)})."
        )
    for row in tables.entities:
        lines.append(
            f"entity_row({', '.join(map(_quote, row.values))}, {_day(row.since)}, "
            f"{_day(row.until)})."
        )
    for name, rows in (("military_row", tables.military), ("control_row", tables.control)):
        for row in rows:
            lines.append(f"{name}({_quote(row.values[0])}, {_day(row.since)}, {_day(row.until)}).")
    return "\n".join(lines)


def transfer_program(number: int, facts: Facts) -> str:
    """One transfer's facts, and a choice among the answers of each open field."""
    lines = [f"today({number}, {_day(facts.day)})."]
    for pred, rows in facts.known.items():
        for row in rows:
            lines.append(_atom(number, pred, row) + ".")
    for index, (_, answers) in enumerate(facts.opens):
        choice = "; ".join(f"c({number}, {index}, {a})" for a in range(len(answers)))
        lines.append(f"1 {{ {choice} }} 1.")
        for a, chosen in enumerate(answers):
            for pred, row in chosen:
                lines.append(f"{_atom(number, pred, row)} :- c({number}, {index}, {a}).")
    return "\n".join(lines)


class Asp:
    """Decides transfers with the core rules in clingo."""

    def __init__(self, tables: Tables | None = None) -> None:
        self.tables = tables or Tables.load()
        self.base = RULES + "\n" + table_facts(self.tables)

    def _solve(self, program: str, count: int) -> list[str]:
        ctl = clingo.Control(["--enum-mode=cautious", "--models=0", "--warn=none"])
        ctl.add("base", [], program)
        ctl.ground([("base", [])])
        sure: list[set[str]] = [set() for _ in range(count)]
        with ctl.solve(yield_=True) as handle:
            for model in handle:
                sure = [set() for _ in range(count)]
                for symbol in model.symbols(shown=True):
                    number, outcome = symbol.arguments
                    sure[number.number].add(outcome.string)
        return [next((o for o in PRIORITY if o in s), "undetermined") for s in sure]

    def decide(self, transfer: dict[str, Any]) -> str:
        """Ground and solve one transfer in a fresh ``Control``; its outcome."""
        facts = self.tables.extract(transfer)
        return self._solve(self.base + "\n" + transfer_program(0, facts), 1)[0]

    def decide_all(self, transfers: Sequence[dict[str, Any]]) -> list[str]:
        """Ground and solve many transfers in one program; their outcomes, in order."""
        parts = [self.base]
        for number, transfer in enumerate(transfers):
            parts.append(transfer_program(number, self.tables.extract(transfer)))
        return self._solve("\n".join(parts), len(transfers))
