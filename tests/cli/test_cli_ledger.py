"""Reading ledgers and validating transfers: columns as dotted fields, messages naming fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from dualuse.cli.fields import dotted, leaf, to_transfer
from dualuse.cli.guard import BadInput
from dualuse.cli.ledger import Ledger, LedgerRow, unflatten
from dualuse.engine import InputError


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("id", "scalar"),
        ("item.description", "scalar"),
        ("end_use.military", "scalar"),
        ("route", "list"),
        ("licences", "list"),
        ("service_providers.0.name", "scalar"),
        ("service_providers.name", None),
        ("end_user", None),
        ("end_user.nationality", None),
        ("item.description.text", None),
    ],
)
def test_a_column_names_a_field_with_dots(column: str, expected: str | None) -> None:
    assert leaf(column) == expected


def test_cells_become_a_nested_transfer_and_empty_cells_stay_unknown() -> None:
    leaves = {
        "end_use.military": "scalar",
        "end_user.name": "scalar",
        "route": "list",
        "licences": "list",
        "service_providers.1.name": "scalar",
        "service_providers.0.name": "scalar",
        "service_providers.0.knew": "scalar",
    }
    data = unflatten(
        [
            ("end_use.military", ""),
            ("end_user.name", " JMSDF "),
            ("route", "KR; JP;"),
            ("licences", "none"),
            ("service_providers.1.name", "Bank"),
            ("service_providers.0.name", "FastFreight"),
            ("service_providers.0.knew", "true"),
        ],
        leaves,  # type: ignore[arg-type]
    )
    assert data == {
        "end_user": {"name": "JMSDF"},
        "route": ["KR", "JP"],
        "licences": [],
        "service_providers": [{"name": "FastFreight", "knew": "true"}, {"name": "Bank"}],
    }
    transfer = to_transfer(data)
    assert transfer.end_use.military is None
    assert transfer.service_providers is not None and transfer.service_providers[0].knew is True


def test_a_csv_row_is_numbered_by_the_line_it_starts_on(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text('id,item.description\nA,"two\nlines"\n\nB,x\nC,x,extra\n', encoding="utf-8")
    with Ledger(path) as ledger:
        rows = list(ledger.rows())
        assert ledger.count() == 3
    assert rows == [
        LedgerRow(2, {"id": "A", "item": {"description": "two\nlines"}}),
        LedgerRow(5, {"id": "B", "item": {"description": "x"}}),
        LedgerRow(6, None, "3 cells, but the header names 2"),
    ]


def test_a_jsonl_row_is_numbered_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text('{"id": "A"}\n\n[1]\n{"id": \n', encoding="utf-8")
    with Ledger(path) as ledger:
        rows = list(ledger.rows())
    assert rows[0] == LedgerRow(1, {"id": "A"})
    assert rows[1] == LedgerRow(3, None, "a transfer must be a JSON object, got a list")
    assert rows[2].row == 4 and rows[2].error is not None
    assert rows[2].error.startswith("malformed JSON")


def test_an_unknown_column_is_refused_before_any_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text("id,end_user.nmae\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"column 2 'end_user\.nmae' is not a field"):
        Ledger(path)


def test_locations_are_written_as_paths() -> None:
    assert dotted(("service_providers", 0, "name")) == "service_providers[0].name"
    assert dotted(()) == "(transfer)"


def test_several_problems_are_named_together_first_field_first() -> None:
    with pytest.raises(InputError) as info:
        to_transfer({"date": "soon", "end_user": {"country": "Japan"}})
    assert info.value.field == "date"
    assert info.value.message.startswith("must be a date YYYY-MM-DD")
    assert "; also end_user.country: must be a two-letter ISO country code" in info.value.message
