"""The dualuse engine: parse, check, evaluate, prove and decide.

>>> from dualuse.engine import Engine
>>> Engine().decide({"date": "2026-01-05", "transfer": "bonded-zone"}).outcome
'out_of_scope'
"""

from dualuse.engine.api import EARLIEST, Engine, RuleInfo, check_rules
from dualuse.engine.decision import (
    Change,
    ComparisonNode,
    Condition,
    Decision,
    FactNode,
    Liability,
    Match,
    NegationNode,
    Outcome,
    OutcomeWhyNot,
    Penalty,
    ProofNode,
    Question,
    RuleNode,
    Sanction,
    WhyNot,
)
from dualuse.engine.errors import DualuseError, InputError, RuleBaseError
from dualuse.engine.interpreter import Clarification, Reading, Understood, interpret, set_fact
from dualuse.engine.proofcheck import check_proof
from dualuse.engine.resolve import CatalogueEntry
from dualuse.engine.transfer import Transfer

__all__ = [
    "EARLIEST",
    "CatalogueEntry",
    "Change",
    "Clarification",
    "ComparisonNode",
    "Condition",
    "Decision",
    "DualuseError",
    "Engine",
    "FactNode",
    "InputError",
    "Liability",
    "Match",
    "NegationNode",
    "Outcome",
    "OutcomeWhyNot",
    "Penalty",
    "ProofNode",
    "Question",
    "Reading",
    "RuleBaseError",
    "RuleInfo",
    "RuleNode",
    "Sanction",
    "Transfer",
    "Understood",
    "WhyNot",
    "check_proof",
    "check_rules",
    "interpret",
    "set_fact",
]
