"""Read an item line the way invoices and purchase orders write it into its parts.

The parts are the elements (names, symbols, formulas such as ``Dy2O3``, ``SmCo5``, ``NdFeB``,
Chinese and Japanese names), the form (metal, oxide, alloy, compound, magnet, target, ...), the
shape (ingot, powder, pieces), the purity ("99.99%", "4N", "5N5"), a control-list code
(``1C902.a``) or an HS code written on the line, and the words left over. Packing, quantities,
magnet grades (N42, N52SH) and connectives are noise. Case, plurals, hyphens, brackets and word
order never change the parts.

>>> p = read_line("N52 NdFeB magnets with Dy, 25 kg/box")
>>> sorted(p.elements), p.form
(['boron', 'dysprosium', 'iron', 'neodymium'], 'magnet')
>>> read_line("Tb4O7 5N").purity
99.999
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from dualuse.engine.decide import lexicon as lx

FORM_ORDER: tuple[str, ...] = (
    "technology",
    "magnet",
    "target",
    "substrate",
    "ore",
    "oxide",
    "compound",
    "alloy",
    "ingot",
    "metal",
)
"""When a line names several forms, the first of these is what it is ("Sm-Co alloy target" is a
target, "Sc2O3 powder" an oxide): the product form outranks the material it is made of."""

_CONTROL_CODE = re.compile(r"(?<![\w.])(\d[A-E]\d{3})(\.[a-z](?:\.\d+)?)?(?![\w])", re.IGNORECASE)
_HS_CODE = re.compile(
    r"(?:\bHS(?:\s*code)?\s*[:#]?\s*)?(?<![\d.])(\d{4}\.?\d{2}(?:\.?\d{2}){0,2})(?![\d.])",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    r"(>=|≥|min\.?|minimum|>|above|over|more than)?\s*(\d{2,3}(?:\.\d+)?)\s*%\s*"
    r"(min\b\.?|minimum|or more|or higher|and above|\+)?",
    re.IGNORECASE,
)
_NINES = re.compile(r"(?<![\w.])([2-9])\s?N(\d)?(?![\w])")
_GRADE = re.compile(r"(?<![\w])N\d{2}[A-Z]{0,2}(?![\w])")
_QUANTITY = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:x\s*\d+\s*)?(?:kgs?|g|t|mt|tons?|tonnes?|lbs?|pcs|pc|mm|um|µm"
    r"|cm|m|ml|l)(?![\w])",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"[\s,;:/()\[\]{}+*&\"'“”‘’<>|=~_]+")
_FORMULA = re.compile(r"(?:[A-Z][a-z]?\d*(?:\.\d+)?)+")
_SYMBOL = re.compile(r"([A-Z][a-z]?)(\d*(?:\.\d+)?)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_LOWER_FORMULAS: dict[str, tuple[str, ...]] = {
    "ndfeb": ("neodymium", "iron", "boron"),
    "smco": ("samarium", "cobalt"),
}
"""Formulas invoices write in lower case."""


@dataclass(frozen=True)
class Parts:
    """What a line says the item is made of, in which form, how pure; and what is left over."""

    text: str
    elements: frozenset[str] = frozenset()
    """Elements present, by name (oxygen apart: it makes an oxide)."""
    negated: frozenset[str] = frozenset()
    """Elements the line says are absent ("Dy-free")."""
    forms: frozenset[str] = frozenset()
    """Every form word on the line."""
    form: str | None = None
    """The form the line gives the item (see :data:`FORM_ORDER`), or implied by a formula."""
    form_order: tuple[str, ...] = ()
    """Every form the line gives, the most specific first: "GaN wafer" is a substrate, then a
    compound (no catalogue entry is a GaN substrate, but gallium nitride is listed)."""
    shapes: frozenset[str] = frozenset()
    purity: float | None = None
    """Stated purity in percent (``4N`` is 99.99)."""
    purity_is: str = "="
    """How the purity is stated: ``=`` an assay ("99.8%"), ``>=`` a minimum ("99.99% min", "4N"),
    ``>`` a bound ("above 99.999%")."""
    control_codes: tuple[str, ...] = ()
    hs_codes: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    """Content words left over (lower case, singular)."""
    key: str = ""
    """The content words in sorted order: what is compared with catalogue names."""
    key_words: frozenset[str] = frozenset()
    """The same words as a set."""
    notes: tuple[str, ...] = field(default=())


def _singular(word: str, known: frozenset[str]) -> str:
    if word in known:
        return word
    for cut in (1, 2):
        if len(word) > cut + 2 and word[:-cut] in known and word.endswith("es"[2 - cut :]):
            return word[:-cut]
    if word.endswith("ies") and word[:-3] + "y" in known:
        return word[:-3] + "y"
    return word


_KNOWN = frozenset(
    set(lx.FORM_WORDS)
    | set(lx.SHAPES)
    | set(lx.ANIONS)
    | set(lx.NOISE)
    | set(lx.ELEMENTS)
    | {"compound", "target", "magnet", "ore", "technology", "wafer", "alloy", "oxide"}
    | {"piece", "graphite", "antimonide", "arsenide", "nitride", "phosphide", "selenide"}
)


def _formula(token: str) -> list[str] | None:
    """The elements of a formula token (``Dy2O3``, ``SmCo5``, ``GaAs``), or ``None``."""
    low = token.casefold()
    if low in _LOWER_FORMULAS:
        return list(_LOWER_FORMULAS[low])
    if not _FORMULA.fullmatch(token):
        return None
    symbols = [m.group(1) for m in _SYMBOL.finditer(token)]
    if any(s not in lx.SYMBOLS for s in symbols):
        return None
    if len(symbols) == 1 and (token in {"In", "As"} or (len(token) == 1 and token not in "YW")):
        return None  # "In", "As" and lone letters are words or initials, not elements
    if all(lx.SYMBOLS[s] in lx.LIGHT for s in symbols):
        return None  # "PO", "CN", "HS", "FOB", "NO": initials, not a formula without a metal
    return [lx.SYMBOLS[s] for s in symbols]


_CJK_LEXICON: list[tuple[str, str, str]] = sorted(
    [(w, "neg", "") for w in lx.CJK_NEGATIONS]
    + [(w, "anion", e) for w, e in lx.CJK_ANIONS.items()]
    + [(w, "form", f) for w, f in lx.CJK_FORMS.items()]
    + [(w, "element", e) for w, e in lx.CJK_ELEMENTS.items()],
    key=lambda t: -len(t[0]),
)


_CJK_FIRST: dict[str, list[tuple[str, str, str]]] = {}
for _entry in _CJK_LEXICON:
    _CJK_FIRST.setdefault(_entry[0][0], []).append(_entry)


def _scan_cjk(run: str, elements: list[str], negated: set[str], forms: set[str]) -> str:
    """Read a run of Chinese or Japanese; return what was not read."""
    left = []
    i = 0
    negate_next = False
    while i < len(run):
        for word, kind, value in _CJK_FIRST.get(run[i], ()):
            if run.startswith(word, i):
                if kind == "neg":
                    if word == "フリー" and elements:
                        negated.add(elements.pop())
                    else:
                        negate_next = True
                elif kind == "anion":
                    elements.append(value)
                    forms.add("compound")
                elif kind == "form":
                    forms.add(value)
                elif negate_next:
                    negated.add(value)
                    negate_next = False
                else:
                    elements.append(value)
                i += len(word)
                break
        else:
            left.append(run[i])
            i += 1
    return "".join(ch for ch in left if ch not in "含的二三四和与及")


@lru_cache(maxsize=4096)
def read_line(text: str) -> Parts:
    """Read one item line into its parts."""
    raw = unicodedata.normalize("NFKC", text)
    codes = tuple(
        (m.group(1).upper() + (m.group(2) or "").lower()) for m in _CONTROL_CODE.finditer(raw)
    )
    raw = _CONTROL_CODE.sub(" ", raw)
    purity: float | None = None
    purity_is = "="
    for m in _PERCENT.finditer(raw):
        value = float(m.group(2))
        if 90 <= value <= 100 and (purity is None or value > purity):
            before = (m.group(1) or "").casefold()
            purity = value
            if before in (">", "above", "over", "more than"):
                purity_is = ">"
            elif before or m.group(3):
                purity_is = ">="
            else:
                purity_is = "="
    raw = _PERCENT.sub(" ", raw)
    for m in _NINES.finditer(raw):
        nines = int(m.group(1))
        value = round(100 - 10 ** (2 - nines), nines)
        if m.group(2):
            value = round(value + int(m.group(2)) * 10 ** (1 - nines), nines + 1)
        if purity is None or value > purity:
            purity, purity_is = value, ">="  # "5N": five nines or better
    raw = _NINES.sub(" ", raw)
    raw = _GRADE.sub(" ", raw)
    raw = _QUANTITY.sub(" ", raw)
    hs = tuple(m.group(1).replace(".", "") for m in _HS_CODE.finditer(raw))
    hs = tuple(h for h in hs if len(h) in (8, 10))
    raw = _HS_CODE.sub(lambda m: " " if len(m.group(1).replace(".", "")) in (8, 10) else m[0], raw)

    elements: list[str] = []
    negated: set[str] = set()
    forms: set[str] = set()
    shapes: set[str] = set()
    words: set[str] = set()
    key_words: list[str] = []
    oxygen = False
    formula_metals = 0
    negate_window = 0
    for cjk in _CJK.findall(raw):
        rest = _scan_cjk(cjk, elements, negated, forms)
        if rest:
            words.add(rest)
        key_words.append(cjk)
    raw = _CJK.sub(" ", raw)
    tokens = [t for t in _SPLIT.split(raw.replace("-", " ").replace(".", " ")) if t]
    purpose = False
    for token in tokens:
        low = _singular(token.casefold(), _KNOWN)
        if purpose or low in lx.PURPOSE:
            purpose = True  # "for wind turbines", "used in GaAs wafers": the use, not the item
            if low not in lx.PACKING and not low.isdigit():
                key_words.append(low)
            continue
        found = _formula(token) if token[:1].isupper() or low in _LOWER_FORMULAS else None
        name = lx.element_word(low)
        if name is not None:
            found = [name]
        if found is not None:
            present = [e for e in found if e != "oxygen"]
            oxygen = oxygen or "oxygen" in found
            if len(found) > 1:
                formula_metals = max(
                    formula_metals, sum(1 for e in present if e not in lx.NON_METALS)
                )
                if any(e in lx.NON_METALS for e in present):
                    forms.add("compound" if not oxygen or len(set(present)) > 1 else "oxide")
            if negate_window > 0:
                negated.update(present)
            else:
                elements.extend(present)
            key_words.append(name or token.casefold())
            continue
        if low in lx.NEGATIONS:
            if low == "free" and elements:
                negated.add(elements.pop())  # "Dy-free": the element before
            else:
                negate_window = 4  # "free of Dy", "without Dy or Tb": the elements after
            key_words.append(low)
            continue
        negate_window = max(0, negate_window - 1)
        if low in lx.ANIONS:
            elements.append(lx.ANIONS[low])
            forms.add("compound")
        elif low in lx.FORM_WORDS:
            forms.add(lx.FORM_WORDS[low])
        elif low in lx.SHAPES:
            shapes.add(low)
        elif low in lx.PACKING or low.isdigit() or re.fullmatch(r"[\d.,x]+", low):
            continue
        elif low in lx.NOISE:
            pass
        else:
            words.add(low)
        key_words.append(low)
    if oxygen and "oxide" not in forms and "compound" not in forms:
        forms.add("oxide")
    if formula_metals > 1 and not forms:
        forms.add("alloy")
    order = [f for f in FORM_ORDER if f in forms]
    if not order and "ingot" in shapes:
        order.append("ingot")
    if not order and shapes and elements:
        order.append("metal")  # "lutetium pieces": a bare shape of an element is its metal
    form = order[0] if order else None
    kept = frozenset(elements) - negated
    return Parts(
        text=text,
        elements=kept,
        negated=frozenset(negated),
        forms=frozenset(forms),
        form=form,
        form_order=tuple(order),
        shapes=frozenset(shapes),
        purity=purity,
        purity_is=purity_is,
        control_codes=codes,
        hs_codes=hs,
        words=frozenset(words),
        key=" ".join(sorted(set(key_words))),
        key_words=frozenset(key_words),
    )


def name_key(name: str) -> str:
    """A catalogue name or alias in the form :attr:`Parts.key` takes."""
    return read_line(name).key


__all__ = ["FORM_ORDER", "Parts", "name_key", "read_line"]
