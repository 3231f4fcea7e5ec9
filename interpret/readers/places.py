"""Places and routes: countries and cities in their roles (origin, destination, route)."""

from __future__ import annotations

import re

from dualuse.interpret.message import ICASE, Context, Facts, Message, alternation

COUNTRIES: dict[str, str] = {
    "japan": "JP",
    "japanese": "JP",
    "日本": "JP",
    "nippon": "JP",
    "china": "CN",
    "chinese": "CN",
    "prc": "CN",
    "中国": "CN",
    "people's republic of china": "CN",
    "mainland china": "CN",
    "south korea": "KR",
    "korea": "KR",
    "korean": "KR",
    "republic of korea": "KR",
    "韩国": "KR",
    "韓国": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "vietnam": "VN",
    "viet nam": "VN",
    "vietnamese": "VN",
    "越南": "VN",
    "ベトナム": "VN",
    "taiwan": "TW",
    "台湾": "TW",
    "hong kong": "HK",
    "香港": "HK",
    "macao": "MO",
    "macau": "MO",
    "singapore": "SG",
    "新加坡": "SG",
    "thailand": "TH",
    "malaysia": "MY",
    "indonesia": "ID",
    "philippines": "PH",
    "india": "IN",
    "australia": "AU",
    "new zealand": "NZ",
    "united states": "US",
    "usa": "US",
    "u.s.": "US",
    "america": "US",
    "american": "US",
    "美国": "US",
    "canada": "CA",
    "mexico": "MX",
    "brazil": "BR",
    "united kingdom": "GB",
    "uk": "GB",
    "britain": "GB",
    "germany": "DE",
    "german": "DE",
    "france": "FR",
    "french": "FR",
    "italy": "IT",
    "netherlands": "NL",
    "belgium": "BE",
    "switzerland": "CH",
    "sweden": "SE",
    "poland": "PL",
    "spain": "ES",
    "russia": "RU",
    "russian": "RU",
    "ukraine": "UA",
    "turkey": "TR",
    "israel": "IL",
    "uae": "AE",
    "united arab emirates": "AE",
    "saudi arabia": "SA",
    "pakistan": "PK",
    "mongolia": "MN",
}
"""Country names and adjectives (English, Chinese, Japanese) to ISO codes."""

CITIES: dict[str, str] = {
    "tokyo": "JP",
    "osaka": "JP",
    "yokohama": "JP",
    "yokosuka": "JP",
    "nagoya": "JP",
    "kobe": "JP",
    "kyoto": "JP",
    "fukuoka": "JP",
    "sapporo": "JP",
    "kure": "JP",
    "东京": "JP",
    "東京": "JP",
    "大阪": "JP",
    "shanghai": "CN",
    "beijing": "CN",
    "shenzhen": "CN",
    "guangzhou": "CN",
    "tianjin": "CN",
    "suzhou": "CN",
    "ningbo": "CN",
    "baotou": "CN",
    "ganzhou": "CN",
    "xiamen": "CN",
    "上海": "CN",
    "北京": "CN",
    "深圳": "CN",
    "seoul": "KR",
    "busan": "KR",
    "hanoi": "VN",
    "haiphong": "VN",
    "ho chi minh city": "VN",
}
"""Cities that stand for their country."""

PLACES = {**COUNTRIES, **CITIES}

COUNTRY_RX = re.compile(
    r"(?<![A-Za-z])(?P<name>" + alternation(list(PLACES)) + r")(?![A-Za-z])", ICASE
)


def country_code(text: str) -> str | None:
    """The ISO code of a country or city name, an adjective or a code; ``None`` if unknown."""
    key = text.strip().casefold().rstrip(".")
    if key in PLACES:
        return PLACES[key]
    if len(key) == 2 and key.isalpha() and text.strip().isupper():
        return key.upper()
    return None


def _country_role(raw: str, start: int, end: int) -> str:
    before = raw[max(0, start - 40) : start].casefold()
    after = raw[end : end + 30].casefold()
    if re.match(r"^[\s-]*(?:origin|made|produced|sourced)", after) or re.search(
        r"(?:made|produced|manufactured|mined|sourced|refined|originating)\s+in\s+$"
        r"|\bof\s+$|\borigin\s+(?:is\s+)?$",
        before,
    ):
        return "origin"
    if re.search(
        r"(?:\bvia|\bthrough|\btransiting|\bthrough\s+the\s+port\s+of"
        r"|\btrans-?shipped\s+(?:in|at|through))\s+$",
        before,
    ):
        return "route"
    if re.search(r"\b(?:from|ex|ex[\s-]works|exw|fob|fca|fas)\s+$", before):
        return "from"  # where the goods leave from: "ex Ningbo", "FOB Shanghai" (Incoterms)
    if re.match(
        r"^[\s-]*(?:company|firm|customer|end[\s-]?user|maker|manufacturer|buyer|client"
        r"|corporation|importer|university|institute|government|navy|army|military"
        r"|defen[cs]e|engineer|national)",
        after,
    ):
        word = raw[start:end].casefold()
        if word in ("chinese", "prc") and re.match(
            r"^[\s-]*(?:company|firm|exporter|maker"
            r"|manufacturer|corporation)",
            after,
        ):
            return "exporter.country"
        return "end_user.country"
    if re.match(r"^[\s-]*(?:exporter|supplier|seller)", after):
        return "exporter.country"
    if (
        re.search(r"\b(?:in|at|inside|within)\s+$", before)
        and PLACES.get(raw[start:end].casefold()) == "CN"
    ):
        return "located"
    if raw[start:end].casefold() in ("chinese", "prc"):
        return "origin"
    return "destination"


def _party_just_before(out: Facts, start: int) -> str | None:
    """The role of a party named just before ``start`` ("X in China", "X, based in China")."""
    best: tuple[int, str] | None = None
    for at, u in out.understood:
        if not u.field.endswith(".name") or at >= start:
            continue
        gap = start - (at + len(u.words))
        if 0 <= gap <= 25 and (best is None or at > best[0]):
            best = (at, u.field.removesuffix(".name"))
    return best[1] if best else None


def read(msg: Message, out: Facts, ctx: Context) -> None:
    """Read countries and cities in their roles: origin, destination, route, where a party is."""
    route: list[str] = []
    weak: list[tuple[str, str, int]] = []  # countries named without "to" or "in" before them
    source: str | None = None
    for m in msg.find(COUNTRY_RX):
        code = PLACES[m.group("name").casefold()]
        role = _country_role(msg.raw, m.start(), m.end())
        if m.group("name").casefold() in CITIES and re.match(r"\s+[A-Z]", msg.raw[m.end() :]):
            continue  # a city that starts a name ("Ganzhou Rare Earth Co.") is the name's
        if (
            role == "destination"
            and not re.search(
                r"\b(?:to|into|in|cif|cfr|cpt|cip|dap|dpu|ddp)\s+(?:the\s+)?$",  # "CIF Yokohama"
                msg.raw[max(0, m.start() - 12) : m.start()],
                ICASE,
            )
        ):
            role = "destination?"
        tail = re.match(r"^[\s-]*(?:origin|made)\b", msg.raw[m.end() :], ICASE)
        words = msg.take(m.start(), m.end() + (tail.end() if tail else 0))
        party = _party_just_before(out, m.start())
        if role in ("located", "destination", "destination?") and party == "exporter":
            # "We are Ganzhou Rare Earth Trading in China": where the exporter is, not the goods.
            out.set("exporter.located_in", code, words=words, at=m.start(), confidence=0.9)
            if not out.has("exporter.country"):
                out.set("exporter.country", code, words=words, at=m.start(), confidence=0.8)
            continue
        if role == "route":
            route.append(code)
        elif role == "from":
            source = code
        elif role == "located":
            out.set("end_user.located_in", code, words=words, at=m.start())
        elif role == "destination?":
            weak.append((code, words, m.start()))
        elif not out.has(role):
            out.set(role, code, words=words, at=m.start())
    if weak and not out.has("destination"):
        code, words, at = weak[0]
        out.set("destination", code, words=words, at=at, confidence=0.8)
    if source is not None and not route:
        out.set(
            "exporter.located_in",
            source,
            words=source,
            at=len(msg.raw),
            confidence=0.8,
            note="where the item is sent from",
        )
    if route:
        dest = out.fields.get("destination")
        full = ([source] if source else []) + route + ([dest] if isinstance(dest, str) else [])
        out.set(
            "route",
            full,
            words=" ".join(full),
            at=len(msg.raw),
            confidence=0.9,
            note="from where it is sent, through, to where it goes",
        )


def read_destination(msg: Message, out: Facts, ctx: Context) -> None:
    """Take the receiving party's country as the destination, when no place was named."""
    if out.has("destination") or out.has("end_user.located_in") or out.has("consignee.located_in"):
        return
    if out.fields.get("transfer") in ("deemed-export", "bonded-zone"):
        return
    for role in ("consignee", "end_user"):
        code = out.fields.get(f"{role}.country")
        if isinstance(code, str) and code != "CN":
            words = next((u.words for _, u in out.understood if u.field == f"{role}.name"), code)
            note = f"where the {role.replace('_', ' ')} is"
            out.set("destination", code, words=words, at=10**6, confidence=0.8, note=note)
            return
