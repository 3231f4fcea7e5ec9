"""Parties: listed names, other company names, their roles (exporter, consignee, end user), "we"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from dualuse.interpret.message import ICASE, Context, Facts, Message
from dualuse.interpret.models import Clarification
from dualuse.interpret.names import PREFIX_BEFORE, SUFFIX_AFTER, normalise_name
from dualuse.interpret.readers.dates import MONTHS, WEEKDAYS
from dualuse.interpret.readers.places import PLACES, country_code

_ROLE_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "end_user",
        re.compile(
            r"(?:end[\s-]?users?(?:\s+is|\s+being)?|used\s+by|for\s+use\s+by"
            r"|\b(?:customer|buyer|client)(?:\s+is)?|\bsold\s+to|\bbill\s+to"
            r"|\b(?:order|orders|po|enquiry|inquiry|request|rfq)(?:\s+(?:no\.?\s*)?[\w-]*\d[\w-]*)?"
            r"\s+(?:from|by))\s*:?\s*$"
            r"|(?:re-?sells?|re-?selling|sells?\s+(?:it|them)\s+on|sell(?:s|ing)?\s+on"
            r"|pass(?:es)?\s+(?:it|them)\s+on|onward\s+(?:sale|supply))\s+(?:it\s+|them\s+)?"
            r"to\s+(?:the\s+)?$",
            ICASE,
        ),
    ),
    (
        "consignee",
        re.compile(
            r"(?:\bvia|\bthrough|\bconsignee(?:\s+is)?|\bdistributor|\btrading\s+house"
            r"|\btrader|\bagent|\bimporter|\bbroker|\bship\s+to\s*:|\bdeliver\s+to\s*:)\s*:?\s*$",
            ICASE,
        ),
    ),
    (
        "exporter",
        re.compile(
            r"(?:\bfrom|\bby|\bexporter(?:\s+is)?|\bsupplier(?:\s+is)?|\bwe\s+are|\bwe,"
            r"|\bi\s+am|\bseller(?:\s+is)?|\bshipper(?:\s+is)?|\bour\s+company(?:\s+is)?)"
            r"\s*:?\s*$",
            ICASE,
        ),
    ),
]

_NAME_START = re.compile(
    r"\b(?P<prep>to|for|via|through|by|from|consignee(?:\s+is)?|end[\s-]?user(?:\s+is)?"
    r"|customer(?:\s+is)?|buyer(?:\s+is)?|client|sold\s+to|bill\s+to|ship\s+to|deliver\s+to"
    r"|exporter(?:\s+is)?|shipper(?:\s+is)?|seller(?:\s+is)?|our\s+company(?:\s+is)?"
    r"|we\s+are|we,|i\s+am|distributor|agent|trader|importer|broker|reseller)\s*:?\s+"
    r"(?:(?:the|a|an|our|their)\s+)?",
    ICASE,
)
_CAP_WORD = r"(?:[A-Z0-9][\w&'.\-]*)"
_NAME_BODY = re.compile(
    _CAP_WORD + r"(?:[ \t]+(?:&|and|of|de|du|" + _CAP_WORD + r"))*"
    r"(?:,?\s*(?:Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Inc\.?|Corporation|Corp\.?|K\.\s?K\.))?"
)
_SENTENCE_END = re.compile(
    r"(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bCorp)(?<!\bK\.K)(?<!\bK\. K)(?<!\bNo)(?<!\b[A-Z])"
    r"\.(?=\s+[A-Z])"
)
"""A full stop that ends a sentence inside a run of capitalised words, not "Co." or "K.K."."""
_ABBREVIATED = re.compile(r"\b(?:Co|Ltd|Inc|Corp|K\.\s?K|Mfg|Bros|[A-Z])\.$")
"""A name that ends in an abbreviation's full stop ("Co.", "K.K."), which is part of it."""
_NEXT_LABEL = re.compile(
    r"[\s,]+(?=(?:Ship|Sold|Bill|Deliver|Notify|Consignee|Customer|Buyer|Client|Exporter|Shipper"
    r"|Seller|End[\s-]?users?|Goods|Items?|Products?|Commodity|Description)\b\s*(?:to\s*)?:)"
)
"""The next field of a form ("... Corp. Ship to: ..."): a name ends before it."""
_NOT_NAMES = (
    set(MONTHS)
    | set(WEEKDAYS)
    | {
        *("i", "we", "it", "me", "us", "what", "why", "who", "they", "he", "she", "the", "our"),
        *("customer", "client", "buyer", "team", "hi", "hello", "dear"),
    }
)


def _name_tail(raw: str, end: int) -> int:
    """How many more characters of capitalised words follow a name ("TDK Europe")."""
    length = 0
    for m in re.finditer(r"[ \t]+(" + _CAP_WORD + r")", raw[end:]):
        word = m.group(1).rstrip(".,")
        if m.start() != length or word.casefold() in _NOT_NAMES or country_code(word):
            break
        length = m.end()
    return length


def _set_party(
    out: Facts,
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


_SELLS_ON = re.compile(
    r"^[^.;?!]{0,25}?\b(?:who|which|that|they)\s+(?:will\s+|then\s+|would\s+|plans?\s+to\s+)?"
    r"(?:re-?sells?|sells?|pass(?:es)?|suppl(?:y|ies)|deliver)\b",
    ICASE,
)
"""After a name, it sells the item on ("Sojitz, who sell it on to"): the name is the consignee."""


_END_USER_UNKNOWN = re.compile(
    r"\bend[\s-]?users?\s*(?:is\s+|:\s*)?(?:unknown|not\s+known|not\s+(?:yet\s+)?(?:stated|given)"
    r"|tbc|tbd|to\s+be\s+confirmed)\b",
    ICASE,
)
"""The message says the end user is not known: a party it names without a role receives it."""


def party_role(raw: str, start: int, end: int | None = None) -> str:
    """The role of the party named at ``start``: from the words before it, or after it."""
    before = raw[max(0, start - 30) : start]
    for role, rx in _ROLE_WORDS:
        if rx.search(before):
            return role
    if end is not None and _SELLS_ON.match(raw[end:]):
        return "consignee"
    if _END_USER_UNKNOWN.search(raw):
        return "consignee"  # "to Mitsui & Co., end user unknown": Mitsui receives it
    return "end_user"


_SUBJECT = r"(?P<name>(?:[A-Z][\w&'.\-]*[ \t]+(?:(?:&|and|of)[ \t]+)?){0,5}[A-Z][\w&'.\-]*)[ \t]+"
_SUBJECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "end_user",
        re.compile(
            _SUBJECT + r"(?:would\s+like|wants|wanted|has\s+ordered|ordered|is\s+asking\s+for"
            r"|asked\s+for|asks\s+for|requests|requested|needs|is\s+looking\s+for"
            r"|plans\s+to\s+buy|is\s+buying)\b"
        ),
    ),
    (
        "exporter",
        re.compile(
            _SUBJECT + r"(?:sells|is\s+selling|will\s+sell|exports|is\s+exporting|will\s+export"
            r"|ships|is\s+shipping|will\s+ship|supplies|is\s+supplying)\b"
        ),
    ),
)
"""A party named as the subject of what it does: "Sumitomo Electric would like 200 kg" (the
customer), "Hunan Antimony Import and Export sells antimony ingots" (the exporter)."""
_PLACE_AFTER_SUFFIX = re.compile(
    r"\b(?:Co\.?|Ltd\.?|Inc\.?|Corp\.?|K\.\s?K\.?|Corporation|Limited)[ \t]+(?P<place>[A-Z][a-z]+)$"
)
"""A city after a company's legal form ("Mitsui & Co. Tokyo"): where it is, not its name."""


def _leads(raw: str) -> Iterator[tuple[int, int, str | None]]:
    """Where a name may start and end, and its role when the sentence gives it as a subject."""
    for lead in _NAME_START.finditer(raw):
        yield lead.end(), len(raw), None
    for role, rx in _SUBJECTS:
        for said in rx.finditer(raw):
            yield said.start("name"), said.end("name"), role


def _name_candidates(raw: str, free: Callable[[int, int], bool]) -> Iterator[tuple[int, int, str]]:
    for at, until, subject in _leads(raw):
        body = _NAME_BODY.match(raw, at, until)
        if body is None:
            continue
        text = body.group(0)
        stop = _SENTENCE_END.search(text)
        text = text[: stop.start()] if stop else text
        label = _NEXT_LABEL.search(raw, body.start())
        if label is not None and label.start() < body.start() + len(text):
            text = text[: label.start() - body.start()]
        text = re.sub(r"(?:\s+(?:&|and|of|de|du))+$", "", text).rstrip(" ,")
        place = _PLACE_AFTER_SUFFIX.search(text)
        if place is not None and country_code(place.group("place")) is not None:
            text = text[: place.start("place")].rstrip()
        if text.endswith(".") and not _ABBREVIATED.search(text):
            text = text[:-1]  # the sentence's full stop: "... by Friday."
        start, end = body.start(), body.start() + len(text)
        if not text or not free(start, end) or text.casefold() in _NOT_NAMES:
            continue
        if text.split()[0].casefold() in _NOT_NAMES or text[0].isdigit():
            continue
        yield start, end, subject or party_role(raw, start, end)


def read_listed(msg: Message, out: Facts, ctx: Context) -> None:
    """Read parties by the catalogue's names, each in the role its words give it."""
    for name in ctx.index.names:
        if name.kind != "party":
            continue
        for m in msg.find(name.pattern):
            start, end = m.span()
            after = SUFFIX_AFTER.match(msg.raw[end:])
            end += after.end() if after else 0
            before = PREFIX_BEFORE.search(msg.raw[:start])
            start = before.start() if before else start
            role = party_role(msg.raw, start, end)
            if out.has(f"{role}.name"):
                continue
            tail = _name_tail(msg.raw, end)
            if tail or not ctx.source.match_party(msg.raw[start:end]).exact:  # "TDK GmbH"
                _ask_or_set_party(msg, out, ctx, start, end + tail, role, name.label)
                continue
            words = msg.take(start, end)
            _set_party(out, role, name.label, name.country, words, start)


def read_unlisted(msg: Message, out: Facts, ctx: Context) -> None:
    """Read other company names after "to", "for", "via", "we are", ...; a near match is asked."""
    for start, end, role in list(_name_candidates(msg.raw, msg.free)):
        typed = msg.raw[start:end]
        if out.has(f"{role}.name") or not msg.free(start, end):
            continue
        if country_code(typed) is not None:
            continue
        _ask_or_set_party(msg, out, ctx, start, end, role, None)


_CJK = r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9fA-Za-z0-9ー・&]"
_CJK_PARTY = re.compile(
    r"(?:株式会社|㈱)?(?P<name>" + _CJK + r"{2,20}?)(?:株式会社|㈱)?(?:向けに|向け|宛てに|宛て|宛)"
    r"|向(?P<zh>" + _CJK + r"{2,20}?(?:公司|集团|大学|研究所|研究院))",
)
"""A company in Japanese ("株式会社デンソー向け": for Denso) or Chinese ("向索尼公司": to Sony)."""
_CJK_NOT_NAMES = {"輸出", "出口", "国内", "海外", "民生", "民用", "軍事", "军事", "防衛", "研究"}
"""Words before 向け that say what for, not whom for ("輸出向け": for export)."""


def read_cjk(msg: Message, out: Facts, ctx: Context) -> None:
    """Read the party a Japanese or Chinese sentence sends the item to, as end user."""
    if out.has("end_user.name"):
        return
    for m in msg.find(_CJK_PARTY):
        group = "name" if m.group("name") else "zh"
        start, end = m.span(group)
        name = m.group(group)
        if msg.free(start, end) and country_code(name) is None and name not in _CJK_NOT_NAMES:
            _ask_or_set_party(msg, out, ctx, start, end, "end_user", None)
            return


def _ask_or_set_party(
    msg: Message,
    out: Facts,
    ctx: Context,
    start: int,
    end: int,
    role: str,
    contained: str | None,
) -> None:
    """Set a typed party name that matches exactly; ask about a near match; keep an unknown one.

    ``contained`` is a listed name found inside the typed words ("TDK" in "TDK Europe").
    """
    typed = msg.raw[start:end]
    match = ctx.source.match_party(typed)
    words = msg.take(start, end)
    plain = normalise_name(typed) or typed
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
                    f"Is “{typed}” the same company as {near}? The names are close ({score}) "
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


def read_consignee(msg: Message, out: Facts, ctx: Context) -> None:
    """Take the end user as the consignee too, when no other party receives the item."""
    name = out.fields.get("end_user.name")
    if not isinstance(name, str) or out.has("consignee"):
        return
    note = "assumed: the party it is sent to"
    typed = next((u.words for _, u in out.understood if u.field == "end_user.name"), name)
    out.set("consignee.name", name, words=typed, at=10**6, confidence=0.7, note=note)
    country = out.fields.get("end_user.country")
    if isinstance(country, str):
        out.set("consignee.country", country, words=typed, at=10**6, confidence=0.7, note=note)


_WE = re.compile(r"\b(?:we|we're|we'll|we've|we'd|our|ours|us)\b", ICASE)
_BRANCH = re.compile(
    r"\bour\s+(?P<place>[A-Za-z][A-Za-z ]{1,20}?)\s+(?P<unit>branch|subsidiary|office|affiliate"
    r"|entity|arm|company|unit)\b",
    ICASE,
)
_SELLS = re.compile(r"\b(?:re-?sell\w*|sell\w*|sold|suppl\w+|ship\w*|send\w*|deliver\w*)\b", ICASE)


def read_we(msg: Message, out: Facts, ctx: Context) -> None:
    """Read "we", "our" and "us" as the company the officer speaks for, as exporter.

    "Our Singapore branch" is that company's party abroad: the exporter is in Singapore, and what
    it sells on is a re-export.
    """
    if not _WE.search(msg.raw) or out.has("exporter.name"):
        return
    speaker = ctx.speaker
    for m in _BRANCH.finditer(msg.raw):
        code = PLACES.get(m.group("place").casefold())
        if code is None or not msg.free(*m.span()):
            continue
        words = msg.take(*m.span())
        unit = f"{m.group('place')} {m.group('unit').casefold()}"
        name = f"{speaker.name} ({unit})" if speaker else f"our {unit}"
        out.set(
            "exporter.name", name, words=words, at=m.start(), note="your company's party abroad"
        )
        out.set("exporter.country", code, words=words, at=m.start())
        out.set("exporter.located_in", code, words=words, at=m.start())
        if (
            code != "CN"
            and out.fields.get("transfer") in (None, "export")
            and _SELLS.search(msg.raw)
        ):
            out.set(
                "transfer",
                "re-export",
                words=words,
                at=m.start(),
                confidence=0.8,
                note="a party abroad sells the item on",
            )
        return
    if speaker is None:
        out.speaker_needed = True
        return
    we = _WE.search(msg.raw)
    if we is None:
        return
    note = "“we”: the company you speak for"
    out.set("exporter.name", speaker.name, words=we.group(0), at=we.start(), note=note)
    if speaker.country:
        out.set("exporter.country", speaker.country, words=we.group(0), at=we.start(), note=note)
