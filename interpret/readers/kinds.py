"""Kinds of transfer (export, re-export, deemed export, transit, bonded zone, ...) and of item."""

from __future__ import annotations

import re

from dualuse.interpret.message import ICASE, Context, Facts, Message
from dualuse.interpret.names import in_a_name

_CN_PLACE = r"(?:china|shanghai|beijing|shenzhen|suzhou|guangzhou|tianjin|中国|上海|北京|深圳)"
TRANSFER_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "deemed-export",
        re.compile(
            r"\bdeemed[\s-]+exports?\w*"
            r"|\b(?:to|for|with)\s+(?:a|an|the|our|some)?\s*(?:foreign|japanese|overseas|non-chinese)\s+"
            r"(?:engineer|national|employee|staff|person|researcher|scientist|visitor|student|expert)s?"
            r"(?:\s+(?:in|at|visiting)\s+" + _CN_PLACE + r")?",
            ICASE,
        ),
    ),
    ("re-export", re.compile(r"\bre[\s-]?export\w*|再出口|再輸出", ICASE)),
    ("transit", re.compile(r"\btransit\w*|\btrans-?ship\w*|过境|转运|通過|通过", ICASE)),
    (
        "bonded-zone",
        re.compile(
            r"\b(?:in)?to\s+(?:a|the)\s+bonded\s+(?:zone|area|warehouse)\b"
            r"|\bbonded\s+(?:zone|area|warehouse|logistics\s+(?:centre|center|park))s?"
            r"|综合保税区|保税区|保税",
            ICASE,
        ),
    ),
    ("gift", re.compile(r"\bgift\w*|\bdonat\w+|\bfree\s+samples?\b|赠送|贈与", ICASE)),
    (
        "exhibition",
        re.compile(r"\bexhibit\w*|\btrade\s+(?:fair|show)s?\b|\bexpo\b|展览|展会|展示会", ICASE),
    ),
    ("export", re.compile(r"\bexport\w*|出口|輸出", ICASE)),
    (
        "export?",
        re.compile(
            r"\b(?:ship|ships|shipping|shipped|sell|sells|selling|sold|send|sends"
            r"|sending|sent|supply|supplying|deliver\w*)\b",
            ICASE,
        ),
    ),
]
ITEM_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "technology",
        re.compile(
            r"\btechnolog(?:y|ies)\b|\btechnical\s+data\b|\bknow[\s-]how\b"
            r"|\bblueprints?\b|\bproduction\s+process\b|技术|技術",
            ICASE,
        ),
    ),
    ("software", re.compile(r"\bsoftware\b|软件|ソフトウェア", ICASE)),
]


_LABEL_AFTER = re.compile(r"[ \t]*(?::|is\b|was\b)", ICASE)


def _names_a_party(raw: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` labels a party or ends its name, not the transfer.

    >>> _names_a_party("Exporter: Yunnan Germanium Export.", 0, 8)
    True
    >>> _names_a_party("Exporter: Yunnan Germanium Export.", 27, 33)
    True
    >>> _names_a_party("Export Dy2O3 to Sony", 0, 6)
    False
    """
    word = raw[start:end]
    if word.casefold().startswith("exporter") and _LABEL_AFTER.match(raw, end):
        return True  # "Exporter: ...", "the exporter is ..."
    return in_a_name(raw, start, end)


def read_transfer(msg: Message, out: Facts, ctx: Context) -> None:
    """Read the kind of transfer; a verb such as "ship" is an export, less surely."""
    for kind, rx in TRANSFER_KINDS:
        for m in msg.find(rx):
            if _names_a_party(msg.raw, *m.span()):
                continue  # "Exporter:", "Hunan Antimony Import and Export"
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
                if re.search(_CN_PLACE, words, ICASE):
                    out.set(
                        "end_user.located_in",
                        "CN",
                        words=words,
                        at=m.start(),
                        note="the foreign person receives it in China",
                    )
                if re.search(r"japanese", words, ICASE):
                    out.set("end_user.country", "JP", words=words, at=m.start())
            return


def read_item(msg: Message, out: Facts, ctx: Context) -> None:
    """Read whether the item is software or technology."""
    for kind, rx in ITEM_KINDS:
        for m in msg.find(rx):
            out.set("item.kind", kind, words=msg.take(*m.span()), at=m.start())
            return


def read_assumed_export(msg: Message, out: Facts, ctx: Context) -> None:
    """Read an item sent to a party abroad by a Chinese exporter as an export, when no word said.

    The exporter is Chinese when the message says so, or when it names none and the officer
    speaks for a Chinese company.
    """
    if out.has("transfer") or not out.has("item.description"):
        return
    country = out.fields.get("exporter.country")
    if country is None and not out.has("exporter.name") and ctx.speaker is not None:
        country = ctx.speaker.country
    places = [out.fields.get(f) for f in ("destination", "end_user.country", "consignee.country")]
    named = out.has("destination") or out.has("end_user.name") or out.has("consignee.name")
    inside = "CN" in places or out.has("end_user.located_in") or out.has("consignee.located_in")
    if country == "CN" and named and not inside:
        out.set(
            "transfer",
            "export",
            words="",
            at=10**6,
            confidence=0.7,
            note="a Chinese exporter sends it to a party not said to be in China",
        )
