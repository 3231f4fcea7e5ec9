"""``dualuse schema``: the JSON Schema of the input (a transfer) or of the output (a decision).

Field docstrings of the models become the schema's descriptions, so the schema documents every
field a ledger or a JSON file may use.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from dualuse.cli.guard import guarded
from dualuse.engine import Decision, Transfer


class Model(StrEnum):
    """The models that cross the engine's boundary."""

    transfer = "transfer"
    decision = "decision"


def schema_of(model: Model) -> dict[str, object]:
    """The JSON Schema: a transfer as accepted, a decision as produced."""
    if model is Model.transfer:
        return Transfer.model_json_schema(mode="validation")
    return Decision.model_json_schema(mode="validation")  # the full form its JSON reads back to


@guarded
def schema(
    model: Annotated[Model, typer.Argument(help="transfer (the input) or decision (the output).")],
) -> None:
    """Print the JSON Schema of a transfer or of a decision."""
    typer.echo(json.dumps(schema_of(model), ensure_ascii=False, indent=2))
