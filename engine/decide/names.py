"""One normaliser for party names, used by every path (JSON, CSV, chat, Gherkin).

Two names are the same key when they differ only in case, width, punctuation, word order, British
or American spelling, or a legal form ("Co., Ltd.", "K.K.", "Kabushiki Kaisha", "株式会社", "GmbH"):

>>> normalise_name("Defence, Ministry of (Japan)") == normalise_name("Japan Ministry of Defense")
True
>>> normalise_name("TDK GmbH") == normalise_name("TDK Corporation"), foreign_form("TDK GmbH")
(True, 'gmbh')
>>> normalise_name("株式会社 SUBARU", fold=False), normalise_name("TDK GmbH", fold=False)
('SUBARU', 'TDK GmbH')

Written by hand rather than with OpenSanctions' ``rigour``: on these names rigour 2.6 left
"Corporation", "K.K.", "Kabushiki Kaisha" and "株式会社" in place, pulls in PyICU, and takes about
0.2 s to import; the forms below are the ones the glossary and the lists use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LEGAL_FORMS: tuple[str, ...] = (
    # English and international
    "co ltd",
    "company limited",
    "co limited",
    "limited",
    "ltd",
    "corporation",
    "corp",
    "incorporated",
    "inc",
    "company",
    "co",
    "llc",
    "l l c",
    "plc",
    "pte ltd",
    "pty ltd",
    "sdn bhd",
    # Japanese, romanised
    "kabushiki kaisha",
    "kabushiki gaisha",
    "k k",
    "kk",
    "godo kaisha",
    "g k",
    "yugen kaisha",
    "y k",
    # German, Dutch, French, Italian, Nordic
    "gmbh",
    "gmbh and co kg",
    "ag",
    "kg",
    "se",
    "bv",
    "b v",
    "nv",
    "n v",
    "sa",
    "s a",
    "sarl",
    "sas",
    "srl",
    "spa",
    "s p a",
    "ab",
    "oy",
    "a s",
)
"""Legal forms dropped at either end of a name (after folding: lower case, no punctuation)."""

CJK_LEGAL_FORMS: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "公司",
    "株式会社",
    "有限会社",
    "合同会社",
    "(株)",
    "㈱",
)
"""Chinese and Japanese legal forms, dropped wherever they stand at an end, spaced or not."""

JAPANESE_FORMS = frozenset(
    {"co ltd", "company limited", "co limited", "limited", "ltd", "corporation", "corp"}
    | {"incorporated", "inc", "company", "co", "kabushiki kaisha", "kabushiki gaisha", "k k"}
    | {"kk", "godo kaisha", "g k", "yugen kaisha", "y k", "株式会社", "有限会社", "合同会社"}
    | {"(株)", "㈱"}
)
"""The legal forms Japanese companies write, in Japanese or in English. Another form ("GmbH",
"有限公司") is a company of another country: never the same party as a Japanese listed one."""

SPELLINGS: dict[str, str] = {
    "defence": "defense",
    "centre": "center",
    "centres": "centers",
    "organisation": "organization",
    "programme": "program",
    "aeroplane": "airplane",
    "labour": "labor",
    "harbour": "harbor",
}
"""British spellings and the American ones the lists use."""

_FORMS = sorted(LEGAL_FORMS, key=lambda f: -len(f))
_JP_FORMS = [f for f in _FORMS if f in JAPANESE_FORMS]
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def _strip_cjk(text: str, found: list[str] | None = None, *, japanese: bool = False) -> str:
    changed = True
    while changed:
        changed = False
        for form in CJK_LEGAL_FORMS:
            if japanese and form not in JAPANESE_FORMS:
                continue
            stripped = text.removeprefix(form).removesuffix(form).strip()
            if stripped != text and stripped:
                text = stripped
                changed = True
                if found is not None:
                    found.append(form)
    return text


def _strip_words(words: list[str], found: list[str] | None = None) -> list[str]:
    """Drop legal forms (as word sequences) at either end, and a leading "the"."""
    changed = True
    while changed and words:
        changed = False
        if words[0] == "the" and len(words) > 1:
            words = words[1:]
            changed = True
        for form in _FORMS:
            parts = form.split()
            n = len(parts)
            if len(words) > n and words[-n:] == parts:
                words = words[:-n]
            elif len(words) > n and words[:n] == parts and n > 1:
                words = words[n:]
            else:
                continue
            changed = True
            if found is not None:
                found.append(form)
    return words


@lru_cache(maxsize=4096)
def normalise_name(text: str, *, fold: bool = True) -> str:
    """A party name as a comparison key, or (``fold=False``) as shown with its legal form dropped.

    Args:
        text: the name as written.
        fold: ``True`` for the key (lower case, American spelling, words in sorted order, every
            legal form dropped); ``False`` for the name as written without a Japanese or English
            legal form ("Co., Ltd."): another country's form ("GmbH") names another company
            and is kept.

    Returns:
        The key, or the plain name; an empty string for a name that is only a legal form.
    """
    plain = unicodedata.normalize("NFKC", text).strip()
    if not fold:
        return _display(plain)
    plain = _strip_cjk(plain)
    folded = plain.casefold().replace("&", " and ")
    folded = _SPACE.sub(" ", _PUNCT.sub(" ", folded)).strip()
    words = [SPELLINGS.get(w, w) for w in folded.split()]
    words = _strip_words(words)
    return " ".join(sorted(set(words)))


@lru_cache(maxsize=4096)
def legal_forms(text: str) -> tuple[str, ...]:
    """The legal forms written in a name, folded ("co ltd", "gmbh", "株式会社")."""
    found: list[str] = []
    plain = _strip_cjk(unicodedata.normalize("NFKC", text).strip(), found)
    folded = plain.casefold().replace("&", " and ")
    _strip_words(_SPACE.sub(" ", _PUNCT.sub(" ", folded)).split(), found)
    return tuple(found)


def foreign_form(text: str) -> str | None:
    """A legal form in the name that Japanese companies do not use ("GmbH"), or ``None``."""
    return next((f for f in legal_forms(text) if f not in JAPANESE_FORMS), None)


def _display(plain: str) -> str:
    """Drop a Japanese or English legal form from a name, keeping its case and word order."""
    out = plain
    previous = None
    while previous != out:
        previous = out
        words = out.replace(",", " , ").split()
        folded = [_PUNCT.sub("", w).casefold() for w in words]
        for form in _JP_FORMS:
            parts = form.split()
            n = len(parts)
            joined = "".join(parts)
            # "K.K." folds to "kk" as one word; "Co., Ltd." to "co", "ltd"
            if len(folded) > n and [f for f in folded[-n:]] == parts:
                words, folded = words[:-n], folded[:-n]
            elif len(folded) > 1 and folded[-1] == joined and n > 1:
                words, folded = words[:-1], folded[:-1]
            while folded and folded[-1] == "":
                words, folded = words[:-1], folded[:-1]
        if len(folded) > 1 and folded[0] == "the":
            words = words[1:]
        out = _strip_cjk(" ".join(words).replace(" ,", ",").strip(" ,."), japanese=True)
    return out


__all__ = [
    "CJK_LEGAL_FORMS",
    "JAPANESE_FORMS",
    "LEGAL_FORMS",
    "SPELLINGS",
    "foreign_form",
    "legal_forms",
    "normalise_name",
]
