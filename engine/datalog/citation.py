"""Citations as lawyers write them: the ``@cites`` annotation and its one legal form.

Every place that shows a citation to a person calls :meth:`Citation.text`: the English form
("ECL Art. 12(2)", "ECL Art. 12(3)(i)", "Regs Art. 48(2)", "Announcement 2026 No. 1, cl. 1"),
the Chinese form on request (《出口管制法》第十二条第二款), and the instrument's full name.

>>> Citation(instrument="Export Control Law", article="12", paragraph="3", item="(1)").text()
'ECL Art. 12(3)(i)'
>>> Citation(instrument="Export Control Law", article="12", paragraph="2").text(lang="zh")
'《出口管制法》第十二条第二款'
>>> Citation(instrument="MOFCOM Announcement 2026 No. 1", article="clause 1").text()
'Announcement 2026 No. 1, cl. 1'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

Lang = Literal["en", "zh"]
"""The language of a citation: English (the default) or Chinese."""


@dataclass(frozen=True)
class Instrument:
    """How one instrument is named: short and full, in English and Chinese."""

    short: str
    full: str
    zh: str
    zh_full: str
    numbered: bool
    """True for a statute whose articles, paragraphs and items are numbered (Art. 12(3)(i))."""


_STATUTES: dict[str, Instrument] = {
    "Export Control Law": Instrument(
        "ECL",
        "Export Control Law of the People's Republic of China (2020)",
        "《出口管制法》",
        "《中华人民共和国出口管制法》",
        True,
    ),
    "Dual-Use Items Export Control Regulations": Instrument(
        "Regs",
        "Regulations of the People's Republic of China on the Export Control of Dual-Use Items "
        "(2024)",
        "《两用物项出口管制条例》",
        "《中华人民共和国两用物项出口管制条例》",
        True,
    ),
}

_ANNOUNCEMENT = re.compile(
    r"(?P<by>MOFCOM(?: & GACC)?) Announcement (?P<year>\d{4}) No\. (?P<no>\d+)"
)
_ISSUERS = {
    "MOFCOM": ("商务部", "Ministry of Commerce"),
    "MOFCOM & GACC": (
        "商务部 海关总署",
        "Ministry of Commerce and General Administration of Customs",
    ),
}
_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """A whole number from 1 to 999 in Chinese numerals, as articles are numbered.

    >>> zh_number(12), zh_number(48), zh_number(10), zh_number(105)
    ('十二', '四十八', '十', '一百零五')
    """
    if n >= 100:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + zh_number(rest) if rest < 10 else zh_number(rest))
        if 10 <= rest < 20:
            tail = "一" + tail
        return _DIGITS[n // 100] + "百" + tail
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def instrument(name: str) -> Instrument:
    """How the instrument called ``name`` in a rule file is named for people."""
    found = _STATUTES.get(name)
    if found is not None:
        return found
    match = _ANNOUNCEMENT.fullmatch(name)
    if match is not None:
        zh_by, en_by = _ISSUERS[match["by"]]
        number = f"{match['year']} No. {match['no']}"
        zh = f"{zh_by}公告{match['year']}年第{match['no']}号"
        short = f"Announcement {number}" if match["by"] == "MOFCOM" else name
        return Instrument(short, f"{en_by} Announcement {number}", zh, zh, False)
    return Instrument(name, name, name, name, False)


def _numbered(value: str) -> int | None:
    digits = value.strip().strip("()")
    return int(digits) if digits.isdigit() else None


class Citation(BaseModel):
    """Where a rule comes from in the law: instrument, article, paragraph, item."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    instrument: str
    article: str = ""
    paragraph: str = ""
    item: str = ""

    def text(self, lang: Lang = "en") -> str:
        """The citation as a lawyer writes it, e.g. ``ECL Art. 12(3)(i)``.

        ``lang="zh"`` gives the Chinese form, e.g. ``《出口管制法》第十二条第三款第（一）项``.
        """
        inst = instrument(self.instrument)
        return self._zh(inst) if lang == "zh" else self._en(inst)

    @property
    def instrument_name(self) -> str:
        """The instrument's full name, e.g. "Export Control Law of the People's Republic ..."."""
        return instrument(self.instrument).full

    def within(self, other: Citation) -> bool:
        """True when this citation is ``other`` or a part of it (a paragraph, an item)."""
        mine = (self.instrument, self.article, self.paragraph, self.item)
        theirs = (other.instrument, other.article, other.paragraph, other.item)
        return all(t in ("", m) for m, t in zip(mine, theirs, strict=True))

    def _en(self, inst: Instrument) -> str:
        if inst.numbered and self.article:
            number = self.article
            label = "Arts." if re.search(r"[,-]| and ", number) else "Art."
            out = f"{inst.short} {label} {number}"
            para, item = _numbered(self.paragraph), _numbered(self.item)
            extra: list[str] = []
            if para is not None:
                out += f"({para})"
            elif self.paragraph:
                extra.append(self.paragraph)
            if item is not None and item < len(_ROMAN):
                out += f"({_ROMAN[item]})"
            elif self.item:
                extra.append(self.item)
            return ", ".join([out, *extra])
        parts = [inst.short]
        article = self.article
        if article.startswith("clause "):
            article = "cl. " + article.removeprefix("clause ")
        if article and article != "whole":
            parts.append(article)
        parts += [p for p in (self.paragraph, self.item) if p]
        return ", ".join(parts)

    def _zh(self, inst: Instrument) -> str:
        several = [_numbered(a) for a in re.split(r",\s*|\s+and\s+", self.article)]
        if len(several) > 1 and all(n is not None for n in several):
            return inst.zh + "、".join(f"第{zh_number(n)}条" for n in several if n is not None)
        article = _numbered(self.article)
        if article is None:
            clause = self.article.removeprefix("clause ")
            number = _numbered(clause)
            where = f"第{zh_number(number)}条" if number is not None else ""
            rest = [p for p in (self.paragraph, self.item) if p]
            if where or not rest:
                return inst.zh + where + (f"（{'，'.join(rest)}）" if rest else "")
            return f"{inst.zh}（{'，'.join(rest)}）"
        out = f"{inst.zh}第{zh_number(article)}条"
        para, item = _numbered(self.paragraph), _numbered(self.item)
        if para is not None:
            out += f"第{zh_number(para)}款"
        if item is not None:
            out += f"第（{zh_number(item)}）项"
        return out
