"""A decision's JSON without repetition, and back: nothing is lost, only stated once.

The JSON form of a :class:`~dualuse.engine.decide.decision.Decision` leaves out

- a field that has its default value (an empty list, ``null``, an empty string);
- what a rule step, a why-not, a fine or a sanction inherits from its article (``citation``,
  and a step's ``in_force``), when the decision's ``articles`` states it;
- a step's written form (``conclusion``, ``atom``), which its ``pred`` and ``args`` spell;
- a proof that was already given in full earlier in the decision (a liability's proof that
  repeats a ground): it becomes ``{"kind": ..., "same_as": "/grounds/0/children/1"}``, a JSON
  Pointer (RFC 6901) to the full proof;
- a why-not's ``goal`` when it is the goal of the entry before it;
- a liability's ``rule_id`` and ``citation`` when its proof states them, and the ``basis`` of
  its fines and sanctions (the liability's own);
- a proof node's ``args`` and a step's ``bindings`` when empty;
- from the audit's ``rules_fired``, the rules the grounds, liabilities and conditions already
  name where they apply them: the audit states the others as ``rules_also_fired``.

Words people read are never left out: a ``sentence``, or where a quote, a table row or a reading
comes from (``source``, ``by``, ``reading``), is written in full where it first appears, and
where it recurs it is ``{"same_as": "/liable/0/sentence"}``, a JSON Pointer to those words, so a
reader of the JSON needs no engine and no rule base to get every sentence.

:func:`restore` puts all of it back before validation, so ``Decision.model_validate_json``
gives back the decision that was written.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any

from dualuse.engine.datalog.citation import Citation
from dualuse.engine.datalog.syntax import Interpretation, Quote
from dualuse.engine.explain.proof import ArticleText, FactNode, NegationNode, RuleNode, WhyNot
from dualuse.engine.explain.sentences import atom_text
from pydantic import BaseModel

_SHARED = (RuleNode, NegationNode)
"""Proof steps given once in full and pointed to afterwards."""

_WRITTEN = {"rule": "conclusion", "fact": "atom", "negation": "atom"}
"""The written form of each kind of proof node, spelt by its ``pred`` and ``args``."""

_WHY_NOT = frozenset(WhyNot.model_fields)
"""The fields of a why-not entry: a list of them states a goal and words once for the next."""

_EMPTY: dict[str, Any] = {"args": [], "bindings": {}}
"""Fields of proof nodes left out when empty (a step without variables, a fact of no columns)."""

_QUOTED: dict[type[BaseModel], tuple[str, ...]] = {
    Quote: ("source",),
    FactNode: ("source",),
    Interpretation: ("by", "reading"),
}
"""Fields whose words are given once and pointed to when they recur (where a quote, a table row
or a reading comes from)."""


@functools.cache
def _defaults(model: type[BaseModel]) -> dict[str, tuple[bool, Any]]:
    """Each field's default, worked out once per model (pydantic inspects the factory each call)."""
    out: dict[str, tuple[bool, Any]] = {}
    for name, field in model.model_fields.items():
        required = field.is_required()
        out[name] = (
            (False, None) if required else (True, field.get_default(call_default_factory=True))
        )
    return out


@functools.cache
def _cites_article(model: type[BaseModel]) -> bool:
    """Whether the model states an article and a citation, which it may inherit from it."""
    return "article" in model.model_fields and "citation" in model.model_fields


_NESTED = (BaseModel, list, dict)
"""Values walked further; anything else is written as dumped."""


class _Compactor:
    def __init__(self, articles: Mapping[str, ArticleText]) -> None:
        from dualuse.engine.decide.decision import Liability  # the models use this module

        self.articles = articles
        self.liability = Liability
        self.seen: dict[tuple[Any, ...], tuple[str, BaseModel]] = {}
        self.strings: dict[str, str] = {}

    def model(self, model: BaseModel, data: dict[str, Any], path: str) -> dict[str, Any]:
        if isinstance(model, _SHARED) and (
            (isinstance(model, RuleNode) and model.children)
            or (isinstance(model, NegationNode) and model.why_not)
        ):
            key = (model.kind, model.pred, repr(model.args), getattr(model, "rule_id", None))
            found = self.seen.get(key)
            if found is not None and found[1] == model:
                return {"kind": model.kind, "same_as": found[0]}
            self.seen.setdefault(key, (path, model))
        out: dict[str, Any] = {}
        defaults = _defaults(type(model))
        quoted = _QUOTED.get(type(model), ())
        for name, value in data.items():
            has_default, default = defaults[name]
            attr = getattr(model, name)
            if has_default and name != "kind" and attr == default:
                continue
            if (name == "sentence" or name in quoted) and isinstance(value, str):
                here = f"{path}/{name}"
                first = self.strings.setdefault(value, here)
                if first != here and len(first) + 16 < len(value):
                    out[name] = {"same_as": first}
                    continue
            out[name] = (
                self.value(attr, value, f"{path}/{name}") if isinstance(attr, _NESTED) else value
            )
        kind = out.get("kind")
        if isinstance(kind, str) and kind in _WRITTEN:
            out.pop(_WRITTEN[kind], None)
            for name, empty in _EMPTY.items():
                if out.get(name) == empty:
                    del out[name]
        if isinstance(model, self.liability):
            proof = model.proof
            if isinstance(proof, RuleNode):
                for name in ("rule_id", "citation"):
                    if getattr(model, name) == getattr(proof, name):
                        out.pop(name, None)
            for part in ("penalties", "sanctions"):
                for entry in out.get(part, []):
                    if entry.get("basis") == model.basis:
                        del entry["basis"]
        if _cites_article(type(model)):
            article = self.articles.get(getattr(model, "article", None) or "")
            for name in ("citation", "in_force"):
                if (
                    article is not None
                    and name in out
                    and getattr(model, name) == getattr(article, name)
                ):
                    del out[name]
            cite = getattr(model, "citation", None)
            if article is not None and "citation" in out and cite is not None:
                out["citation"] = _narrowed(cite, article.citation)
        if isinstance(model, WhyNot) and model.because:
            _inherit(out["because"][0], model.because[0].article, model.article)
        return out

    def value(self, attr: Any, value: Any, path: str) -> Any:
        if isinstance(attr, BaseModel):
            return self.model(attr, value, path)
        if isinstance(attr, list):
            items = [
                self.value(a, v, f"{path}/{i}") if isinstance(a, _NESTED) else v
                for i, (a, v) in enumerate(zip(attr, value, strict=True))
            ]
            if attr and all(isinstance(a, WhyNot) for a in attr):
                for before, after, item in zip(attr, attr[1:], items[1:], strict=False):
                    if item.get("goal") == before.goal:
                        del item["goal"]
                    _inherit(item, after.article, before.article)

            return items
        if isinstance(attr, dict):
            return {
                k: self.value(attr[k], v, f"{path}/{_escape(k)}")
                if isinstance(attr[k], _NESTED)
                else v
                for k, v in value.items()
            }
        return value


def _inherit(out: dict[str, Any], article: str | None, expected: str | None) -> None:
    """State a why-not's article only where it is not the one before it (or its parent's)."""
    if article == expected:
        out.pop("article", None)
    elif article is None:
        out["article"] = None


def _narrowed(cite: Citation, of: Citation) -> dict[str, Any]:
    """A citation as it narrows its article's: the parts that differ (all of it, elsewhere)."""
    if cite.instrument != of.instrument:
        return cite.model_dump(mode="json", exclude_defaults=True)
    names = [n for n in type(cite).model_fields if getattr(cite, n) != getattr(of, n)]
    return {n: getattr(cite, n) for n in names}


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _named_rules(data: Mapping[str, Any]) -> set[str]:
    """The rule ids a decision's full JSON names where it applies them.

    The rule steps of the grounds and of the liabilities' proofs, and the rules of the
    liabilities, their fines and sanctions and of the licence conditions.
    """
    named: set[str] = set()

    def steps(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("kind") == "rule" and isinstance(node.get("rule_id"), str):
                named.add(node["rule_id"])
            for child in node.get("children", []):
                steps(child)

    for ground in data.get("grounds", []):
        steps(ground)
    for liability in data.get("liable", []):
        steps(liability.get("proof"))
        named.add(liability.get("rule_id"))
        named |= {
            e.get("rule_id") for p in ("penalties", "sanctions") for e in liability.get(p, [])
        }
    named |= {c.get("rule_id") for c in data.get("conditions", [])}
    return {r for r in named if isinstance(r, str)}


def compact(decision: BaseModel, data: dict[str, Any]) -> dict[str, Any]:
    """The compact JSON form of ``decision``, given its full dump ``data`` (JSON mode)."""
    out = _Compactor(getattr(decision, "articles", {})).model(decision, data, "")
    audit = out.get("audit")
    fired = data.get("audit", {}).get("rules_fired", [])
    named = _named_rules(data)
    if isinstance(audit, dict) and named <= set(fired) and fired == sorted(set(fired)):
        audit.pop("rules_fired", None)
        audit["rules_also_fired"] = sorted(set(fired) - named)
    return out


def _pointer(root: Any, pointer: str) -> Any:
    node = root
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def restore(data: Any) -> Any:
    """Put back what :func:`compact` left out (a full form passes through unchanged)."""
    if not isinstance(data, dict):
        return data
    articles = data.get("articles") or {}
    root = dict(data)

    def walk(node: Any, article: str | None = None) -> Any:
        if isinstance(node, list):
            raw = list(node)
            previous: dict[str, Any] | None = None
            for i, item in enumerate(raw):
                if isinstance(item, dict) and "rule_id" in item and item.keys() <= _WHY_NOT:
                    item = raw[i] = dict(item)  # a why-not: goal and article as the one before
                    if previous is not None:
                        item.setdefault("goal", previous.get("goal"))
                    item.setdefault("article", previous["article"] if previous else article)
                    previous = item
            return [walk(v) for v in raw]
        if not isinstance(node, dict):
            return node
        if "same_as" in node and len(node) == 2:
            return walk(copy.deepcopy(_pointer(root, node["same_as"])))
        if "same_as" in node and len(node) == 1:  # words given once, earlier
            return _pointer(root, node["same_as"])
        parent = node.get("article") if "rule_id" in node and node.keys() <= _WHY_NOT else None
        out: dict[str, Any] = {
            k: walk(v, parent) if k == "because" else walk(v) for k, v in node.items()
        }
        kind = out.get("kind")
        because = out.get("because")
        if isinstance(because, list) and len(because) == 1 and "sentence" not in out:
            out["sentence"] = because[0].get("sentence")  # written before sentences were pointed
        proof = out.get("proof")
        if "party" in out and "basis" in out:  # a liability
            if isinstance(proof, dict):
                for name in ("rule_id", "citation", "sentence"):
                    out.setdefault(name, proof.get(name))
            for part in ("penalties", "sanctions"):
                for entry in out.get(part, []):
                    entry.setdefault("basis", out["basis"])
        if isinstance(kind, str) and kind in _WRITTEN:
            for name, empty in _EMPTY.items():
                if name != "bindings" or kind == "rule":
                    out.setdefault(name, copy.copy(empty))
            out.setdefault(_WRITTEN[kind], atom_text(out.get("pred", ""), out.get("args", [])))
        article = articles.get(out.get("article") or "") if kind in (None, "rule") else None
        if isinstance(article, dict):
            cite = out.get("citation")
            if isinstance(cite, dict) and "instrument" not in cite:  # narrows its article's
                out["citation"] = {**article.get("citation", {}), **cite}
            out.setdefault("citation", article.get("citation"))
            if kind == "rule":
                out.setdefault("in_force", article.get("in_force"))
        return out

    # walk the top level in document order, writing back as it goes so pointers resolve
    for key in list(root):
        root[key] = walk(root[key])
    audit = root.get("audit")
    if isinstance(audit, dict) and isinstance(audit.get("rules_also_fired"), list):
        audit = root["audit"] = dict(audit)
        also = audit.pop("rules_also_fired")
        audit["rules_fired"] = sorted(set(also) | _named_rules(root))
    return root
