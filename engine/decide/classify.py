"""Grade the evidence that an item line is a catalogue entry: take it, ask about it, or not know it.

The rules of evidence, strongest first (each :class:`Reading` names the one that applied):

========== ==================================================================== ===============
rule       when                                                                 result
========== ==================================================================== ===============
code       a control-list code on the line or in ``item.code`` names the entry  taken
name       the line, less purity, packing and quantities, is a catalogue name   taken
parts      material(s) and form agree with one entry and nothing contradicts    taken
ambiguous  the parts fit several entries equally well                           question
hs_code    only an HS code points at entries (HS codes are reference only)      question
near       no element is read but the words are close to a catalogue name       question
none       nothing fits: the catalogue does not know the item                   question
========== ==================================================================== ===============

A listing threshold in the entry's row (``purity_min``, ``purity_rule``) is then applied: a
stated purity settles the listing either way, a missing one leaves it to be asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dualuse.engine.decide import lexicon as lx
from dualuse.engine.decide.items import Parts, name_key
from rapidfuzz import fuzz, process

NEAR = 86.0
"""A near match (0-100, rapidfuzz token-sort ratio) worth asking about. Below it, names that share
one word of two ("samarium oxide" and "gadolinium oxide") would be offered; above it, a typo
("dysprosim oxide", 97) still is."""

RULES: tuple[str, ...] = ("code", "name", "parts", "ambiguous", "hs_code", "near", "none")
"""The rules of evidence, strongest first; the first three take the entry, the rest ask."""

TAKEN = frozenset({"code", "name", "parts"})
"""The rules of evidence under which a line is read as the entry without asking."""

WILDCARD_FORMS = frozenset({"", "items specified in the announcement", "graphite"})
"""Forms that do not narrow an entry: which items of the material are listed was not retrieved."""


@dataclass(frozen=True)
class Signature:
    """What an entry of items.csv is made of and in which form (its parts columns)."""

    id: str
    label: str
    code: str | None
    material: str
    form: str
    required: frozenset[str]
    admits: frozenset[str] | None
    """Other elements the entry may contain; ``None``: any (alloys, compounds)."""
    forms: frozenset[str]
    qualifiers: tuple[frozenset[str], ...]
    hs: frozenset[str]
    purity_min: float | None
    purity_strict: bool

    def fit(
        self, parts: Parts, form: str | None, *, strict: bool = True
    ) -> tuple[int, int, int] | None:
        """How well the parts fit when the line's form is ``form``; ``None``: something contradicts.

        Higher is better. ``strict=False`` lets other elements in (a mixture of two listed
        oxides fits both).
        """
        if self.material not in lx.ELEMENTS or not self.required <= parts.elements:
            return None
        if self.required & parts.negated:
            return None
        extra = parts.elements - self.required
        if strict and self.admits is not None and extra - self.admits:
            return None
        quals = [q for q in self.qualifiers if q <= parts.key_words]
        if self.qualifiers and not quals:
            return None  # "zone-refined" germanium ingots, "organic" antimony: the word is needed
        if self.form in WILDCARD_FORMS:
            return (0, len(self.required), len(quals))
        if form is None:
            return None
        if form in self.forms:
            return (2, len(self.required), len(quals))
        if form == "ingot" and "metal" in self.forms:
            return (1, len(self.required), len(quals))
        return None

    def listed_at(self, purity: float | None, stated: str = "=") -> bool | None:
        """Whether a stated purity meets the listing threshold.

        Args:
            purity: the purity on the line, in percent.
            stated: ``=`` an assay, ``>=`` a minimum, ``>`` a bound (see ``Parts.purity_is``).

        Returns:
            ``True`` or ``False`` when the statement settles it; ``None`` when there is no
            threshold, no purity, or a minimum below the threshold (the item may be purer).
        """
        if self.purity_min is None or purity is None:
            return None
        low = self.purity_min
        meets = purity > low or (purity == low and (not self.purity_strict or stated == ">"))
        if meets:
            return True
        return False if stated == "=" else None

    def threshold_text(self) -> str:
        """The threshold in words, e.g. "99.99% or more"."""
        if self.purity_min is None:
            return ""
        return (
            f"above {self.purity_min:g}%" if self.purity_strict else f"{self.purity_min:g}% or more"
        )


@dataclass(frozen=True)
class Reading:
    """What the evidence says a line is."""

    rule: str
    """The rule of evidence that applied (one of :data:`RULES`)."""
    entry: str | None
    """The entry taken (``rule`` in :data:`TAKEN`), else ``None``."""
    candidates: tuple[str, ...] = ()
    """For a question: the entries offered."""
    score: float = 0.0
    parts: str = ""
    """The parts read, in words ("samarium, cobalt, magnet")."""
    listed: bool | None = None
    """Set when a stated purity settles the entry's listing threshold."""


def _hs_agrees(sig: Signature, codes: tuple[str, ...]) -> bool:
    """An HS code on the line agrees unless the entry has HS references and none shares it.

    HS codes are reference only (sources.md 4.1): an 8-digit code agrees with the 10-digit
    reference it begins, and an entry without references is not contradicted by one.
    """
    if not codes or not sig.hs:
        return True
    return any(ref.startswith(h) or h.startswith(ref) for h in codes for ref in sig.hs)


def _cells(cell: str) -> list[str]:
    return [c.strip() for c in cell.split("|") if c.strip()]


def signature(ident: str, label: str, record: Mapping[str, str]) -> Signature:
    """The parts columns of one items.csv row."""
    material = (record.get("material") or "").strip()
    form = (record.get("form") or "").strip()
    short = form.split()[-1] if form else ""
    admits = record.get("admits", "").strip()
    purity = record.get("purity_min", "").strip()
    return Signature(
        id=ident,
        label=label,
        code=(record.get("code") or "").strip() or None,
        material=material,
        form=form,
        required=frozenset([material, *_cells(record.get("constituents", ""))]),
        admits=None if admits == "*" else frozenset(_cells(admits)),
        forms=frozenset([short, *_cells(record.get("also_forms", ""))]),
        qualifiers=tuple(frozenset(q.split()) for q in _cells(record.get("qualifiers", ""))),
        hs=frozenset(_cells(record.get("hs_reference", ""))),
        purity_min=float(purity) if purity else None,
        purity_strict=record.get("purity_rule", "").strip() == ">",
    )


class Classifier:
    """Reads lines against the catalogue's entries."""

    def __init__(self, entries: Iterable[tuple[Signature, Iterable[str]]]) -> None:
        self.signatures: dict[str, Signature] = {}
        self.names: dict[str, str] = {}
        self.codes: dict[str, list[str]] = {}
        self._by_element: dict[str, list[str]] = {}
        for sig, names in entries:
            self.signatures[sig.id] = sig
            for name in names:
                key = name_key(name)
                if key:
                    self.names.setdefault(key, sig.id)
            if sig.code:
                self.codes.setdefault(sig.code.casefold(), []).append(sig.id)
            if sig.material in lx.ELEMENTS:
                self._by_element.setdefault(sig.material, []).append(sig.id)
        self._keys = list(self.names)
        # names of two words or more, found through their rarest word
        counts: dict[str, int] = {}
        for key in self.names:
            for word in key.split():
                counts[word] = counts.get(word, 0) + 1
        self._long: dict[str, list[tuple[frozenset[str], str]]] = {}
        for key, ident in self.names.items():
            words = key.split()
            if len(words) >= 2:
                rare = min(words, key=lambda w: counts[w])
                self._long.setdefault(rare, []).append((frozenset(words), ident))

    def _of(self, parts: Parts) -> list[str]:
        """The entries whose material the line names."""
        return [i for e in sorted(parts.elements) for i in self._by_element.get(e, ())]

    def _describe(self, sig: Signature, parts: Parts) -> str:
        read = sorted(sig.required & parts.elements, key=lambda e: (e != sig.material, e))
        words = [f"control-list code {c}" for c in parts.control_codes if sig.code == c]
        words += read + sorted(parts.elements - sig.required)
        if parts.form and sig.form not in WILDCARD_FORMS:
            words.append(parts.form)
        words += [" ".join(sorted(q)) for q in sig.qualifiers if q <= parts.key_words]
        if sig.purity_min is not None and parts.purity is not None:
            meets = sig.listed_at(parts.purity, parts.purity_is)
            rel = {True: "meets", False: "is below", None: "does not settle"}[meets]
            value = f"{parts.purity:g}%"
            said = {"=": value, ">=": f"{value} or more", ">": f"above {value}"}[parts.purity_is]
            words.append(f"purity {said} {rel} the listing threshold ({sig.threshold_text()})")
        return ", ".join(words)

    def _taken(self, rule: str, ident: str, parts: Parts, score: float = 100.0) -> Reading:
        sig = self.signatures[ident]
        return Reading(
            rule=rule,
            entry=ident,
            score=score,
            parts=self._describe(sig, parts),
            listed=sig.listed_at(parts.purity, parts.purity_is),
        )

    def _best(self, parts: Parts, among: Iterable[str], *, strict: bool = True) -> list[str]:
        """The entries that fit best, trying the line's forms from the most specific."""
        among = list(among)
        specific = [i for i in among if self.signatures[i].form not in WILDCARD_FORMS]
        # An entry of a named form first, at any form of the line; an entry of the whole
        # material ("tungsten-related items") only when none fits.
        for pool in (specific, [i for i in among if i not in specific]):
            for form in parts.form_order or (None,):
                scored = []
                for ident in pool:
                    fit = self.signatures[ident].fit(parts, form, strict=strict)
                    if fit is not None:
                        scored.append((fit, ident))
                if scored:
                    top = max(f for f, _ in scored)
                    return [i for f, i in scored if f == top]
        return []

    def _unformed(self, parts: Parts) -> list[str]:
        """With no form on the line ("dysprosium"): every entry of its elements."""
        out = []
        for ident in self._of(parts):
            sig = self.signatures[ident]
            if sig.required <= parts.elements:
                extra = parts.elements - sig.required
                if sig.admits is None or not extra - sig.admits:
                    out.append(ident)
        return out

    def _contained(self, parts: Parts) -> list[str]:
        """Entries one of whose names (two words or more) the line contains, longest first."""
        words = parts.key_words
        found: dict[str, int] = {}
        for word in words:
            for name, ident in self._long.get(word, ()):
                sig = self.signatures[ident]
                if not name <= words:
                    continue
                if sig.material in lx.ELEMENTS and not sig.required <= parts.elements:
                    continue
                found[ident] = max(found.get(ident, 0), len(name))
        if not found:
            return []
        top = max(found.values())
        return [i for i, n in found.items() if n == top]

    def read(self, parts: Parts, code: str | None = None) -> Reading:
        """Grade the evidence that ``parts`` (and a code given apart) are a catalogue entry."""
        codes = [c.casefold() for c in ([code] if code else []) + list(parts.control_codes)]
        coded = [i for c in codes for i in self.codes.get(c, [])]
        if not coded:
            coded = [
                i for c in codes for k, ids in self.codes.items() if k.startswith(c) for i in ids
            ]
        best = self._best(parts, self._of(parts))
        if coded:
            within = [i for i in best if i in coded]
            if within:
                return self._taken("code", within[0], parts)
            if not best and not parts.elements:
                return self._taken("code", coded[0], parts)
            return Reading("ambiguous", None, tuple(dict.fromkeys([*coded[:1], *best])))
        named = self.names.get(parts.key)
        if named is not None and not parts.negated:
            return self._taken("name", named, parts)
        if len(best) == 1:
            sig = self.signatures[best[0]]
            if _hs_agrees(sig, parts.hs_codes):
                return self._taken("parts", best[0], parts)
            return Reading("ambiguous", None, tuple(best), parts=self._describe(sig, parts))
        if best:
            return Reading("ambiguous", None, tuple(best))
        if not parts.negated:
            contained = self._contained(parts)
            if len(contained) == 1:
                return self._taken("name", contained[0], parts)
            if contained:
                return Reading("ambiguous", None, tuple(contained))
        loose = self._best(parts, self._of(parts), strict=False) or (
            self._unformed(parts) if parts.form is None else []
        )
        if loose:
            return Reading("ambiguous", None, tuple(loose))
        if parts.hs_codes:
            by_hs = [
                i for i, s in self.signatures.items() if s.hs and _hs_agrees(s, parts.hs_codes)
            ]
            if by_hs:
                return Reading("hs_code", None, tuple(by_hs))
        if not parts.elements and not parts.negated and parts.key:
            near = process.extractOne(
                parts.key, self._keys, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR
            )
            if near is not None and near[1] >= NEAR:
                ident = self.names[near[0]]
                return Reading("near", None, (ident,), score=round(float(near[1]), 1))
        return Reading("none", None)


__all__ = ["NEAR", "RULES", "TAKEN", "Classifier", "Reading", "Signature", "signature"]
