"""The words of a compliance memo, turned into transfer fields and back.

Pure functions and tables, no pytest and no engine: dates ("2 March 2026"), amounts ("800,000
yuan"), countries and nationalities ("Japan", "a Japanese company"), parties ("Sakura Trading, a
Japanese trading house in Japan"), outcomes, licence conditions, liability bases, question topics,
services and citations ("Export Control Law Article 12(3)").

>>> parse_date("2 March 2026").isoformat()
'2026-03-02'
>>> parse_amount("800,000 yuan")
800000
>>> parse_party("Sakura Trading, a Japanese trading house in Japan")
{'name': 'Sakura Trading', 'country': 'JP', 'located_in': 'JP'}
>>> CitationQuery.parse("Export Control Law Article 12(3)").text()
'Export Control Law, Article 12(3)'
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

# --- errors ---------------------------------------------------------------------------------------


class PhraseError(ValueError):
    """A phrase in a step is not in the vocabulary; the message suggests the closest one."""


def suggest(word: str, known: Iterable[str]) -> str:
    """Return ``" Did you mean '...'?"`` for the closest known phrase, or an empty string.

    Args:
        word: What was written.
        known: The phrases the vocabulary knows.

    Returns:
        A sentence to append to an error message.
    """
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.5)
    return f" Did you mean {close[0]!r}?" if close else ""


def lookup(kind: str, phrase: str, table: Mapping[str, str]) -> str:
    """Look a phrase up in a vocabulary table, case-insensitively.

    Args:
        kind: What the phrase names, for the error message ("end use", "licence condition").
        phrase: The phrase as written in the step.
        table: The known phrases and what each means.

    Returns:
        The meaning of the phrase.

    Raises:
        PhraseError: The phrase is not in the table; the message names the closest phrase.
    """
    key = normalise(phrase)
    for known, meaning in table.items():
        if normalise(known) == key:
            return meaning
    raise PhraseError(
        f"unknown {kind} {phrase!r}.{suggest(phrase, table)} "
        f"Known phrases: {', '.join(repr(k) for k in table)}."
    )


def normalise(text: str) -> str:
    """Lower-case a phrase and squeeze its spaces, hyphens and underscores."""
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


# --- dates and amounts ----------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}

DATE_PATTERN = r"\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2}"
"""A date as a memo writes it ("2 March 2026") or in ISO form ("2026-03-02")."""

AMOUNT_PATTERN = r"\d{1,3}(?:,\d{3})+|\d+"
"""A whole amount of yuan, with or without thousands separators ("800,000", "800000")."""


def parse_date(text: str) -> dt.date:
    """Read "2 March 2026" or "2026-03-02".

    Args:
        text: The date as written.

    Returns:
        The date.

    Raises:
        PhraseError: The text is not a date in either form.
    """
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
    words = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text)
    if words and words[2].lower() in MONTHS:
        return dt.date(int(words[3]), MONTHS[words[2].lower()], int(words[1]))
    raise PhraseError(f"cannot read the date {text!r}: write it as '2 March 2026' or '2026-03-02'")


def parse_amount(text: str) -> int:
    """Read a whole amount of yuan: "800,000", "800000", "800,000 yuan".

    Args:
        text: The amount as written.

    Returns:
        The amount in whole yuan.

    Raises:
        PhraseError: The text is not a whole amount.
    """
    cleaned = re.sub(r"\s*(yuan|CNY|RMB)$", "", text.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(AMOUNT_PATTERN, cleaned):
        raise PhraseError(f"cannot read the amount {text!r}: write it as '800,000 yuan'")
    return int(cleaned.replace(",", ""))


def format_amount(value: int) -> str:
    """Write an amount the way the feature files do: ``4,000,000``."""
    return f"{value:,}"


# --- countries and parties ------------------------------------------------------------------------

COUNTRIES = {
    "China": "CN",
    "the PRC": "CN",
    "the People's Republic of China": "CN",
    "Japan": "JP",
    "South Korea": "KR",
    "Korea": "KR",
    "Singapore": "SG",
    "Vietnam": "VN",
    "Germany": "DE",
    "France": "FR",
    "the Netherlands": "NL",
    "the United States": "US",
    "the United Kingdom": "GB",
    "Australia": "AU",
    "Malaysia": "MY",
    "Thailand": "TH",
    "India": "IN",
    "Hong Kong": "HK",
}
"""Country names a memo uses, with their ISO codes."""

NATIONALITIES = {
    "Chinese": "CN",
    "PRC": "CN",
    "Japanese": "JP",
    "South Korean": "KR",
    "Korean": "KR",
    "Singaporean": "SG",
    "Vietnamese": "VN",
    "German": "DE",
    "French": "FR",
    "Dutch": "NL",
    "American": "US",
    "US": "US",
    "British": "GB",
    "Australian": "AU",
    "Malaysian": "MY",
    "Thai": "TH",
    "Indian": "IN",
}
"""Nationality adjectives, with the ISO code of the country."""


def country_code(text: str) -> str:
    """Turn a country name ("Japan") or an ISO code ("JP") into the ISO code.

    Args:
        text: The country as written.

    Returns:
        The two-letter ISO code.

    Raises:
        PhraseError: The country is not known.
    """
    text = text.strip()
    if re.fullmatch(r"[A-Z]{2}", text):
        return text
    return lookup("country", text, COUNTRIES)


def nationality_code(text: str) -> str:
    """Turn a nationality adjective ("Japanese") into the ISO code of the country."""
    return lookup("nationality", text, NATIONALITIES)


_PARTY = re.compile(
    r"(?P<name>.+?)"
    r"(?:, an? (?P<nationality>(?:South )?[A-Z][A-Za-z]+) (?P<noun>[^,]+?))?"
    r"(?: (?:in|based in|located in) (?P<place>(?:the )?[A-Z][A-Za-z' ]+))?"
)


def parse_party(text: str) -> dict[str, str | None]:
    """Read a party as a memo names it.

    Forms: ``TDK``; ``the Japan Maritime Self-Defense Force``; ``Sakura Trading, a Japanese
    trading house``; ``Taro Yamada, a Japanese engineer in China``. The nationality becomes the
    party's country, ``in <country>`` where it is when it receives the item. A leading "the" is
    kept: the engine's matcher ignores it.

    Args:
        text: The party as written.

    Returns:
        The fields of a transfer party: name, country, located_in (``None`` where not said).
    """
    match = _PARTY.fullmatch(text.strip())
    if match is None:  # pragma: no cover - the pattern matches any non-empty text
        return {"name": text.strip(), "country": None, "located_in": None}
    nationality = match["nationality"]
    place = match["place"]
    country = nationality_code(nationality) if nationality else None
    located = country_code(place) if place and place.strip() in _place_names() else None
    name = match["name"]
    if place and located is None:
        # "in" was part of the name ("Institute of Science Tokyo in ..." is not a place we know).
        name = f"{name} in {place}"
    return {"name": name.strip(), "country": country, "located_in": located}


def _place_names() -> set[str]:
    return set(COUNTRIES) | {c.lower() for c in COUNTRIES}


# --- outcomes -------------------------------------------------------------------------------------

OUTCOMES = {
    "is prohibited": "prohibited",
    "requires a licence": "license_required",
    "is not controlled": "not_controlled",
    "is out of scope": "out_of_scope",
    "is undetermined": "undetermined",
}
"""How a memo states each outcome: "the transfer is prohibited"."""

OUTCOME_NAMES = {
    "prohibited": "prohibited",
    "licence required": "license_required",
    "license required": "license_required",
    "not controlled": "not_controlled",
    "out of scope": "out_of_scope",
    "undetermined": "undetermined",
}
"""Outcomes named as nouns: "the outcome could still be prohibited"."""


# --- end use, knowledge, items, transfer kinds ----------------------------------------------------

END_USES: dict[str, dict[str, bool | None]] = {
    "military": {"military": True},
    "not military": {"military": False},
    "civilian": {"military": False, "helps_military_strength": False},
    "one that helps enhance Japan's military strength": {"helps_military_strength": True},
    "civilian but helps enhance Japan's military strength": {
        "military": False,
        "helps_military_strength": True,
    },
    "one that does not help enhance Japan's military strength": {"helps_military_strength": False},
    "not known": {"military": None, "helps_military_strength": None},
}
"""What "the end use is ..." sets in ``end_use``."""

KNOWLEDGE = {
    "may be used for weapons of mass destruction": "wmd",
    "may be used for terrorism": "terrorism",
    "may endanger China's national security": "national_security",
}
"""What the exporter may know (ECL Art. 12(3)), and the ``exporter_knowledge`` field."""

ITEM_KINDS = {"goods": "goods", "software": "software", "technology": "technology"}

TRANSFER_KINDS = {
    "an export": "export",
    "a re-export": "re-export",
    "a provision to a foreign person inside China": "deemed-export",
    "a deemed export": "deemed-export",
    "a transit through China": "transit",
    "a transshipment through China": "transit",
    "a move into a bonded zone": "bonded-zone",
    "a gift": "gift",
    "an exhibition": "exhibition",
}
"""What "the transfer is ..." sets in ``transfer``."""


# --- service providers ----------------------------------------------------------------------------

SERVICE_ROLES = {
    "freight forwarder": "freight",
    "agent": "agency",
    "export agent": "agency",
    "courier": "delivery",
    "customs broker": "customs",
    "e-commerce platform": "e-commerce",
    "bank": "financial",
}
"""Service providers by role (ECL Art. 20), with the ``service`` field each sets."""

ROLE_PATTERN = "|".join(sorted((re.escape(r) for r in SERVICE_ROLES), key=len, reverse=True))
KIND_PATTERN = "|".join(sorted((re.escape(k) for k in TRANSFER_KINDS), key=len, reverse=True))
ITEM_KIND_PATTERN = "|".join(ITEM_KINDS)


# --- liability ------------------------------------------------------------------------------------

BASES = {
    "an unlicensed export": "unlicensed_export",
    "exporting without a licence": "unlicensed_export",
    "a prohibited export": "prohibited_export",
    "exporting prohibited items": "prohibited_export",
    "trading with a control-listed party": "control_list_trading",
    "transferring PRC-origin items to a prohibited Japanese party": "clause2_transfer",
    "transferring PRC-origin items to a control-listed party": "control_list_transfer",
    "knowingly serving a violating exporter": "service_provider",
    "exporting without the required export-operating qualification": "qualification_missing",
    "obtaining a licence by fraud or bribery, or transferring one illegally": "licence_fraud",
    "forging, altering, buying or selling a licence": "licence_forgery",
    "refusing or obstructing supervision and inspection": "obstruction",
    "a serious failure to report": "reporting_failure_serious",
    "failing to report a suspected violation": "provider_reporting_failure",
    "instigating or helping an evasion": "evasion_help",
    "breaching a commitment made to MOFCOM": "commitment_breach",
    "accepting a foreign verification without approval": "foreign_verification",
    "shipping through China in breach, as a foreign party": "foreign_transit",
}
"""What a party may be liable for, in words, with the engine's basis id."""

SANCTIONS = {
    "criminal liability": "criminal_liability",
    "an order to stop": "order_to_stop",
    "confiscation of illegal gains": "confiscation_of_illegal_gains",
    "a warning": "warning",
    "suspension or revocation if serious": "suspension_or_revocation_if_serious",
    "a 5-year licence refusal": "licence_refusal_up_to_5_years",
    "a 5-year bar on its managers": "managers_barred_up_to_5_years",
    "an entry in the credit record": "credit_record",
    "being dealt with under the Export Control Law": "dealt_with_under_ecl",
    "revocation of the licence": "licence_revoked",
    "an order to correct": "order_to_correct",
    "a 5-year refusal of end-user statements": "end_user_statement_refusal_5_years",
    "suspension if especially serious": "suspension_if_especially_serious",
}

CONDUCT = {
    "exported without the required export-operating qualification": "export_without_qualification",
    "obtained a licence by fraud or bribery, or transferred one illegally": (
        "licence_fraud_or_transfer"
    ),
    "forged, altered, bought or sold a licence": "licence_forgery_or_trade",
    "refused or obstructed supervision and inspection": "obstruct_inspection",
    "failed a reporting duty, in a serious case": "reporting_failure_serious",
    "failed to report a suspected violation": "provider_reporting_failure",
    "failed to report a suspected violation, in a serious case": (
        "provider_reporting_failure_serious"
    ),
    "instigated or helped an evasion of export controls": "evasion_help",
    "breached a commitment made to MOFCOM": "commitment_breach",
    "accepted a foreign government's verification without approval": "foreign_verification",
    "accepted a foreign government's verification without approval, in a serious case": (
        "foreign_verification_serious"
    ),
}
"""Sanctions other than fines, in words, with the sanction id of ``data/sanctions.csv``."""


# --- licence conditions ---------------------------------------------------------------------------

CONDITIONS = {
    "a risk-assessment report": "risk_assessment_report",
    "a written commitment": "written_commitment",
    "no general licence": "no_general_licence",
    "no registration": "no_registration",
    "no 45-working-day clock": "no_45_day_clock",
    "end-user and end-use certificates": "end_user_end_use_certificate",
    "an end-use undertaking": "end_use_undertaking",
    "a civilian-use assurance": "civilian_use_assurance",
    "the control code on the customs declaration": "declare_control_code",
    "reporting under the special approval": "special_approval_reporting",
}
"""Licence conditions in words, with the condition id the engine gives."""


# --- questions ------------------------------------------------------------------------------------

TOPICS = {
    "the end use": ("end_use",),
    "the end user": ("end_user",),
    "the consignee": ("consignee",),
    "the exporter": ("exporter",),
    "the exporter's knowledge": ("exporter_knowledge",),
    "the item": ("item",),
    "whether the item is listed": ("item.listed",),
    "the origin": ("origin",),
    "the kind of transfer": ("transfer",),
    "the destination": ("destination",),
    "the route": ("route",),
    "the licences": ("licences",),
    "the turnover": ("turnover_cny", "service_providers"),
    "the service providers": ("service_providers",),
    "the date": ("date",),
    "the suspension by Announcement 2025 No. 70": ("law.no70_suspension_extended",),
    "the suspension by Announcement 2025 No. 72": ("law.no72_suspension_extended",),
    "the listing reported for 29 June 2026": ("law.second_wave_verified",),
}
"""What a question is about, with the transfer fields (or field prefixes) it may name."""


# --- citations ------------------------------------------------------------------------------------

INSTRUMENTS = {
    "export control law": "Export Control Law",
    "ecl": "Export Control Law",
    "regulations": "Dual-Use Items Export Control Regulations",
    "regs": "Dual-Use Items Export Control Regulations",
    "dual use items export control regulations": "Dual-Use Items Export Control Regulations",
    "dual use regulations": "Dual-Use Items Export Control Regulations",
}
"""Short names of the statutes; announcements are written "Announcement 2026 No. 1"."""


class CitationLike(Protocol):
    """What a citation of the engine looks like (instrument, article, paragraph, item)."""

    @property
    def instrument(self) -> str: ...

    @property
    def article(self) -> str: ...

    @property
    def paragraph(self) -> str: ...

    @property
    def item(self) -> str: ...


_ANNOUNCEMENT = re.compile(r"announcement (\d{4}) no\. ?(\d+)", re.IGNORECASE)
_ARTICLE = re.compile(
    r"(?:article|art\.?)\s*(?P<article>\d+)"
    r"(?:\s*\((?P<paragraph>\d+)\))?"
    r"(?:\s*\((?P<item>\d+)\))?",
    re.IGNORECASE,
)
_PRONG = {"first": "first prong", "second": "second prong", "third": "third prong"}


@dataclass(frozen=True)
class CitationQuery:
    """A citation as a lawyer writes it, to be found among the engine's citations.

    Attributes:
        instrument: The instrument ("Export Control Law", "Announcement 2026 No. 1").
        article: The article or clause ("34", "clause 1", "measure 1"); empty matches any.
        paragraph: The paragraph ("3", "first prong"); empty matches any.
        item: The item ("(1)"); empty matches any.
    """

    instrument: str
    article: str = ""
    paragraph: str = ""
    item: str = ""

    @classmethod
    def parse(cls, text: str) -> CitationQuery:
        """Read "Announcement 2026 No. 1 clause 1", "Export Control Law Article 12(3)", ...

        Args:
            text: The citation as written.

        Returns:
            The query.

        Raises:
            PhraseError: The instrument is not recognised.
        """
        rest = text.strip()
        announcement = _ANNOUNCEMENT.search(rest)
        if announcement:
            instrument = f"Announcement {announcement[1]} No. {announcement[2]}"
            rest = rest[announcement.end() :]
        else:
            instrument = ""
            for short, full in sorted(INSTRUMENTS.items(), key=lambda kv: -len(kv[0])):
                if normalise(rest).startswith(short):
                    instrument = full
                    rest = rest[len(short) :]
                    break
            if not instrument:
                raise PhraseError(
                    f"unknown instrument in the citation {text!r}: write 'Announcement 2026 No. 1 "
                    "clause 1', 'Export Control Law Article 34' or 'Regulations Article 48(2)'"
                )
        rest = rest.strip(" ,")
        article = paragraph = item = ""
        article_match = _ARTICLE.fullmatch(rest)
        clause = re.fullmatch(
            r"(?P<kind>clause|measure) (?P<num>\d+)(?:,? (?P<prong>first|second|third) prong)?",
            rest,
            re.IGNORECASE,
        )
        if article_match:
            article = article_match["article"]
            paragraph = article_match["paragraph"] or ""
            item = f"({article_match['item']})" if article_match["item"] else ""
        elif clause:
            article = f"{clause['kind'].lower()} {clause['num']}"
            paragraph = _PRONG[clause["prong"].lower()] if clause["prong"] else ""
        elif rest:
            article = rest
        return cls(instrument=instrument, article=article, paragraph=paragraph, item=item)

    def matches(self, citation: CitationLike | None) -> bool:
        """True when ``citation`` is this instrument and, where given, this article and paragraph.

        An article cited as ``"34, 37"`` matches either article.
        """
        if citation is None:
            return False
        if not _same_instrument(self.instrument, citation.instrument):
            return False
        if self.article:
            articles = [a.strip().lower() for a in citation.article.split(",")]
            if self.article.lower() not in articles:
                return False
        if self.paragraph and citation.paragraph.lower() != self.paragraph.lower():
            return False
        return not (self.item and citation.item != self.item)

    def text(self) -> str:
        """The query in words, for messages."""
        parts = [self.instrument]
        if self.article:
            where = self.article if not self.article.isdigit() else f"Article {self.article}"
            if self.paragraph.isdigit():
                where += f"({self.paragraph})"
            elif self.paragraph:
                where += f", {self.paragraph}"
            parts.append(where + self.item)
        return ", ".join(parts)


def _same_instrument(wanted: str, actual: str) -> bool:
    if wanted.startswith("Announcement"):
        # "MOFCOM Announcement 2026 No. 1" or "MOFCOM & GACC Announcement 2025 No. 18"; the number
        # must end there, so that "No. 1" does not match "No. 11".
        return re.search(re.escape(wanted) + r"(?!\d)", actual) is not None
    return actual == wanted
