"""The dualuse engine: parse, check, evaluate, prove and decide.

>>> from dualuse.engine import Engine
>>> Engine().decide({"date": "2026-01-05", "transfer": "bonded-zone", "destination": "CN",
...     "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"}}).outcome
'out_of_scope'
"""

from dualuse.engine.api import EARLIEST, Engine, RuleInfo, check_rules
from dualuse.engine.decide.decision import (
    Caveat,
    Change,
    Condition,
    Decision,
    Liability,
    Match,
    Outcome,
    OutcomeWhyNot,
    Penalty,
    Question,
    Sanction,
)
from dualuse.engine.decide.guard import LIMITS, Limits, check_document, read_json
from dualuse.engine.decide.names import normalise_name
from dualuse.engine.decide.options import AnswerOption, FollowUp, Setting
from dualuse.engine.decide.resolve import CatalogueEntry
from dualuse.engine.decide.transfer import Transfer
from dualuse.engine.decide.vocabulary import FIELDS as INPUT_FIELDS
from dualuse.engine.decide.vocabulary import InputField
from dualuse.engine.errors import DualuseError, InputError, RuleBaseError
from dualuse.engine.explain.proof import (
    ComparisonNode,
    FactNode,
    NegationNode,
    ProofNode,
    RuleNode,
    WhyNot,
)
from dualuse.engine.explain.proofcheck import check_proof

__all__ = [
    "EARLIEST",
    "INPUT_FIELDS",
    "LIMITS",
    "AnswerOption",
    "CatalogueEntry",
    "Caveat",
    "Change",
    "ComparisonNode",
    "Condition",
    "Decision",
    "DualuseError",
    "Engine",
    "FactNode",
    "FollowUp",
    "InputError",
    "InputField",
    "Liability",
    "Limits",
    "Match",
    "NegationNode",
    "Outcome",
    "OutcomeWhyNot",
    "Penalty",
    "ProofNode",
    "Question",
    "RuleBaseError",
    "RuleInfo",
    "RuleNode",
    "Sanction",
    "Setting",
    "Transfer",
    "WhyNot",
    "check_document",
    "check_proof",
    "check_rules",
    "normalise_name",
    "read_json",
]
