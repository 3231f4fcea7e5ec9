"""The input vocabulary is the one source of fields, facts, answers and labels.

Every ``.input`` fact of rules/inputs.dl is given by declared fields, every declared field is a
field of the transfer, every answer the engine offers applies to a transfer and gives what it
claims, and the modules that used to spell the vocabulary out now take it from the declaration.
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import (
    INPUT_FIELDS,
    InputField,
    Transfer,
)
from dualuse.engine.datalog.parser import parse_file
from dualuse.engine.decide.facts import input_facts
from dualuse.engine.decide.options import PARTY_KINDS
from dualuse.engine.decide.resolve import Resolver
from dualuse.engine.decide.vocabulary import TOGGLES, field_of, fields_giving
from dualuse.engine.law.rulebase import RuleBase
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[2]
INPUTS = {
    d.pred: d
    for path in sorted((ROOT / "rules").glob("*.dl"))
    for d in parse_file(path).declarations
    if d.kind == "input"
}
ASKS = {pred: d.meta.asks for pred, d in INPUTS.items() if d.meta.asks}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(RuleBase.load())


# -- the declaration against the rule base and the transfer model -------------------------------


ITEM_FACTS = {"item", "item_declared_listed", "suspension_extended"}


def test_every_input_fact_is_given_by_one_field_of_each_party_it_describes() -> None:
    assert INPUTS and all(d.kind == "input" for d in INPUTS.values())
    named = {fact for field in INPUT_FIELDS.values() for fact in field.facts}
    assert named == set(INPUTS)
    for fact in INPUTS:
        fields = fields_giving(fact)
        # A fact about "a party" is given by the same field of each party (exporter.country,
        # consignee.country, ...); the item alone may be named two ways (description or code),
        # and a description stating a purity may settle its listing; a suspension's extension
        # is stated for each suspending announcement.
        leaves = {f.path.rsplit(".", 1)[-1] for f in fields}
        assert len(leaves) == 1 or fact in ITEM_FACTS, (fact, [f.path for f in fields])
        if len(fields) > 1 and fact not in ITEM_FACTS:
            assert len({f.path.rsplit(".", 1)[0] for f in fields}) == len(fields), fact


def _model_at(model: type[BaseModel], path: str) -> Any:
    """The annotation of the field at ``path`` (``[]``: an entry of a list)."""
    annotation: Any = model
    for step in path.split("."):
        name = step.removesuffix("[]")
        assert isinstance(annotation, type) and issubclass(annotation, BaseModel), path
        field = annotation.model_fields.get(name)
        assert field is not None, f"{path}: {name} is not a field of {annotation.__name__}"
        annotation = field.annotation
        inner = _inner_model(annotation, listed=step.endswith("[]"))
        annotation = inner if inner is not None else annotation
    return annotation


def _inner_model(annotation: Any, *, listed: bool) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg, listed=listed)
        if found is not None:
            return found
    return None


def test_every_declared_field_is_a_field_of_the_transfer_and_every_field_is_declared() -> None:
    for path in INPUT_FIELDS:
        _model_at(Transfer, path)
    top = set(Transfer.model_fields)
    nested = {"item", "exporter", "consignee", "end_user", "end_use", "exporter_knowledge"}
    declared_top = {p.split(".")[0].removesuffix("[]") for p in INPUT_FIELDS}
    assert declared_top == top
    for name in nested:
        inner = _inner_model(Transfer.model_fields[name].annotation, listed=False)
        assert inner is not None
        for attr in inner.model_fields:
            assert f"{name}.{attr}" in INPUT_FIELDS, f"{name}.{attr} is not declared"


def test_every_asked_field_has_a_question_and_each_answer_sets_its_own_field() -> None:
    for field in INPUT_FIELDS.values():
        for option in field.options:
            assert option.sets or option.then is not None, (field.path, option.label)
            for setting in option.sets:
                assert setting.field == field.path
            if option.then is not None:
                assert option.then.field == field.path
        if field.question:
            assert field.question.endswith("?"), field.path
            assert field.facts and INPUTS[field.facts[0]].meta.asks, field.path


def _labels() -> Iterator[str]:
    for field in INPUT_FIELDS.values():
        yield field.label
        yield field.form_label
        yield from (o.label for o in field.options)
    yield from (k.label for k in PARTY_KINDS)


def test_labels_a_person_reads_name_no_field_path_and_no_fact() -> None:
    internal = set(INPUTS) | set(INPUT_FIELDS) | {p.split(".")[-1] for p in INPUT_FIELDS}
    for label in _labels():
        assert "_" not in label and not re.search(r"\w\.\w", label), label
        words = set(re.findall(r"[\w\-]+", label))
        clash = {w for w in words if w in internal and "_" in w}
        assert not clash, label
    for field in INPUT_FIELDS.values():
        if field.form:
            assert len(field.form_label) <= 20, field.path


def test_an_answer_says_what_it_sets() -> None:
    said = {"yes": True, "no": False, "China": "CN", "Japan": "JP"}
    for field in INPUT_FIELDS.values():
        for option in field.options:
            if option.label in said and field.kind != "licences":
                assert [s.value for s in option.sets] == [said[option.label]], field.path
            elif field.kind == "choice":
                assert [s.value for s in option.sets] == [option.label], field.path
    yes, no = INPUT_FIELDS["licences"].options
    assert yes.apply(Transfer()).licences and no.apply(Transfer()).licences == []


def test_the_what_if_toggles_flip_yes_no_facts_of_declared_fields() -> None:
    for toggle in TOGGLES:
        field = INPUT_FIELDS[toggle.field]
        assert toggle.fact in field.facts
        assert field.kind in ("yes_no", "licences")
        assert INPUTS[toggle.fact].columns == ()


def test_the_rule_authors_table_lists_each_fact_with_the_fields_that_give_it() -> None:
    text = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    section = text.split("## The input vocabulary", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    seen = set()
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        atom = cells[0].strip("`")
        pred, _, args = atom.partition("(")
        declared = INPUTS[pred]
        assert [a.strip() for a in args.rstrip(")").split(",") if a.strip()] == list(
            declared.columns
        ), atom
        fields = re.findall(r"`([^`]+)`", cells[1])
        assert fields == [f.path for f in fields_giving(pred)], pred
        seen.add(pred)
    assert seen == set(INPUTS)


# -- the facts of a transfer come from the declared fields ----------------------------------------

FULL: dict[str, Any] = {
    "id": "PO-2026-0311",
    "date": "2026-03-11",
    "transfer": "export",
    "origin": "CN",
    "item": {"description": "gallium nitride wafers", "code": "3C001", "listed": True},
    "exporter": {"name": "Shenzhen Semicon Supply", "country": "CN", "located_in": "CN"},
    "consignee": {"name": "Osaka Electronics Trading", "country": "JP", "located_in": "JP"},
    "end_user": {"name": "Osaka Electronics Trading", "country": "JP", "located_in": "JP"},
    "destination": "JP",
    "route": ["CN", "KR", "JP"],
    "end_use": {"description": "power amplifiers", "military": False},
    "exporter_knowledge": {"wmd": False, "terrorism": True},
    "licences": ["MOFCOM-2026-0042", "special-approval:2026-7"],
    "service_providers": [
        {
            "name": "Swift Logistics",
            "country": "HK",
            "service": "freight",
            "knew": True,
            "turnover_cny": 40_000,
        }
    ],
    "turnover_cny": 900_000,
    "conduct": [{"party": "exporter", "act": "obstruct_inspection"}],
    "illegal_gains_cny": 30_000,
}


def test_every_fact_of_a_transfer_comes_from_a_field_declared_to_give_it(
    resolver: Resolver,
) -> None:
    facts = input_facts(Transfer.model_validate(FULL), resolver, ASKS)
    assert len(facts.fields) >= 20
    for (pred, _row), path in facts.fields.items():
        declared = field_of(path)
        assert declared is not None, path
        assert pred in declared.facts, (pred, path)
    for opened in facts.open:
        declared = field_of(opened.field)
        assert declared is not None, opened.field
        assert declared.question, opened.field
        for answer in opened.answers.values():
            for pred, _ in answer:
                assert pred in INPUTS, (opened.field, pred)


USES: dict[str, set[str]] = {
    "engine/decide/decider.py": set(),
    # the exporter's turnover
    "engine/decide/questions.py": {"exporter", "turnover_cny"},
    "tui/answers.py": set(),
    "tui/widgets/facts.py": set(),
    "features/dualuse_steps/draft.py": {"destination", "route", "service_providers"},  # the route
}
"""The modules that spelled out the vocabulary, with the few fields each still works on by name."""


def test_modules_that_spelled_out_the_vocabulary_no_longer_do() -> None:
    names = set(INPUT_FIELDS) | {p.replace("[]", ".0") for p in INPUT_FIELDS} | set(INPUTS)
    for module, uses in USES.items():
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        spelt = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert spelt & names == uses, module


def test_the_ledger_generator_writes_the_vocabulary_as_columns() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    ledger = importlib.import_module("bench.ledger")
    columns = [c.replace(".0", "[]") for c in ledger.COLUMNS]
    assert columns == [p for p, f in INPUT_FIELDS.items() if f.kind != "list"]
    for name, _weight in ledger.UNKNOWABLE:  # the fields a generated transfer may leave out
        assert name == "near_miss" or name in INPUT_FIELDS, name


def test_an_input_field_is_a_frozen_model() -> None:
    field = INPUT_FIELDS["end_use.military"]
    assert isinstance(field, InputField)
    with pytest.raises(ValueError):
        field.model_copy().__setattr__("label", "x")
