"""Given steps: the facts of the transfer, as a compliance memo states them."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

from .draft import FIELDS, Draft
from .library import step
from .phrases import (
    CONDUCT,
    END_USES,
    ITEM_KINDS,
    KNOWLEDGE,
    NATIONALITIES,
    SERVICE_ROLES,
    TRANSFER_KINDS,
    PhraseError,
    country_code,
    lookup,
    nationality_code,
    parse_amount,
    parse_date,
    parse_party,
)

UNKNOWN = {"not known", "unknown"}

# --- opening the memo -----------------------------------------------------------------------------


def _departure(draft: Draft, place: str) -> Draft:
    """Read "from China" (a country) or "from Huaxin Materials, a Chinese company" (exporter)."""
    try:
        code = country_code(place)
    except PhraseError:
        party = parse_party(place)
        draft = draft.set_party("exporter", party)
        code = party["located_in"] or ""
        if not code:
            return draft
    draft = draft.with_route(departure=code)
    kind = "export" if code == "CN" else "re-export"
    return draft.set("transfer", kind) if draft.get("transfer") is None else draft


def _recipient(draft: Draft, recipient: str) -> Draft:
    party = parse_party(recipient)
    draft = draft.set_party("consignee", party).set_party("end_user", party)
    if party["located_in"]:
        draft = draft.set("destination", party["located_in"])
    return draft


@step(
    "given",
    "a transfer of {item} from {place} to {recipient} on {date}",
    "a transfer of dysprosium oxide from China to the Japan Maritime Self-Defense Force "
    "on 2 March 2026",
    "a transfer of gallium metal from Singapore to Sakura Trading, a Japanese trading house "
    "in Japan on 2026-03-02",
    doc=(
        "Opens a transfer: the item (as a name, formula or code), where it leaves from, who "
        "receives and uses it, and the date. `from China` makes it an export from China; from "
        "another country, a re-export (say who re-exports it with the re-export step). `from` "
        "may also name the exporter (`from Huaxin Materials, a Chinese company in China`). The "
        "recipient is both consignee and end user until a later step says otherwise; "
        "`, a Japanese ...` gives its nationality, `in Japan` where it receives the item (and so "
        "the destination). From a country to a destination, the route is direct unless a "
        "routing step adds countries."
    ),
    section="The transfer",
    target_fixture="transfer",
)
def transfer_of(item: str, place: str, recipient: str, date: str) -> Draft:
    draft = Draft().set("date", parse_date(date).isoformat()).set("item.description", item)
    return _recipient(_departure(draft, place), recipient)


def _table_value(path: str, raw: str) -> Any:
    text = raw.strip()
    if text.lower() in UNKNOWN or text == "":
        return None
    if path == "date":
        return parse_date(text).isoformat()
    if path in {"item.listed"} or path.startswith(("end_use.", "exporter_knowledge.", "law.")):
        if path == "end_use.description":
            return text
        return lookup("yes or no", text, {"yes": "y", "true": "y", "no": "n", "false": "n"}) == "y"
    if path == "origin" or path == "destination" or path.endswith((".country", ".located_in")):
        if text in NATIONALITIES:
            return nationality_code(text)
        return country_code(text)
    if path == "route":
        return [country_code(c) for c in re.split(r",\s*|\s+and\s+|\s*->\s*", text) if c]
    if path == "licences":
        return [] if text.lower() == "none" else [p.strip() for p in text.split(",") if p.strip()]
    if path == "turnover_cny":
        return parse_amount(text)
    return text


def _apply_table(draft: Draft, datatable: list[list[str]]) -> Draft:
    rows = (
        datatable[1:]
        if [c.strip().lower() for c in datatable[0]] == ["field", "value"]
        else datatable
    )
    for row in rows:
        if len(row) != 2:
            raise PhraseError(f"a row of the table needs two cells (field | value), not {row!r}")
        path, value = row[0].strip(), row[1]
        draft = draft.set(path, _table_value(path, value))
    return draft


@step(
    "given",
    "a transfer with:",
    "a transfer with:",
    doc=(
        "Opens a transfer from a table of fields (the transfer JSON's dotted field names: "
        f"{', '.join(f'`{f}`' for f in sorted(FIELDS))}). Values: dates as `2 March 2026`, "
        "yes/no, countries by name or ISO code, routes as `Singapore, Japan`, licences as a "
        "comma list or `none`, amounts as `800,000`; `unknown` leaves a field unknown."
    ),
    section="The transfer",
    target_fixture="transfer",
    table=(
        ("date", "2 March 2026"),
        ("transfer", "export"),
        ("item.description", "dysprosium oxide"),
        ("end_user.name", "TDK"),
        ("end_use.military", "no"),
    ),
)
def transfer_with(datatable: list[list[str]]) -> Draft:
    return _apply_table(Draft(), datatable)


@step(
    "given",
    "the transfer also has:",
    "the transfer also has:",
    doc="Adds or changes fields from a table, as in `a transfer with:`.",
    section="The transfer",
    target_fixture="transfer",
    table=(("exporter_knowledge.notified", "no"), ("turnover_cny", "800,000")),
)
def transfer_also_has(transfer: Draft, datatable: list[list[str]]) -> Draft:
    return _apply_table(transfer, datatable)


@step(
    "given",
    "the transfer is {kind}",
    "the transfer is a re-export",
    "the transfer is a provision to a foreign person inside China",
    "the transfer is a transit through China",
    "the transfer is a move into a bonded zone",
    "the transfer is a gift",
    "the transfer is an exhibition",
    doc=f"States the kind of transfer: {', '.join(f'`{k}`' for k in TRANSFER_KINDS)}.",
    section="The transfer",
    target_fixture="transfer",
)
def transfer_kind(transfer: Draft, kind: str) -> Draft:
    return transfer.set("transfer", lookup("kind of transfer", kind, TRANSFER_KINDS))


@step(
    "given",
    "the transfer is a re-export by {party}",
    "the transfer is a re-export by Lion Metals, a Singaporean company",
    doc=(
        "A re-export, and who makes it (the exporter): a foreign party is named with its "
        "nationality, e.g. `Lion Metals, a Singaporean company`."
    ),
    section="The transfer",
    target_fixture="transfer",
)
def re_export_by(transfer: Draft, party: str) -> Draft:
    return transfer.set("transfer", "re-export").set_party("exporter", parse_party(party))


def _countries(text: str) -> tuple[str, ...]:
    return tuple(country_code(c) for c in re.split(r",\s*|\s+and\s+", text.strip()) if c)


@step(
    "given",
    "the item is routed through {countries}",
    "the item is routed through South Korea",
    "the item is routed through Singapore and China",
    doc="Countries the item passes through on its way, in order (the route).",
    section="The transfer",
    target_fixture="transfer",
)
def routed_through(transfer: Draft, countries: str) -> Draft:
    return transfer.with_route(via=_countries(countries))


@step(
    "given",
    "the item goes to {country}",
    "the item goes to Japan",
    doc="The destination country.",
    section="The transfer",
    target_fixture="transfer",
)
def goes_to(transfer: Draft, country: str) -> Draft:
    return transfer.set("destination", country_code(country))


# --- the item -------------------------------------------------------------------------------------


@step(
    "given",
    "the item is on the control list",
    "the item is on the control list",
    doc=(
        "The user states that the item is on the Dual-Use Items Export Control List (or under a "
        "temporary control): used for items the catalogue does not settle."
    ),
    section="The item",
    target_fixture="transfer",
)
def item_listed(transfer: Draft) -> Draft:
    return transfer.set("item.listed", True)


@step(
    "given",
    "the item is not on the control list",
    "the item is not on the control list",
    doc="The user states that the item is not on the Dual-Use Items Export Control List.",
    section="The item",
    target_fixture="transfer",
)
def item_not_listed(transfer: Draft) -> Draft:
    return transfer.set("item.listed", False)


@step(
    "given",
    "the item is {item_kind}",
    "the item is technology",
    "the item is goods",
    doc="Whether the item is goods, software or technology (technical data is technology).",
    section="The item",
    target_fixture="transfer",
)
def item_kind(transfer: Draft, item_kind: str) -> Draft:
    return transfer.set("item.kind", lookup("kind of item", item_kind, ITEM_KINDS))


@step(
    "given",
    "the item is of {nationality} origin",
    "the item is of Japanese origin",
    "the item is of Chinese origin",
    doc="Where the item was produced (`Chinese origin` is PRC origin).",
    section="The item",
    target_fixture="transfer",
)
def item_origin(transfer: Draft, nationality: str) -> Draft:
    return transfer.set("origin", nationality_code(nationality))


@step(
    "given",
    "the item's control code is {code}",
    "the item's control code is 1C905.b",
    doc="The item's dual-use control-list code, where known.",
    section="The item",
    target_fixture="transfer",
)
def item_code(transfer: Draft, code: str) -> Draft:
    return transfer.set("item.code", code)


# --- the parties ----------------------------------------------------------------------------------


def _party_or_unknown(text: str) -> dict[str, str | None]:
    if text.strip().lower() in UNKNOWN:
        return {"name": None, "country": None, "located_in": None}
    return parse_party(text)


@step(
    "given",
    "the exporter is {party}",
    "the exporter is Huaxin Materials, a Chinese company",
    "the exporter is Huaxin Materials, a Chinese company in China",
    doc="Who exports or transfers the item; `not known` leaves it unknown.",
    section="The parties",
    target_fixture="transfer",
)
def exporter_is(transfer: Draft, party: str) -> Draft:
    return transfer.set_party("exporter", _party_or_unknown(party))


@step(
    "given",
    "the consignee is {party}",
    "the consignee is Sakura Trading, a Japanese trading house",
    doc="Who receives the item first (a trading house, a distributor); `not known`: unknown.",
    section="The parties",
    target_fixture="transfer",
)
def consignee_is(transfer: Draft, party: str) -> Draft:
    return transfer.set_party("consignee", _party_or_unknown(party))


@step(
    "given",
    "the end user is {party}",
    "the end user is TDK",
    "the end user is the Japan Maritime Self-Defense Force",
    "the end user is not known",
    doc="Who finally uses the item; `not known` leaves it unknown.",
    section="The parties",
    target_fixture="transfer",
)
def end_user_is(transfer: Draft, party: str) -> Draft:
    return transfer.set_party("end_user", _party_or_unknown(party))


@step(
    "given",
    "the end user uses the item in {country}",
    "the end user uses the item in Japan",
    doc="Where the end user is when it receives the item.",
    section="The parties",
    target_fixture="transfer",
)
def end_user_located(transfer: Draft, country: str) -> Draft:
    return transfer.set("end_user.located_in", country_code(country))


# --- end use --------------------------------------------------------------------------------------


@step(
    "given",
    "the end use is {end_use}",
    "the end use is military",
    "the end use is civilian",
    "the end use is not military",
    "the end use is one that helps enhance Japan's military strength",
    "the end use is not known",
    doc=(
        "What the item will be used for: "
        + ", ".join(f"`{k}`" for k in END_USES)
        + ". `civilian` means neither military nor helping Japan's military strength."
    ),
    section="End use",
    target_fixture="transfer",
)
def end_use_is(transfer: Draft, end_use: str) -> Draft:
    values = END_USES[lookup("end use", end_use, {k: k for k in END_USES})]
    for key, value in values.items():
        transfer = transfer.set(f"end_use.{key}", value)
    return transfer


# --- what the exporter knows (ECL Art. 12(3)) -----------------------------------------------------


@step(
    "given",
    "the exporter knows that the item {risk}",
    "the exporter knows that the item may be used for weapons of mass destruction",
    "the exporter knows that the item may be used for terrorism",
    "the exporter knows that the item may endanger China's national security",
    doc=(
        "The exporter knows or should know of a catch-all risk (ECL Art. 12(3)): "
        + ", ".join(f"`{k}`" for k in KNOWLEDGE)
        + "."
    ),
    section="What the exporter knows",
    target_fixture="transfer",
)
def exporter_knows(transfer: Draft, risk: str) -> Draft:
    return transfer.set(f"exporter_knowledge.{lookup('risk', risk, KNOWLEDGE)}", True)


@step(
    "given",
    "the exporter does not know that the item {risk}",
    "the exporter does not know that the item may be used for terrorism",
    doc="The exporter neither knows nor should know of that risk.",
    section="What the exporter knows",
    target_fixture="transfer",
)
def exporter_does_not_know(transfer: Draft, risk: str) -> Draft:
    return transfer.set(f"exporter_knowledge.{lookup('risk', risk, KNOWLEDGE)}", False)


@step(
    "given",
    "the exporter knows of no catch-all risk and has not been notified",
    "the exporter knows of no catch-all risk and has not been notified",
    doc=(
        "The exporter neither knows nor should know of any catch-all risk, and MOFCOM has not "
        "notified it that a licence is needed."
    ),
    section="What the exporter knows",
    target_fixture="transfer",
)
def exporter_knows_nothing(transfer: Draft) -> Draft:
    for key in ("wmd", "terrorism", "national_security", "notified"):
        transfer = transfer.set(f"exporter_knowledge.{key}", False)
    return transfer


@step(
    "given",
    "MOFCOM has notified the exporter that a licence is needed",
    "MOFCOM has notified the exporter that a licence is needed",
    doc="The catch-all notification of ECL Art. 12(3).",
    section="What the exporter knows",
    target_fixture="transfer",
)
def exporter_notified(transfer: Draft) -> Draft:
    return transfer.set("exporter_knowledge.notified", True)


# --- licences -------------------------------------------------------------------------------------


@step(
    "given",
    "the exporter holds an export licence",
    "the exporter holds an export licence",
    doc="A MOFCOM export licence is held for this export.",
    section="Licences",
    target_fixture="transfer",
)
def holds_licence(transfer: Draft) -> Draft:
    return transfer.set("licences", ["licence-1"])


@step(
    "given",
    "the exporter holds no licence",
    "the exporter holds no licence",
    doc="No licence or special approval is held.",
    section="Licences",
    target_fixture="transfer",
)
def holds_no_licence(transfer: Draft) -> Draft:
    return transfer.set("licences", [])


@step(
    "given",
    "MOFCOM has given a special approval for the export",
    "MOFCOM has given a special approval for the export",
    doc="A special approval for an export to a control-listed party (Announcement 2026 No. 11).",
    section="Licences",
    target_fixture="transfer",
)
def special_approval(transfer: Draft) -> Draft:
    return transfer.set("licences", ["special-approval:1"])


# --- money ----------------------------------------------------------------------------------------


@step(
    "given",
    "the exporter's illegal turnover is {amount} yuan",
    "the exporter's illegal turnover is 800,000 yuan",
    doc="The exporter's illegal turnover, for penalty ranges.",
    section="Money",
    target_fixture="transfer",
)
def exporter_turnover(transfer: Draft, amount: str) -> Draft:
    return transfer.set("turnover_cny", parse_amount(amount))


# --- service providers (ECL Arts. 20 and 36) ------------------------------------------------------


@step(
    "given",
    "the {role} is {party}",
    "the freight forwarder is Swift Logistics, a Chinese company",
    "the bank is Harbour Bank, a Chinese bank",
    doc=(
        "A service provider, by its role: "
        + ", ".join(f"`{r}`" for r in SERVICE_ROLES)
        + " (the six services of ECL Art. 20)."
    ),
    section="Service providers",
    target_fixture="transfer",
)
def provider_is(transfer: Draft, role: str, party: str) -> Draft:
    details = parse_party(party)
    values = {k: v for k, v in details.items() if k in {"name", "country"} and v is not None}
    return transfer.with_provider(SERVICE_ROLES[role], **values)


@step(
    "given",
    "the {role} knew of the violation",
    "the freight forwarder knew of the violation",
    doc="The provider knew the exporter was breaking export-control rules (ECL Art. 36).",
    section="Service providers",
    target_fixture="transfer",
)
def provider_knew(transfer: Draft, role: str) -> Draft:
    return transfer.with_provider(SERVICE_ROLES[role], knew=True)


@step(
    "given",
    "the {role} did not know of the violation",
    "the freight forwarder did not know of the violation",
    doc="The provider did not know of the violation.",
    section="Service providers",
    target_fixture="transfer",
)
def provider_did_not_know(transfer: Draft, role: str) -> Draft:
    return transfer.with_provider(SERVICE_ROLES[role], knew=False)


@step(
    "given",
    "the {role}'s illegal turnover is {amount} yuan",
    "the freight forwarder's illegal turnover is 100,000 yuan",
    doc="The provider's own illegal turnover, for its penalty range.",
    section="Service providers",
    target_fixture="transfer",
)
def provider_turnover(transfer: Draft, role: str, amount: str) -> Draft:
    return transfer.with_provider(SERVICE_ROLES[role], turnover_cny=parse_amount(amount))


# --- conduct (ECL Arts. 33, 35, 38; Regs Arts. 40-43) ---------------------------------------------


@step(
    "given",
    "{party}'s conduct: {act}",
    "the exporter's conduct: refused or obstructed supervision and inspection",
    "the freight forwarder's conduct: failed to report a suspected violation",
    doc=(
        "What a party did that a penalty article punishes: "
        + ", ".join(f"`{c}`" for c in CONDUCT)
        + "."
    ),
    section="Conduct",
    target_fixture="transfer",
)
def conduct(transfer: Draft, party: str, act: str) -> Draft:
    text = party.strip()
    if text in ("the exporter", "the consignee", "the end user"):
        who = text.removeprefix("the ").replace(" ", "_")
    elif text.startswith("the ") and text[4:] in SERVICE_ROLES:
        provider = transfer.provider(SERVICE_ROLES[text[4:]])
        if provider is None:
            raise PhraseError(f"{text} has not been named yet")
        who = f"service_provider:{provider['name']}"
    else:
        raise PhraseError(f"unknown party {text!r}")
    fields = copy.deepcopy(transfer.fields)
    fields.setdefault("conduct", []).append({"party": who, "act": lookup("conduct", act, CONDUCT)})
    return replace(transfer, fields=fields)


@step(
    "given",
    "the exporter's illegal gains are {amount} yuan",
    "the exporter's illegal gains are 100,000 yuan",
    doc="The exporter's illegal gains (Regs Art. 41).",
    section="Money",
    target_fixture="transfer",
)
def exporter_gains(transfer: Draft, amount: str) -> Draft:
    return transfer.set("illegal_gains_cny", parse_amount(amount))
