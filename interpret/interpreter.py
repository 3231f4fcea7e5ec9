"""The free-text interpreter: a transfer question in plain words to a :class:`Transfer`.

It reads names of items and parties from the engine's catalogue (English, Chinese, Japanese names,
aliases, formulas), countries, dates, quantities, end uses, kinds of transfer, licences and amounts;
it says what it understood, from which words and how sure it is. A near match of a name is never
taken as a hit: it becomes a :class:`Clarification` to put to the user. It never decides.

>>> from datetime import date
>>> from dualuse.engine import Engine
>>> r = interpret("Dy2O3 to the JMSDF in March", Engine(), today=date(2026, 1, 10))
>>> r.transfer.item.description, r.transfer.end_user.name, str(r.transfer.date)
('Dysprosium oxide and its mixtures', 'Japan Maritime Self-Defense Force', '2026-03-01')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from dualuse.engine import Match, Outcome, Transfer, normalise_name
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CatalogueSource",
    "Clarification",
    "Intent",
    "Reading",
    "Understood",
    "interpret",
    "set_fact",
]

Intent = Literal[
    "assess",
    "what_if",
    "why",
    "why_not",
    "show_article",
    "who_is_liable",
    "fine_for",
    "help",
    "answer",
    "reset",
]
"""What the user asks for: a new case, a what-if on the current one, an explanation, help, ..."""

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Understood(BaseModel):
    """One fact the interpreter read, with the words it came from."""

    model_config = _MODEL
    field: str
    """The transfer field, e.g. ``end_user.name`` (``quantity`` is kept as text only)."""
    value: str
    """The value set, in words."""
    words: str
    """The words of the message it came from."""
    confidence: float = Field(ge=0.0, le=1.0)
    """How sure the reading is: 1.0 for an exact name, less for inferred values."""
    note: str = ""
    """How it was read, e.g. "listed name" or "next March after 2026-01-10"."""


class Clarification(BaseModel):
    """Words that came close to a name, or fit several: asked, never assumed."""

    model_config = _MODEL
    field: str
    """The transfer field the answer fills."""
    words: str
    """The words typed."""
    question: str
    """The question to put to the user."""
    options: list[str]
    """The answers offered."""
    values: list[str]
    """The value each option sets, in the order of ``options``."""
    score: float | None = None
    """The best match score (0-100), for a near match."""


class Reading(BaseModel):
    """What the interpreter made of one message."""

    model_config = _MODEL
    transfer: Transfer
    """The transfer after this message: the current one revised, or a new one."""
    understood: list[Understood]
    """Every fact read, in the order of the words."""
    unresolved: list[str]
    """Words it could not place."""
    intent: Intent
    """What the user asks for."""
    target: Outcome | None = None
    """For ``why_not``: the outcome asked about."""
    clarifications: list[Clarification] = Field(default_factory=list)
    """Near matches and ambiguous names to confirm before deciding."""
    new_case: bool = False
    """True when the message starts a new case rather than revising the current one."""
    quantity: str | None = None
    """A quantity as typed ("2 t"); the transfer has no field for it."""


class _Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def names(self) -> Sequence[str]: ...
    @property
    def country(self) -> str | None: ...


class CatalogueSource(Protocol):
    """What the interpreter needs from an engine: its catalogue and its name matchers."""

    def catalogue(self) -> Sequence[_Entry]:
        """Items and parties with all their names."""
        ...

    def match_item(self, text: str) -> Match:
        """Match an item description."""
        ...

    def match_party(self, text: str) -> Match:
        """Match a party name."""
        ...


# ================================================================================================
# Lexicon: the words the interpreter knows besides the catalogue's names.
# ================================================================================================
# fmt: off

_I = re.IGNORECASE

_SUFFIX = (
    r"(?:,?\s*(?:co\.?,?\s*ltd\.?|company\s+limited|corporation|corp\.?|k\.\s?k\.?|kk|inc\.?"
    r"|ltd\.?|limited|llc|gmbh|plc|co\.?)|\s*(?:株式会社|有限公司|股份有限公司|公司))"
)
_SUFFIX_AFTER = re.compile(r"^" + _SUFFIX + r"(?![A-Za-z])", _I)
_PREFIX_BEFORE = re.compile(r"(?:株式会社\s*|\bthe\s+)$", _I)

COUNTRIES: dict[str, str] = {
    "japan": "JP", "japanese": "JP", "日本": "JP", "nippon": "JP", "china": "CN", "chinese": "CN",
    "prc": "CN", "中国": "CN", "people's republic of china": "CN", "mainland china": "CN",
    "south korea": "KR", "korea": "KR", "korean": "KR", "republic of korea": "KR", "韩国": "KR",
    "韓国": "KR", "north korea": "KP", "dprk": "KP", "vietnam": "VN", "viet nam": "VN",
    "vietnamese": "VN", "越南": "VN", "ベトナム": "VN", "taiwan": "TW", "台湾": "TW",
    "hong kong": "HK",
    "香港": "HK", "macao": "MO", "macau": "MO", "singapore": "SG", "新加坡": "SG", "thailand": "TH",
    "malaysia": "MY", "indonesia": "ID", "philippines": "PH", "india": "IN", "australia": "AU",
    "new zealand": "NZ", "united states": "US", "usa": "US", "u.s.": "US", "america": "US",
    "american": "US", "美国": "US", "canada": "CA", "mexico": "MX", "brazil": "BR",
    "united kingdom": "GB", "uk": "GB", "britain": "GB", "germany": "DE", "german": "DE",
    "france": "FR", "french": "FR", "italy": "IT", "netherlands": "NL", "belgium": "BE",
    "switzerland": "CH", "sweden": "SE", "poland": "PL", "spain": "ES", "russia": "RU",
    "russian": "RU", "ukraine": "UA", "turkey": "TR", "israel": "IL", "uae": "AE",
    "united arab emirates": "AE", "saudi arabia": "SA", "pakistan": "PK", "mongolia": "MN",
}
"""Country names and adjectives (English, Chinese, Japanese) to ISO codes."""

CITIES: dict[str, str] = {
    "tokyo": "JP", "osaka": "JP", "yokohama": "JP", "yokosuka": "JP", "nagoya": "JP",
    "kobe": "JP", "kyoto": "JP", "fukuoka": "JP", "sapporo": "JP", "kure": "JP", "东京": "JP",
    "東京": "JP", "大阪": "JP", "shanghai": "CN", "beijing": "CN", "shenzhen": "CN",
    "guangzhou": "CN", "tianjin": "CN", "suzhou": "CN", "ningbo": "CN", "baotou": "CN",
    "ganzhou": "CN", "xiamen": "CN", "上海": "CN", "北京": "CN", "深圳": "CN", "seoul": "KR",
    "busan": "KR", "hanoi": "VN", "haiphong": "VN", "ho chi minh city": "VN",
}
"""Cities that stand for their country."""

_PLACES = {**COUNTRIES, **CITIES}


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


COUNTRY_RX = re.compile(
    r"(?<![A-Za-z])(?P<name>" + _alternation(list(_PLACES)) + r")(?![A-Za-z])", _I
)

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
_M = r"(?P<month>" + _alternation(list(_MONTHS)) + r")\.?"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_W = r"(?P<weekday>" + _alternation(list(_WEEKDAYS)) + r")"
_DATES: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"(?<!\d)" + _Y + r"[-/.](?P<m>\d{1,2})[-/.]" + _D + r"(?!\d)")),
    ("ymd", re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")),
    ("dmy", re.compile(r"\b" + _D + r"\s+(?:of\s+)?" + _M + r",?\s+" + _Y + r"\b", _I)),
    ("dmy", re.compile(r"\b" + _M + r"\s+" + _D + r",?\s+" + _Y + r"\b", _I)),
    ("ym", re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")),
    (
        "ym",
        re.compile(
            r"\b(?:(?:in|during|by|from|early|late|mid)\s+)?" + _M + r",?\s+" + _Y + r"\b", _I
        ),
    ),
    ("md", re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")),
    (
        "md",
        re.compile(r"\b(?:on\s+)?(?:the\s+)?" + _D + r"\s+(?:of\s+)?" + _M + r"(?![A-Za-z])", _I),
    ),
    (
        "md",
        re.compile(r"\b(?:on\s+)?" + _M + r"\s+" + _D + r"\b(?!\s*(?:t|kg|g|yuan|tonnes?)\b)", _I),
    ),
    (
        "m",
        re.compile(
            r"\b(?:in|during|by|this|next|from|early|late|mid)\s+" + _M + r"(?![A-Za-z])", _I
        ),
    ),
    ("m", re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月(?!\s*\d)")),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>today|tomorrow|yesterday|next\s+week|next\s+month|next\s+year)\b", _I
        ),
    ),
    ("rel", re.compile(r"(?P<rel>今天|明天|下周|下个月|今日|明日|来週|来月)")),
    ("wd", re.compile(r"\b(?P<which>next|this|on|coming|this\s+coming)\s+" + _W + r"\b", _I)),
]

MONEY = re.compile(
    r"(?P<cur1>rmb|cny|¥|yuan)\s*(?P<n1>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<m1>k|thousand|m|mn|million|bn|billion|万|亿)?(?![A-Za-z])"
    r"|(?P<n2>\d[\d,]*(?:\.\d+)?)\s*(?P<m2>k|thousand|m|mn|million|bn|billion|万|亿)?\s*"
    r"(?P<cur2>yuan|rmb|cny|元|人民币)",
    _I,
)
_MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
    "bn": 1_000_000_000, "billion": 1_000_000_000, "万": 10_000, "亿": 100_000_000,
}

QUANTITY = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:t|tonnes?|tons?|mt|kg|kilograms?|kilos?|g|grams?|lbs?|pounds"
    r"|pieces|pcs|units|吨|公斤|千克|キロ|トン)(?![A-Za-z])",
    _I,
)

_CN_PLACE = r"(?:china|shanghai|beijing|shenzhen|suzhou|guangzhou|tianjin|中国|上海|北京|深圳)"
TRANSFER_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "deemed-export",
        re.compile(
            r"\bdeemed[\s-]+exports?\w*"
            r"|\b(?:to|for|with)\s+(?:a|an|the|our|some)?\s*(?:foreign|japanese|overseas|non-chinese)\s+"
            r"(?:engineer|national|employee|staff|person|researcher|scientist|visitor|student|expert)s?"
            r"(?:\s+(?:in|at|visiting)\s+" + _CN_PLACE + r")?",
            _I,
        ),
    ),
    ("re-export", re.compile(r"\bre[\s-]?export\w*|再出口|再輸出", _I)),
    ("transit", re.compile(r"\btransit\w*|\btrans-?ship\w*|过境|转运|通過|通过", _I)),
    (
        "bonded-zone",
        re.compile(
            r"\b(?:in)?to\s+(?:a|the)\s+bonded\s+(?:zone|area|warehouse)\b"
            r"|\bbonded\s+(?:zone|area|warehouse|logistics\s+(?:centre|center|park))s?"
            r"|综合保税区|保税区|保税",
            _I,
        ),
    ),
    ("gift", re.compile(r"\bgift\w*|\bdonat\w+|\bfree\s+samples?\b|赠送|贈与", _I)),
    (
        "exhibition",
        re.compile(r"\bexhibit\w*|\btrade\s+(?:fair|show)s?\b|\bexpo\b|展览|展会|展示会", _I),
    ),
    ("export", re.compile(r"\bexport\w*|出口|輸出", _I)),
    (
        "export?",
        re.compile(
            r"\b(?:ship|ships|shipping|shipped|sell|sells|selling|sold|send|sends"
            r"|sending|sent|supply|supplying|deliver\w*)\b",
            _I,
        ),
    ),
]

END_USES: list[tuple[bool, re.Pattern[str]]] = [
    (
        False,
        re.compile(
            r"\bnon[\s-]?military\b|\bnot\s+(?:for\s+)?(?:a\s+)?military\b|\bcivil(?:ian)?\b"
            r"|\bconsumer\s+electronics\b|\bconsumer\s+goods\b|\bconsumer\b|\bEVs?(?:\s+motors?)?\b"
            r"|\belectric\s+(?:vehicles?|cars?|motors?)\b|\bwind\s+turbines?\b|\bsmartphones?\b"
            r"|\bhousehold\b|\bcommercial\b|\bmedical\b|\bMRI\b|\bLEDs?\b|\blasers?\s+for\s+industry"
            r"|\bindustrial\b|\bhard\s+disk\s+drives?\b|\bcatalysts?\b|民用|民生",
            _I,
        ),
    ),
    (
        True,
        re.compile(
            r"\bmilitary\b|\bdefen[cs]e\b|\bradars?\b|\bmissiles?\b|\bdestroyers?\b|\bwarships?\b"
            r"|\bfighter(?:\s+(?:jets?|aircraft))?\b|\bsubmarines?\b|\bweapons?\b|\bmunitions?\b"
            r"|\bfrigates?\b|\barmou?red\s+vehicles?\b|\bnavy\b|\bnaval\b|\bsonar\b|\bjet\s+engines?\s+for"
            r"|军用|軍用|军事|軍事|防衛|国防",
            _I,
        ),
    ),
]

LICENCES: list[tuple[bool, re.Pattern[str]]] = [
    (
        False,
        re.compile(
            r"\b(?:without|no|not\s+(?:yet\s+)?(?:have|hold|holding|got))\s+(?:a|an|any)?"
            r"\s*(?:export\s+)?licen[cs]es?\b",
            _I,
        ),
    ),
    (
        True,
        re.compile(
            r"\b(?:with|hold|holds|holding|have|has|got|under)\s+(?:a|an|the|our)?\s*"
            r"(?:export\s+)?licen[cs]e\b(?:\s*(?:no\.?|number|#)?\s*"
            r"(?P<number>[A-Z0-9][A-Z0-9\-/]{3,}))?",
            _I,
        ),
    ),
]

ITEM_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "technology",
        re.compile(
            r"\btechnolog(?:y|ies)\b|\btechnical\s+data\b|\bknow[\s-]how\b"
            r"|\bblueprints?\b|\bproduction\s+process\b|技术|技術",
            _I,
        ),
    ),
    ("software", re.compile(r"\bsoftware\b|软件|ソフトウェア", _I)),
]

_ELEMENT_TABLE: list[tuple[str, str, list[str]]] = [
    ("samarium", "Sm", ["钐", "サマリウム"]),
    ("gadolinium", "Gd", ["钆", "ガドリニウム"]),
    ("terbium", "Tb", ["铽", "テルビウム"]),
    ("dysprosium", "Dy", ["镝", "ジスプロシウム"]),
    ("lutetium", "Lu", ["镥", "ルテチウム"]),
    ("scandium", "Sc", ["钪", "スカンジウム"]),
    ("yttrium", "", ["钇", "イットリウム"]),
    ("gallium", "Ga", ["镓", "ガリウム"]),
    ("germanium", "Ge", ["锗", "ゲルマニウム"]),
    ("antimony", "Sb", ["锑", "アンチモン"]),
    ("graphite", "", ["石墨", "黒鉛", "グラファイト"]),
    ("tungsten", "", ["钨", "タングステン"]),
    ("tellurium", "Te", ["碲", "テルル"]),
    ("bismuth", "Bi", ["铋", "ビスマス"]),
    ("molybdenum", "", ["钼", "モリブデン"]),
    ("indium", "", ["铟", "インジウム"]),
]
ELEMENTS: list[tuple[str, re.Pattern[str]]] = [
    (
        name,
        re.compile(
            r"(?<![A-Za-z])(?:(?i:"
            + name
            + r")"
            + (r"|" + symbol if symbol else "")
            + r")(?![a-z])|"
            + "|".join(native)
        ),
    )
    for name, symbol, native in _ELEMENT_TABLE
]
"""Element names, symbols (case-sensitive) and native names, for items named by parts."""

FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "magnet",
        re.compile(r"\bmagnets?\b|\bNdFeB\b|\bNd-Fe-B\b|\bneodymium\b|磁体|磁石|磁铁|永磁", _I),
    ),
    ("target", re.compile(r"\b(?:sputtering\s+)?targets?\b|靶材|ターゲット", _I)),
    ("oxide", re.compile(r"\boxides?\b|氧化|酸化", _I)),
    ("alloy", re.compile(r"\balloys?\b|合金", _I)),
    ("compound", re.compile(r"\bcompounds?\b|化合物", _I)),
    ("metal", re.compile(r"\bmetal(?:lic)?\b|金属", _I)),
]

STOPWORDS = set(
    """
    a an the to of for in on at by from via with and or but if is are was were be been being it
    its this that these those we i you our my your can could may might must should would will
    shall do does did done what which who whom whose how why when where there here please ok
    okay so allowed allow permitted legal ship ships shipping shipped sell selling send sending
    sent export exports exporting exported provide providing transfer transferring move moving
    use used using end user users about into onto any some all per us me they them their also
    then than as let lets let's check tell want need like going go get got have has had make
    made not no yes case question instead suppose assume assuming same else new under over
    through quantity company corporation firm customer buyer maker manufacturer is-it 出口 向 给 到
    和 的 に を へ で は が と の する 輸出 ください 吗 可以 吗 是否
    """.split()  # noqa: SIM905 - a word list reads better as words
)

FOLLOW_UP = re.compile(
    r"^\s*(?:and|but|ok|okay|so)?\s*,?\s*(?:what|how)\s+about\b|\bwhat\s+if\b"
    r"|^\s*(?:and|but|or)\s+(?:if|with|for|to)\b|^\s*if\b|\bsuppose\b|\bassum(?:e|ing)\b"
    r"|\binstead\b|\bwere\b|\bhad\s+been\b|^\s*same\b",
    _I,
)

INTENTS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        "help",
        re.compile(
            r"^\s*(?:help|\?|h|what\s+can\s+(?:you|i)\s+(?:do|ask)|how\s+does\s+"
            r"(?:this|it)\s+work|examples?)\s*[?!.]*\s*$",
            _I,
        ),
    ),
    ("reset", re.compile(r"^\s*(?:new\s+case|start\s+over|reset|clear|new\s+question)\b", _I)),
    (
        "why_not",
        re.compile(
            r"\bwhy\s+(?:is\s+it\s+|was\s+it\s+|it\s+is\s+)?not\b|\bwhy\s+isn'?t\b"
            r"|\bwhy\s+no\b|为什么不",
            _I,
        ),
    ),
    (
        "show_article",
        re.compile(
            r"\b(?:show|quote|read|cite|display|open|give)\b.{0,20}\b(?:article|law|text|provision"
            r"|clause|rule|quote|wording|source)s?\b|^\s*(?:the\s+)?(?:article|quote|wording)\s*[?!.]*$"
            r"|\bwhat\s+does\s+the\s+(?:law|article|announcement|rule)\s+say",
            _I,
        ),
    ),
    (
        "who_is_liable",
        re.compile(
            r"\bwho\b.{0,30}\b(?:liable|responsible|punished|penali[sz]ed"
            r"|exposed|at\s+risk)\b|\bliability\b",
            _I,
        ),
    ),
    ("fine_for", re.compile(r"\b(?:fine|fines|fined|penalt(?:y|ies)|sanctions?)\b|罚款", _I)),
    (
        "why",
        re.compile(
            r"^\s*(?:and\s+)?why\b|\bhow\s+come\b|\bon\s+what\s+(?:grounds|basis)\b"
            r"|\bexplain\b|为什么",
            _I,
        ),
    ),
    (
        "answer",
        re.compile(
            r"^\s*(?:\d{1,2}|yes|no|y|n|yep|nope|unknown|don'?t\s+know|not\s+sure"
            r"|skip|true|false)\s*[.!]?\s*$",
            _I,
        ),
    ),
]

OUTCOME_WORDS: list[tuple[Outcome, re.Pattern[str]]] = [
    ("out_of_scope", re.compile(r"out\s+of\s+scope|\bscope\b|outside", _I)),
    ("license_required", re.compile(r"licen[cs]|permit\b", _I)),
    (
        "not_controlled",
        re.compile(
            r"not[\s_]+controlled|uncontrolled|\bfree\b|\ballowed\b|\bok\b"
            r"|\bfine\b|\blegal\b",
            _I,
        ),
    ),
    ("prohibited", re.compile(r"prohibit|\bban|forbid|illegal", _I)),
]

_ROLE_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "end_user",
        re.compile(
            r"(?:end[\s-]?users?(?:\s+is|\s+being)?|used\s+by|for\s+use\s+by"
            r"|customer\s+is)\s*:?\s*$",
            _I,
        ),
    ),
    (
        "consignee",
        re.compile(
            r"(?:\bvia|\bthrough|\bconsignee(?:\s+is)?|\bdistributor|\btrading\s+house"
            r"|\btrader|\bagent|\bimporter|\bbroker)\s*:?\s*$",
            _I,
        ),
    ),
    (
        "exporter",
        re.compile(
            r"(?:\bfrom|\bby|\bexporter(?:\s+is)?|\bsupplier(?:\s+is)?|\bwe\s+are|\bwe,"
            r"|\bi\s+am|\bseller(?:\s+is)?)\s*:?\s*$",
            _I,
        ),
    ),
]

_NAME_START = re.compile(
    r"\b(?P<prep>to|for|via|through|by|from|consignee\s+is|end[\s-]?user\s+is|customer"
    r"|exporter\s+is|we\s+are|we,|i\s+am)\s+"
    r"(?:(?:the|a|an|our|their)\s+)?",
    _I,
)
_CAP_WORD = r"(?:[A-Z0-9][\w&'.\-]*)"
_NAME_BODY = re.compile(
    _CAP_WORD + r"(?:\s+(?:&|and|of|de|du|" + _CAP_WORD + r"))*"
    r"(?:,?\s*(?:Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Inc\.?|Corporation|Corp\.?|K\.\s?K\.))?"
)
_NOT_NAMES = set(_MONTHS) | set(_WEEKDAYS) | {"i", "we", "it", "me", "us", "what", "why", "who"}

# fmt: on


def normalise(text: str) -> str:
    """NFKC-normalise a message: full-width letters, digits and signs become ASCII."""
    return unicodedata.normalize("NFKC", text)


def strip_suffixes(name: str) -> str:
    """Drop company suffixes ("Co., Ltd.", "K.K.", "株式会社") with the engine's normaliser."""
    return normalise_name(name, fold=False)


def country_code(text: str) -> str | None:
    """The ISO code of a country or city name, an adjective or a code; ``None`` if unknown."""
    key = text.strip().casefold().rstrip(".")
    if key in _PLACES:
        return _PLACES[key]
    if len(key) == 2 and key.isalpha() and text.strip().isupper():
        return key.upper()
    return None


# ================================================================================================
# The names index built from the engine's catalogue.
# ================================================================================================


@dataclass(frozen=True)
class _Name:
    pattern: re.Pattern[str]
    entry_id: str
    kind: str
    label: str
    country: str | None
    length: int


def _name_pattern(name: str) -> re.Pattern[str] | None:
    core = strip_suffixes(normalise(name))
    if not core:
        return None
    words = []
    for part in re.split(r"[\s\-_.,/]+", core):
        if not part:
            continue
        piece = re.escape(part)
        if part.isascii() and part.isalpha() and len(part) > 3:
            piece += "(?:s|es)?"
        words.append(piece)
    body = r"[\s\-_.,/]*".join(words)
    left = r"(?<![A-Za-z0-9])" if core[0].isascii() and core[0].isalnum() else ""
    right = r"(?![A-Za-z0-9])" if core[-1].isascii() and core[-1].isalnum() else ""
    # Short ASCII names (TDK, MOD, GaN, Ga) match only as written: "mod" or "ga" are not names.
    short = core.isascii() and len(core.replace(" ", "")) <= 3
    return re.compile(left + body + right, 0 if short else _I)


@dataclass(frozen=True)
class _Index:
    names: list[_Name]
    entries: dict[str, _Entry]


_INDEXES: weakref.WeakKeyDictionary[object, _Index] = weakref.WeakKeyDictionary()


def _index(engine: CatalogueSource) -> _Index:
    try:
        cached = _INDEXES.get(engine)
    except TypeError:
        cached = None
    if cached is not None:
        return cached
    names: list[_Name] = []
    entries: dict[str, _Entry] = {}
    for entry in engine.catalogue():
        entries[entry.id] = entry
        seen: set[str] = set()
        for name in [entry.label, *entry.names]:
            key = normalise(name).casefold().strip()
            if not key or key in seen:
                continue
            seen.add(key)
            pattern = _name_pattern(name)
            if pattern is not None:
                label, kind, country = entry.label, entry.kind, entry.country
                names.append(_Name(pattern, entry.id, kind, label, country, len(key)))
    names.sort(key=lambda n: -n.length)
    index = _Index(names, entries)
    with contextlib.suppress(TypeError):  # an engine that cannot be weakly referenced
        _INDEXES[engine] = index
    return index


# ================================================================================================
# Reading a message.
# ================================================================================================


class _Text:
    """The message, with a mask of the characters already read."""

    def __init__(self, text: str) -> None:
        self.raw = normalise(text)
        self.used = [False] * len(self.raw)

    def free(self, start: int, end: int) -> bool:
        return not any(self.used[start:end])

    def take(self, start: int, end: int) -> str:
        for i in range(start, end):
            self.used[i] = True
        return self.raw[start:end].strip()

    def find(self, rx: re.Pattern[str]) -> list[re.Match[str]]:
        return [m for m in rx.finditer(self.raw) if m.end() > m.start() and self.free(*m.span())]

    def leftover(self) -> list[str]:
        chars = [" " if used else c for c, used in zip(self.raw, self.used, strict=True)]
        out = []
        for word in re.findall(r"[\w'&\-]+", "".join(chars)):
            key = word.casefold().strip("-'")
            if not key or key in STOPWORDS or (key.isdigit() and len(key) < 3):
                continue
            out.append(word)
        return out


class _Facts:
    """Facts read from one message, as nested JSON-style values."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.understood: list[tuple[int, Understood]] = []
        self.clarifications: list[Clarification] = []
        self.fields: dict[str, Any] = {}

    def set(
        self,
        field: str,
        value: Any,
        *,
        words: str,
        at: int,
        confidence: float = 1.0,
        note: str = "",
        shown: str | None = None,
    ) -> None:
        self.fields[field] = value
        text = shown if shown is not None else _show(value)
        understood = Understood(
            field=field, value=text, words=words, confidence=confidence, note=note
        )
        self.understood = [(a, u) for a, u in self.understood if u.field != field]
        self.understood.append((at, understood))

    def has(self, prefix: str) -> bool:
        return any(f == prefix or f.startswith(prefix + ".") for f in self.fields)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)


def interpret(
    text: str,
    engine: CatalogueSource,
    *,
    current: Transfer | None = None,
    today: dt.date,
) -> Reading:
    """Read one message of the chat.

    Args:
        text: What the user typed.
        engine: The engine whose catalogue and matchers name items and parties.
        current: The case under discussion; a follow-up revises it.
        today: The date relative dates ("next Monday", "in March") count from.

    Returns:
        The revised or new transfer, what was understood, what was not, and the intent.
    """
    msg = _Text(text)
    intent, target, span = _intent(msg.raw, current is not None)
    if intent not in ("assess", "answer"):
        msg.take(*span)
    follow_up = bool(FOLLOW_UP.search(msg.raw))
    facts = _Facts()
    _read_facts(msg, facts, engine, today)

    subject = facts.has("item") and (
        facts.has("end_user.name") or facts.has("consignee.name") or facts.has("destination")
    )
    new_case = current is None or (intent == "assess" and not follow_up and subject)
    if current is not None and not new_case and intent == "assess" and facts.fields:
        intent = "what_if" if follow_up else "assess"
    base = {} if new_case or current is None else current.model_dump(mode="json")
    transfer = Transfer.model_validate(_merge(base, facts.fields))
    understood = [u for _, u in sorted(facts.understood, key=lambda pair: pair[0])]
    return Reading(
        transfer=transfer,
        understood=understood,
        unresolved=msg.leftover(),
        intent=intent,
        target=target,
        clarifications=facts.clarifications,
        new_case=current is not None and new_case,
        quantity=facts.fields.get("quantity"),
    )


def _merge(base: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for field, value in fields.items():
        if field == "quantity":
            continue
        parts = field.split(".")
        if len(parts) == 2 and parts[1] == "name":
            # A new party replaces the old one whole: the old country belonged to the old name.
            out[parts[0]] = {}
        _put(out, parts, value)
    return out


def _put(data: dict[str, Any], parts: list[str], value: Any) -> None:
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        node[part] = dict(child) if isinstance(child, dict) else {}
        node = node[part]
    node[parts[-1]] = value


def _intent(raw: str, has_case: bool) -> tuple[Intent, Outcome | None, tuple[int, int]]:
    for name, rx in INTENTS:
        m = rx.search(raw)
        if m is None or (name == "answer" and not has_case):
            continue
        if name == "why_not":
            target, end = _target(raw, m.end())
            return "why_not", target, (m.start(), end)
        return name, None, m.span()
    return "assess", None, (0, 0)


def _target(raw: str, start: int) -> tuple[Outcome | None, int]:
    for outcome, rx in OUTCOME_WORDS:
        m = rx.search(raw, start)
        if m is not None:
            tail = re.match(r"[\w\-]*", raw[m.end() :])
            return outcome, m.end() + (tail.end() if tail else 0)
    return None, start


def _read_facts(msg: _Text, out: _Facts, engine: CatalogueSource, today: dt.date) -> None:
    # Order matters: amounts and dates first (their digits), then catalogue names (longest first,
    # before end-use words: "Defense" in a name is not a military end use), then the rest.
    _read_turnover(msg, out)
    _read_date(msg, out, today)
    _read_quantity(msg, out)
    _read_kind(msg, out)
    index = _index(engine)
    _read_catalogue_names(msg, out, index, engine)
    _read_item_by_parts(msg, out, index)
    _read_end_use(msg, out)
    _read_licences(msg, out)
    _read_item_kind(msg, out)
    _read_free_parties(msg, out, engine)
    _read_countries(msg, out)
    if not out.has("item.description"):
        _read_free_item(msg, out, engine)
    _consignee_from_end_user(out)


def _consignee_from_end_user(out: _Facts) -> None:
    name = out.fields.get("end_user.name")
    if not isinstance(name, str) or out.has("consignee"):
        return
    note = "assumed: the party it is sent to"
    typed = next((u.words for _, u in out.understood if u.field == "end_user.name"), name)
    out.set("consignee.name", name, words=typed, at=10**6, confidence=0.7, note=note)
    country = out.fields.get("end_user.country")
    if isinstance(country, str):
        out.set("consignee.country", country, words=typed, at=10**6, confidence=0.7, note=note)


def _money(m: re.Match[str]) -> int | None:
    number = m.group("n1") or m.group("n2")
    mult = (m.group("m1") or m.group("m2") or "").casefold()
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    return round(value * _MULTIPLIERS.get(mult, 1))


def _read_turnover(msg: _Text, out: _Facts) -> None:
    for m in msg.find(MONEY):
        amount = _money(m)
        if amount is not None:
            words = msg.take(*m.span())
            out.set("turnover_cny", amount, words=words, at=m.start(), shown=f"{amount:,} yuan")
            return


def find_date(
    text: str, today: dt.date, free: Callable[[int, int], bool] = lambda s, e: True
) -> tuple[dt.date, int, int, float, str] | None:
    """Find the first date in ``text``: (date, start, end, confidence, how it was read)."""
    for kind, rx in _DATES:
        for m in rx.finditer(text):
            if not free(*m.span()):
                continue
            found = _date_of(kind, m, today)
            if found is not None:
                return found[0], m.start(), m.end(), found[1], found[2]
    return None


def _date_of(kind: str, m: re.Match[str], today: dt.date) -> tuple[dt.date, float, str] | None:
    g = m.groupdict()
    month = _MONTHS.get((g.get("month") or "").casefold()) or (int(g["m"]) if g.get("m") else 0)
    try:
        if kind in ("ymd", "dmy"):
            return dt.date(int(g["year"]), month, int(g["day"])), 1.0, ""
        if kind == "ym":
            return dt.date(int(g["year"]), month, 1), 0.8, "the first day of the month"
        if kind == "md":
            day = dt.date(today.year, month, int(g["day"]))
            if day < today:
                day = dt.date(today.year + 1, month, int(g["day"]))
            return day, 0.9, f"the next such day after {today.isoformat()}"
        if kind == "m":
            if month == today.month:
                return today, 0.8, "this month: today"
            year = today.year if month > today.month else today.year + 1
            return dt.date(year, month, 1), 0.8, f"the next such month after {today.isoformat()}"
    except ValueError:
        return None
    if kind == "rel":
        return _relative(g["rel"].casefold(), today)
    if kind == "wd":
        target = _WEEKDAYS[g["weekday"].casefold()]
        ahead = (target - today.weekday()) % 7 or 7
        if g["which"].casefold() == "next" and ahead < 7 and today.weekday() < target:
            pass  # "next Friday" said on a Monday: the coming Friday, the usual reading.
        return today + dt.timedelta(days=ahead), 0.8, f"the next such weekday after {today}"
    return None


def _relative(word: str, today: dt.date) -> tuple[dt.date, float, str]:
    word = re.sub(r"\s+", " ", word)
    if word in ("today", "今天", "今日"):
        return today, 1.0, "today"
    if word in ("tomorrow", "明天", "明日"):
        return today + dt.timedelta(days=1), 1.0, "tomorrow"
    if word == "yesterday":
        return today - dt.timedelta(days=1), 1.0, "yesterday"
    if word in ("next week", "下周", "来週"):
        return today + dt.timedelta(days=7), 0.7, "a week from today"
    if word == "next year":
        return dt.date(today.year + 1, 1, 1), 0.6, "the first day of next year"
    first = dt.date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    return first, 0.7, "the first day of next month"


def _read_date(msg: _Text, out: _Facts, today: dt.date) -> None:
    found = find_date(msg.raw, today, msg.free)
    if found is not None:
        day, start, end, confidence, note = found
        words = msg.take(start, end)
        out.set("date", day.isoformat(), words=words, at=start, confidence=confidence, note=note)


def _read_quantity(msg: _Text, out: _Facts) -> None:
    for m in msg.find(QUANTITY):
        words = msg.take(*m.span())
        out.set("quantity", words, words=words, at=m.start(), note="kept as text")
        return


def _read_kind(msg: _Text, out: _Facts) -> None:
    for kind, rx in TRANSFER_KINDS:
        for m in msg.find(rx):
            words = msg.take(*m.span())
            if kind == "export?":
                out.set(
                    "transfer",
                    "export",
                    words=words,
                    at=m.start(),
                    confidence=0.7,
                    note=f"read from {words!r}",
                )
                return
            out.set("transfer", kind, words=words, at=m.start())
            if kind == "deemed-export":
                if re.search(_CN_PLACE, words, _I):
                    out.set(
                        "end_user.located_in",
                        "CN",
                        words=words,
                        at=m.start(),
                        note="the foreign person receives it in China",
                    )
                if re.search(r"japanese", words, _I):
                    out.set("end_user.country", "JP", words=words, at=m.start())
            return


def _name_tail(raw: str, end: int) -> int:
    """How many more characters of capitalised words follow a name ("TDK Europe")."""
    length = 0
    for m in re.finditer(r"\s+(" + _CAP_WORD + r")", raw[end:]):
        word = m.group(1).rstrip(".,")
        if m.start() != length or word.casefold() in _NOT_NAMES or country_code(word):
            break
        length = m.end()
    return length


def _read_catalogue_names(msg: _Text, out: _Facts, index: _Index, engine: CatalogueSource) -> None:
    for name in index.names:
        for m in msg.find(name.pattern):
            start, end = m.span()
            after = _SUFFIX_AFTER.match(msg.raw[end:])
            end += after.end() if after else 0
            before = _PREFIX_BEFORE.search(msg.raw[:start])
            start = before.start() if before else start
            if name.kind == "item":
                if out.has("item.description"):
                    continue
                words = msg.take(start, end)
                out.set(
                    "item.description", name.label, words=words, at=start, note="catalogue name"
                )
            else:
                role = _party_role(msg.raw, start)
                if out.has(f"{role}.name"):
                    continue
                tail = _name_tail(msg.raw, end)
                if tail or not engine.match_party(msg.raw[start:end]).exact:  # "TDK GmbH"
                    _ask_or_set_party(msg, out, engine, start, end + tail, role, name.label)
                    continue
                words = msg.take(start, end)
                _set_party(out, role, name.label, name.country, words, start)


def _set_party(
    out: _Facts,
    role: str,
    name: str,
    country: str | None,
    words: str,
    at: int,
    *,
    confidence: float = 1.0,
    note: str = "listed name",
) -> None:
    out.set(f"{role}.name", name, words=words, at=at, confidence=confidence, note=note)
    if country:
        out.set(
            f"{role}.country",
            country,
            words=words,
            at=at,
            confidence=0.9,
            note="from the catalogue",
        )


def _party_role(raw: str, start: int) -> str:
    before = raw[max(0, start - 30) : start]
    for role, rx in _ROLE_WORDS:
        if rx.search(before):
            return role
    return "end_user"


def _read_item_by_parts(msg: _Text, out: _Facts, index: _Index) -> None:
    if out.has("item.description"):
        return
    element = next(((el, hits[0]) for el, rx in ELEMENTS if (hits := msg.find(rx))), None)
    if element is None:
        return
    el, m = element
    form = next(((f, hits[0]) for f, rx in FORMS if (hits := msg.find(rx))), None)
    own = re.compile(r"(?<![a-z])" + el, _I)
    items = [e for e in index.entries.values() if e.kind == "item" and own.search(e.label)]
    if form is not None:
        fitting = [e for e in items if form[0] in e.label.casefold()]
        if len(fitting) == 1:
            words = msg.take(*m.span()) + " + " + msg.take(*form[1].span())
            for other_form, rx in FORMS:
                if other_form == form[0]:
                    for extra in msg.find(rx):
                        words += " " + msg.take(*extra.span())
            out.set(
                "item.description",
                fitting[0].label,
                words=words,
                at=min(m.start(), form[1].start()),
                confidence=0.9,
                note=f"{el} in the form {form[0]}",
            )
            return
    words = msg.take(*m.span())
    if len(items) == 1:
        out.set("item.description", items[0].label, words=words, at=m.start(), confidence=0.9)
    elif items:
        labels = sorted({e.label for e in items})
        out.clarifications.append(
            Clarification(
                field="item.description",
                words=words,
                question=f"Which {el} item is it?",
                options=labels,
                values=labels,
            )
        )


def _end_use_phrase(raw: str, start: int, end: int) -> str:
    left = raw.rfind(" for ", max(0, start - 40), start)
    begin = left + 5 if left >= 0 else start
    stop = re.search(r"[,.;?!]|\s(?:to|in|on|by|via|next|from)\s", raw[end:])
    finish = end + stop.start() if stop else len(raw)
    return raw[begin:finish].strip()


def _read_end_use(msg: _Text, out: _Facts) -> None:
    for military, rx in END_USES:
        hits = msg.find(rx)
        if not hits:
            continue
        m = hits[0]
        phrase = _end_use_phrase(msg.raw, *m.span())
        words = " ".join(msg.take(*hit.span()) for hit in hits)
        out.set("end_use.description", phrase, words=words, at=m.start())
        out.set("end_use.military", military, words=words, at=m.start())
        if not military:
            out.set(
                "end_use.helps_military_strength",
                False,
                words=words,
                at=m.start(),
                note="a civilian end use does not help military strength",
            )
        return


def _read_licences(msg: _Text, out: _Facts) -> None:
    for held, rx in LICENCES:
        for m in msg.find(rx):
            words = msg.take(*m.span())
            number = m.groupdict().get("number")
            value = ([number] if number else ["held (number not given)"]) if held else []
            out.set("licences", value, words=words, at=m.start())
            return


def _read_item_kind(msg: _Text, out: _Facts) -> None:
    for kind, rx in ITEM_KINDS:
        for m in msg.find(rx):
            out.set("item.kind", kind, words=msg.take(*m.span()), at=m.start())
            return


def _name_candidates(raw: str, free: Callable[[int, int], bool]) -> Iterator[tuple[int, int, str]]:
    for lead in _NAME_START.finditer(raw):
        body = _NAME_BODY.match(raw, lead.end())
        if body is None:
            continue
        text = body.group(0)
        text = re.sub(r"(?:\s+(?:&|and|of|de|du))+$", "", text).rstrip(" ,")
        start, end = body.start(), body.start() + len(text)
        if not text or not free(start, end) or text.casefold() in _NOT_NAMES:
            continue
        if text.split()[0].casefold() in _NOT_NAMES or text[0].isdigit():
            continue
        yield start, end, _party_role(raw, start)


def _read_free_parties(msg: _Text, out: _Facts, engine: CatalogueSource) -> None:
    for start, end, role in list(_name_candidates(msg.raw, msg.free)):
        typed = msg.raw[start:end]
        if out.has(f"{role}.name") or not msg.free(start, end):
            continue
        if country_code(typed) is not None:
            continue
        _ask_or_set_party(msg, out, engine, start, end, role, None)


def _ask_or_set_party(
    msg: _Text,
    out: _Facts,
    engine: CatalogueSource,
    start: int,
    end: int,
    role: str,
    contained: str | None,
) -> None:
    """Set a typed party name that matches exactly; ask about a near match; keep an unknown one.

    ``contained`` is a listed name found inside the typed words ("TDK" in "TDK Europe").
    """
    typed = msg.raw[start:end]
    match = engine.match_party(typed)
    words = msg.take(start, end)
    plain = strip_suffixes(typed) or typed
    near = match.label if match.matched is not None else contained
    if match.matched is not None and match.exact:
        _set_party(out, role, match.label or typed, None, words, start)
    elif near is not None:
        score = f"score {match.score:.0f} of 100" if match.matched is not None else "it contains it"
        out.clarifications.append(
            Clarification(
                field=f"{role}.name",
                words=words,
                question=(
                    f"Is “{typed}” the listed {near}? The names are close ({score}) "
                    "but not the same."
                ),
                options=[f"Yes, {near}", f"No, {plain} is another party"],
                values=[near, plain],
                score=match.score,
            )
        )
    else:
        out.set(
            f"{role}.name",
            plain,
            words=words,
            at=start,
            confidence=0.9,
            note="not a name on the lists the engine knows",
        )


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
    if re.search(r"\bfrom\s+$", before):
        return "from"
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
        and _PLACES.get(raw[start:end].casefold()) == "CN"
    ):
        return "located"
    if raw[start:end].casefold() in ("chinese", "prc"):
        return "origin"
    return "destination"


def _read_countries(msg: _Text, out: _Facts) -> None:
    route: list[str] = []
    weak: list[tuple[str, str, int]] = []  # countries named without "to" or "in" before them
    source: str | None = None
    for m in msg.find(COUNTRY_RX):
        code = _PLACES[m.group("name").casefold()]
        role = _country_role(msg.raw, m.start(), m.end())
        if m.group("name").casefold() in CITIES and re.match(r"\s+[A-Z]", msg.raw[m.end() :]):
            continue  # a city that starts a name ("Ganzhou Rare Earth Co.") is the name's
        if role == "destination" and not re.search(
            r"\b(?:to|into|in)\s+(?:the\s+)?$", msg.raw[max(0, m.start() - 12) : m.start()], _I
        ):
            role = "destination?"
        tail = re.match(r"^[\s-]*(?:origin|made)\b", msg.raw[m.end() :], _I)
        words = msg.take(m.start(), m.end() + (tail.end() if tail else 0))
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


_ITEM_LEAD = re.compile(
    r"\b(?:export|exporting|ship|shipping|sell|selling|send|sending|supply|supplying|provide"
    r"|providing|transfer|transferring|re-?export|move|moving)\s+(?:some\s+|our\s+|the\s+)?",
    _I,
)
_ITEM_STOP = re.compile(r"\s+(?:to|for|via|through|into|from|in|on|by|next)\s|[,.;?!]|$", _I)


def _read_free_item(msg: _Text, out: _Facts, engine: CatalogueSource) -> None:
    lead = _ITEM_LEAD.search(msg.raw)
    start = lead.end() if lead else 0
    stop = _ITEM_STOP.search(msg.raw, start)
    end = stop.start() if stop else len(msg.raw)
    while start < end and msg.used[start]:
        start += 1
    typed = msg.raw[start:end].strip()
    typed = re.sub(r"^(?:of\s+|some\s+)+", "", typed, flags=_I)
    if not typed or len(typed) > 60 or not msg.free(start, end):
        return
    if all(w.casefold() in STOPWORDS for w in re.findall(r"[\w'\-]+", typed)):
        return
    match = engine.match_item(typed)
    if match.matched is None or not match.label:
        return
    words = msg.take(start, end)
    if match.exact:
        out.set("item.description", match.label, words=words, at=start, note="catalogue name")
        return
    out.clarifications.append(
        Clarification(
            field="item.description",
            words=words,
            question=(
                f"Is “{typed}” the listed item {match.label}? The names are close "
                f"(score {match.score:.0f} of 100) but not the same."
            ),
            options=[f"Yes, {match.label}", f"No, {typed} is another item"],
            values=[match.label, typed],
            score=match.score,
        )
    )


# ================================================================================================
# Setting one fact from words: answers to questions and edits of the facts form.
# ================================================================================================

_BOOL_FIELDS = {
    "item.listed",
    "end_use.military",
    "end_use.helps_military_strength",
    "exporter_knowledge.wmd",
    "exporter_knowledge.terrorism",
    "exporter_knowledge.national_security",
    "exporter_knowledge.notified",
}
_COUNTRY_FIELDS = {
    "origin",
    "destination",
    "exporter.country",
    "exporter.located_in",
    "consignee.country",
    "consignee.located_in",
    "end_user.country",
    "end_user.located_in",
}
_KIND_WORDS = {
    "deemed": "deemed-export",
    "re-export": "re-export",
    "reexport": "re-export",
    "transit": "transit",
    "bonded": "bonded-zone",
    "gift": "gift",
    "exhibition": "exhibition",
    "export": "export",
}


def _yes_no(text: str) -> bool | None:
    key = text.strip().casefold()
    if re.match(r"^(?:yes|y|true|yep|it is|it does|correct|是|はい)\b", key):
        return True
    if re.match(r"^(?:no|n|false|nope|it is not|it isn'?t|not|否|いいえ)\b", key):
        return False
    raise ValueError(f"answer yes, no or unknown, not {text!r}")


def _parse_value(field: str, text: str | None, today: dt.date) -> Any:
    if text is None or text.strip().casefold() in ("", "unknown", "don't know", "not sure", "?"):
        return None
    text = normalise(text).strip()
    if field in _BOOL_FIELDS:
        return _yes_no(text)
    if field in _COUNTRY_FIELDS:
        code = (
            country_code(text)
            or country_code(text.split()[0].rstrip(","))
            or (text.upper() if re.fullmatch(r"[A-Za-z]{2}", text) else None)
        )
        if code is None:
            raise ValueError(f"{text!r} is not a country I know; give a name or ISO code")
        return code
    if field == "route":
        codes = [country_code(p) or p.upper() for p in re.split(r"[,;>\s]+|\s+then\s+", text) if p]
        return codes
    if field == "licences":
        if re.match(r"^(?:none|no|nothing|-)\b", text, _I):
            return []
        return [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if field in ("turnover_cny",) or field.endswith(".turnover_cny"):
        m = MONEY.search(text)
        if m is not None and (value := _money(m)) is not None:
            return value
        digits = text.replace(",", "").replace(" ", "")
        if digits.isdigit():
            return int(digits)
        raise ValueError(f"{text!r} is not an amount in yuan")
    if field == "date":
        found = find_date(text, today)
        if found is None:
            raise ValueError(f"{text!r} is not a date I can read (try 2026-03-02)")
        return found[0].isoformat()
    if field == "transfer":
        key = text.casefold()
        for word, kind in _KIND_WORDS.items():
            if word in key:
                return kind
        raise ValueError(f"{text!r} is not a kind of transfer")
    if field == "item.kind":
        key = text.casefold()
        for kind in ("goods", "software", "technology"):
            if kind in key:
                return kind
        raise ValueError("answer goods, software or technology")
    return text


def set_fact(transfer: Transfer, field: str, value: str | None, *, today: dt.date) -> Transfer:
    """Return ``transfer`` with one field set from words ("yes", "Japan", "next Monday", ...).

    Args:
        transfer: The transfer to revise.
        field: The field, dotted (``end_use.military``).
        value: The answer as typed or offered; ``None``, "" or "unknown" makes it unknown.
        today: For relative dates.

    Returns:
        A new transfer.

    Raises:
        ValueError: When the value does not fit the field.
    """
    data = transfer.model_dump(mode="json")
    _put(data, field.split("."), _parse_value(field, value, today))
    return Transfer.model_validate(data)
