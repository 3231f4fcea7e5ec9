"""The dualuse engine: parse, check, evaluate, prove and decide.

>>> from dualuse.engine import Engine
>>> Engine().decide({"date": "2026-01-05", "transfer": "bonded-zone", "destination": "CN",
...     "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"}}).outcome
'out_of_scope'
"""

from dualuse.engine.api import EARLIEST, Engine, RuleInfo, check_rules
from dualuse.engine.datalog.citation import Citation
from dualuse.engine.datalog.syntax import Interpretation, Quote
from dualuse.engine.decide.decision import (
    OUTCOME_LABELS,
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
    ArticleText,
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
    "OUTCOME_LABELS",
    "AnswerOption",
    "ArticleText",
    "CatalogueEntry",
    "Caveat",
    "Change",
    "Citation",
    "ComparisonNode",
    "Condition",
    "Decision",
    "DualuseError",
    "Engine",
    "FactNode",
    "FollowUp",
    "InputError",
    "InputField",
    "Interpretation",
    "Liability",
    "Limits",
    "Match",
    "NegationNode",
    "Outcome",
    "OutcomeWhyNot",
    "Penalty",
    "ProofNode",
    "Question",
    "Quote",
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
