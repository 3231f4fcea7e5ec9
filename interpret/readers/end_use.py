"""End use: military and civilian uses named in the message."""

from __future__ import annotations

import re

from dualuse.interpret.message import ICASE, Context, Facts, Message
from dualuse.interpret.names import in_a_name

END_USES: list[tuple[bool, re.Pattern[str]]] = [
    (
        False,
        re.compile(
            r"\bnon[\s-]?military\b|\bnot\s+(?:for\s+)?(?:a\s+)?military\b|\bcivil(?:ian)?\b"
            r"|\bconsumer\s+electronics\b|\bconsumer\s+goods\b|\bconsumer\b|\bEVs?(?:\s+motors?)?\b"
            r"|\belectric\s+(?:vehicles?|cars?|motors?)\b|\bwind\s+turbines?\b|\bsmartphones?\b"
            r"|\bhousehold\b|\bcommercial\b|\bmedical\b|\bMRI\b|\bLEDs?\b|\blasers?\s+for\s+industry"
            r"|\bindustrial\b|\bhard\s+disk\s+drives?\b|\bcatalysts?\b|民用|民生"
            r"|\bsatellite\s+(?:instruments?|solar\s+cells?|sensors?|payloads?)\b"
            r"|\bsemiconductors?(?:\s+(?:manufacturing|equipment|production|fabs?))?\b"
            r"|\boptical\s+fib(?:re|er)s?\b|\bfib(?:re|er)[\s-]optics?\b|\bsolar\s+(?:cells?|panels?)\b|\bcapacitors?\b"
            r"|\bcar\s+parts\b|\bautomotive\b|\belectric\s+trucks?\b|\bscanners?\b"
            r"|\bflame\s+retardants?\b|\bphosphors?\b|\bcar\s+motors?\b"
            r"|\bbrake\s+(?:pads?|linings?)\b|\bacademic\b|\bcars?\b|\bautomobiles?\b",
            ICASE,
        ),
    ),
    (
        True,
        re.compile(
            r"\bmilitary\b|\bdefen[cs]e\b|\bradars?\b|\bmissiles?\b|\bdestroyers?\b|\bwarships?\b"
            r"|\bfighter(?:\s+(?:jets?|aircraft))?\b|\bsubmarines?\b|\bweapons?\b|\bmunitions?\b"
            r"|\bfrigates?\b|\barmou?red\s+vehicles?\b|\bnavy\b|\bnaval\b|\bsonar\b|\bjet\s+engines?\s+for"
            r"|军用|軍用|军事|軍事|防衛|国防",
            ICASE,
        ),
    ),
]


def _end_use_phrase(raw: str, start: int, end: int) -> str:
    window = max(0, start - 40)
    label = raw.rfind(":", window, start)
    left = raw.rfind(" for ", window, start)
    begin = label + 1 if label >= 0 else left + 5 if left >= 0 else start
    for mark in (",", ". ", "; ", "("):  # the phrase starts after the last of these
        at = raw.rfind(mark, window, start)
        begin = max(begin, at + len(mark)) if at >= 0 else begin
    begin = min(begin, start)
    stop = re.search(
        r"[,.;?!)\n]|\s(?:to|in|on|by|via|next|from|tomorrow|today|this|delivery|shipping)\b",
        raw[end:],
    )
    finish = end + stop.start() if stop else len(raw)
    return raw[begin:finish].strip()


_LABELLED = re.compile(
    r"\b(?:end[\s-]?use|application|intended\s+use|purpose)\s*:\s*(?P<text>[^.;|\n]{3,80})",
    ICASE,
)
_NOT_SAID = re.compile(r"^\s*(?:unknown|not\s+(?:known|stated|given)|n/?a|tbc|tbd|none)\b", ICASE)


def read(msg: Message, out: Facts, ctx: Context) -> None:
    """Read a military or a civilian end use, with the phrase it is named in.

    A use given under a label ("End use: EDM electrodes for moulds") that names neither is kept
    as stated: whether it is military is then asked, not guessed.
    """
    _read_kind(msg, out)
    if out.has("end_use.description"):
        return
    for m in msg.find(_LABELLED):
        text = m.group("text").strip()
        if not _NOT_SAID.match(text):
            words = msg.take(*m.span("text"))
            out.set("end_use.description", text, words=words, at=m.start(), note="as stated")
        return


def _read_kind(msg: Message, out: Facts) -> None:
    for military, rx in END_USES:
        # "Semiconductor" in "Sony Semiconductor Solutions" names the customer, not the use.
        hits = [m for m in msg.find(rx) if not in_a_name(msg.raw, *m.span())]
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
