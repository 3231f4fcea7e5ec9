"""Each open question's answers, evaluated once per decision.

Ranking the questions and finding who may be liable both evaluate the transfer again with one
open question answered. Both read the same variants, so each is evaluated once, from the
decision's world, for what the two of them need: the outcome and liability.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualuse.engine.datalog.threevalued import World
from dualuse.engine.decide.facts import InputFacts, Open

if TYPE_CHECKING:
    from dualuse.engine.decide.decider import Decider

GOALS = frozenset({"outcome", "liable"})
"""What the answered variants are evaluated for (a partial world: read nothing else)."""


class Answered:
    """The decision's facts with one open question answered, each evaluated on first use."""

    def __init__(self, decider: Decider, facts: InputFacts, world: World) -> None:
        """Variants of ``facts``, evaluated from their own ``world``."""
        self.decider = decider
        self.facts = facts
        self.world = world
        self._done: dict[tuple[int, str], tuple[InputFacts, World]] = {}

    def variant(self, opened: Open, answer: str) -> tuple[InputFacts, World]:
        """The facts with ``opened`` answered ``answer``, and their world."""
        key = (id(opened), answer)  # ``opened`` lives in ``self.facts``: its id is stable
        if key not in self._done:
            facts = self.facts.with_answer(opened, answer)
            world = self.decider.world(
                facts, base=self.world, three_valued=self.world.doubled, goals=GOALS
            )
            self._done[key] = (facts, world)
        return self._done[key]
