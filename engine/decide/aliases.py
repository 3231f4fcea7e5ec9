"""A static check over the entity tables: no alias may be a bare parent or group name.

A parent is never its listed subsidiary, and a subsidiary never its listed parent. An alias such
as "Kawasaki" or "Mitsui" on a control-listed unit would make every letter to the group a letter
to the unit, so the check flags, in ``entities.csv``, an alias that

- is a name of the entity's parent (or of the parent's parent), or
- is one bare word that begins the entity's name and the names of other entities (a group
  name: "Mitsubishi", "Kawasaki", "IHI"), or
- is the name of another entity, so that one name would stand for two parties.

Names are compared as the engine compares them
(:func:`~dualuse.engine.decide.names.normalise_name`).
"""

from __future__ import annotations

from dualuse.engine.decide.names import normalise_name
from dualuse.engine.errors import RuleCheckError
from dualuse.engine.law.rulebase import RuleBase, TableRow

CODE = "bare_group_alias"
"""The check's error code."""


def _names(row: TableRow) -> list[str]:
    rec = row.record
    out = [rec.get("name_en", ""), rec.get("name_zh", ""), rec.get("name_ja", "")]
    return [n for n in out if n.strip()]


def _aliases(row: TableRow) -> list[str]:
    return [a.strip() for a in row.record.get("aliases", "").split("|") if a.strip()]


def check_aliases(base: RuleBase, pred: str = "entity_country") -> list[RuleCheckError]:
    """Every alias of the entity table that is a bare parent or group name, or another's name."""
    rows: dict[str, TableRow] = {}
    for row in base.tables.get(pred, ()):
        rows.setdefault(str(row.values[0]), row)
    owner: dict[str, str] = {}
    first_words: dict[str, set[str]] = {}
    for ident, row in rows.items():
        for name in _names(row):
            owner.setdefault(normalise_name(name), ident)
            words = normalise_name(name, fold=False).split()
            if len(words) > 1:
                first_words.setdefault(normalise_name(words[0]), set()).add(ident)
    for ident, row in rows.items():  # names first: an alias never takes another's name
        for alias in _aliases(row):
            owner.setdefault(normalise_name(alias), ident)
    errors: list[RuleCheckError] = []
    for ident, row in rows.items():
        ancestors: list[str] = []
        parent = row.record.get("parent", "").strip()
        while parent and parent in rows and parent not in ancestors:
            ancestors.append(parent)
            parent = rows[parent].record.get("parent", "").strip()
        parent_keys = {
            normalise_name(n): p for p in ancestors for n in (*_names(rows[p]), *_aliases(rows[p]))
        }
        own = {normalise_name(n) for n in _names(row)}
        begins = {normalise_name(w.split()[0]) for w in map(str.strip, _names(row)) if w}
        for alias in _aliases(row):
            key = normalise_name(alias)
            reason = None
            if key in own:
                continue  # the entity's own name, written with another legal form
            if key in parent_keys:
                reason = f"is a name of its parent {rows[parent_keys[key]].record.get('name_en')}"
            elif " " not in key and key in begins and first_words.get(key, set()) - {ident}:
                reason = "is a bare group name that begins the names of other entities"
            elif owner.get(key, ident) != ident:
                reason = f"is also a name of {owner[key]}"
            if reason is not None:
                errors.append(
                    RuleCheckError(
                        CODE,
                        f"the alias {alias!r} of {ident} {reason}; a parent or group is never its "
                        "listed unit",
                        file=row.file,
                        line=row.line,
                    )
                )
    return errors


__all__ = ["CODE", "check_aliases"]
