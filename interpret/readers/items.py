"""Items: catalogue names, an element and its form ("Dy" + "oxide"), stated purities."""

from __future__ import annotations

import re

from dualuse.interpret.message import ICASE, STOPWORDS, Context, Facts, Message
from dualuse.interpret.models import Clarification
from dualuse.interpret.names import PREFIX_BEFORE, SUFFIX_AFTER, NameIndex, ends_a_name

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
        re.compile(r"\bmagnets?\b|\bNdFeB\b|\bNd-Fe-B\b|\bneodymium\b|磁体|磁石|磁铁|永磁", ICASE),
    ),
    ("target", re.compile(r"\b(?:sputtering\s+)?targets?\b|靶材|ターゲット", ICASE)),
    ("oxide", re.compile(r"\boxides?\b|氧化|酸化", ICASE)),
    ("alloy", re.compile(r"\balloys?\b|合金", ICASE)),
    ("compound", re.compile(r"\bcompounds?\b|化合物", ICASE)),
    ("metal", re.compile(r"\bmetal(?:lic)?\b|金属", ICASE)),
]


def _items_named(msg: Message, rx: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``rx`` outside company names: the goods, not who trades them."""
    return [m for m in msg.find(rx) if not ends_a_name(msg.raw, *m.span())]


def read_listed(msg: Message, out: Facts, ctx: Context) -> None:
    """Read an item by a catalogue name, else by an element and its form."""
    for name in ctx.index.names:
        if name.kind != "item" or out.has("item.description"):
            continue
        for m in _items_named(msg, name.pattern):
            start, end = m.span()
            after = SUFFIX_AFTER.match(msg.raw[end:])
            end += after.end() if after else 0
            before = PREFIX_BEFORE.search(msg.raw[:start])
            start = before.start() if before else start
            words = msg.take(start, end)
            out.set("item.description", name.label, words=words, at=start, note="catalogue name")
            break
    if not out.has("item.description"):
        _read_by_parts(msg, out, ctx.index)
    _read_purity(msg, out, ctx.index)


def _read_by_parts(msg: Message, out: Facts, index: NameIndex) -> None:
    element = next(((el, hits[0]) for el, rx in ELEMENTS if (hits := _items_named(msg, rx))), None)
    if element is None:
        return
    el, m = element
    form = next(((f, hits[0]) for f, rx in FORMS if (hits := msg.find(rx))), None)
    own = re.compile(r"(?<![a-z])" + el, ICASE)
    items = [e for e in index.items() if own.search(e.label)]
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


_ITEM_LEAD = re.compile(
    r"\b(?:export|exporting|ship|shipping|sell|selling|send|sending|supply|supplying|provide"
    r"|providing|transfer|transferring|re-?export|move|moving)\s+(?:some\s+|our\s+|the\s+)?"
    r"|(?P<label>\b(?:items?|goods|products?|commodity|description(?:\s+of\s+goods)?)\s*:\s*)",
    ICASE,
)
_ITEM_STOP = re.compile(
    r"\s+(?:to|for|via|through|into|from|in|on|by|next)\s|[,;?!\n]|\.(?:\s|$)|$", ICASE
)


def read_unlisted(msg: Message, out: Facts, ctx: Context) -> None:
    """Read the words after a verb as an item when no catalogue name was found.

    A near match of a catalogue name becomes a question, never a hit.
    """
    if out.has("item.description"):
        return
    lead = _ITEM_LEAD.search(msg.raw)
    start = lead.end() if lead else 0
    stop = _ITEM_STOP.search(msg.raw, start)
    end = stop.start() if stop else len(msg.raw)
    while start < end and msg.used[start]:
        start += 1
    typed = msg.raw[start:end].strip()
    typed = re.sub(r"^(?:of\s+|some\s+)+", "", typed, flags=ICASE)
    if not typed or len(typed) > 60 or not msg.free(start, end):
        return
    if all(w.casefold() in STOPWORDS for w in re.findall(r"[\w'\-]+", typed)):
        return
    match = ctx.source.match_item(typed)
    if match.matched is None or not match.label:
        if lead is not None and lead.group("label"):  # "item: NdFeB magnets N52", as typed
            words = msg.take(start, end)
            note = "not an item the catalogue knows"
            out.set("item.description", typed, words=words, at=start, confidence=0.9, note=note)
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
                f"Is “{typed}” the catalogue's item {match.label}? The names are close "
                f"(score {match.score:.0f} of 100) but not the same."
            ),
            options=[f"Yes, {match.label}", f"No, {typed} is another item"],
            values=[match.label, typed],
            score=match.score,
        )
    )


PURITY = re.compile(
    r"(?:\bpurity\s+(?:of\s+)?)?(?P<p>\d{2}(?:\.\d+)?)\s*%(?:\s*(?:pure|purity)\b)?"
    r"|\b(?P<n>[2-7])N(?:\s*(?:pure|purity)\b)?(?![A-Za-z])",
    ICASE,
)
"""A stated purity: "99.99%", "purity 99.9 %", "99.5% pure", "4N"."""
_THRESHOLD = re.compile(r"purity (?:of )?(?P<above>above )?(?P<p>\d+(?:\.\d+)?)%", ICASE)


def _read_purity(msg: Message, out: Facts, index: NameIndex) -> None:
    """Keep a stated purity with the item; an entry defined by a purity is checked against it."""
    hits = msg.find(PURITY)
    if not hits:
        return
    m = hits[0]
    stated = float(m.group("p")) if m.group("p") else 100 - 10 ** (2 - int(m.group("n")))
    shown = f"{stated:g}%"
    label = out.fields.get("item.description")
    entry = next((e for e in index.items() if e.label == label), None)
    if entry is None:
        return
    words = msg.take(*m.span())
    typed = next((u.words for _, u in out.understood if u.field == "item.description"), entry.label)
    threshold = _THRESHOLD.search(entry.label)
    if threshold is not None:
        floor = float(threshold.group("p"))
        if stated < floor or (threshold.group("above") and stated <= floor):
            out.set(
                "item.description",
                f"{typed}, purity {shown}",
                words=f"{typed} {words}",
                at=m.start(),
                confidence=0.9,
                note=f"below the purity of the catalogue's {entry.label}",
            )
        return
    codes = [e.code for e in index.items() if e.code and e.code == entry.code]
    if entry.code and len(codes) == 1:
        out.set(
            "item.description",
            f"{entry.label}, purity {shown}",
            words=f"{typed} {words}",
            at=m.start(),
            note="catalogue name, with the purity stated",
        )
        out.set("item.code", entry.code, words=typed, at=m.start(), note="the catalogue's code")
