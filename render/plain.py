"""What a person must never read in a report: the rule base's internal names and logic words.

>>> internal_names("Example Ceramics K.K. is not a Japanese military user (Ann. 2026 No. 1, cl. 1)")
[]
>>> internal_names("none of the 2 ways to establish ban_military_user(_) applies")
['ban_military_user', '(_)', 'establish']
"""

from __future__ import annotations

import re

_PATTERNS = (
    re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),  # snake_case: a predicate, id or field
    re.compile(r"\(_\)|\(_,|, _\)"),  # the anonymous variable
    re.compile(r"\{[A-Za-z_]\w*\}"),  # a placeholder nobody filled
    re.compile(r"\b[a-z]\w*\((?:[A-Z]\w*)(?:, ?[A-Z]\w*)*\)"),  # an atom with variables: p(X, Y)
    re.compile(r"\b[A-Z]\w* (?:>=|<=|!=|=|<|>) [A-Z]\w*\b"),  # a comparison of variables
    re.compile(r"\b(?:holds|established|establish)\b"),  # the words of the logic
)


def internal_names(text: str) -> list[str]:
    """Every internal name or logic word in ``text``, in the order the patterns find them."""
    found: list[str] = []
    for pattern in _PATTERNS:
        found += [m.group(0) for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))
