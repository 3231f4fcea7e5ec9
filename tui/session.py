"""One chat session: the case under discussion, the question pending, the cases decided so far.

Pure Python over the engine's public API (no Textual), so each turn can run in a worker thread and
be tested on its own. :meth:`Session.turn` takes what the user typed and returns replies as data.

>>> import datetime as dt
>>> from dualuse.engine import Engine
>>> s = Session(Engine(), today=dt.date(2026, 1, 10))
>>> [type(r).__name__ for r in s.turn("help")]
['HelpReply']
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from dualuse.engine import (
    CatalogueEntry,
    Decision,
    DualuseError,
    Engine,
    Outcome,
    RuleInfo,
    RuleNode,
    Transfer,
)
from dualuse.interpret import Reading, interpret, set_fact
from dualuse.tui import answers
from dualuse.tui.replies import (
    ArticleReply,
    Ask,
    HelpReply,
    LiabilityReply,
    Note,
    Reply,
    UnderstoodReply,
    VerdictReply,
    WhyNotReply,
)


@dataclass
class Case:
    """A case decided in this session."""

    number: int
    title: str
    transfer: Transfer
    decision: Decision


@dataclass
class Session:
    """The state of one conversation."""

    engine: Engine
    today: dt.date
    transfer: Transfer | None = None
    decision: Decision | None = None
    pending: Ask | None = None
    history: list[Case] = field(default_factory=list)
    asked: set[tuple[str, str]] = field(default_factory=set)
    """Questions already asked on this case: never asked twice."""
    _fresh: bool = False
    """True while a new case waits for a clarification before its first decision."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _catalogue: list[CatalogueEntry] | None = None
    _rules: list[RuleInfo] | None = None

    # --- data the screens need ---------------------------------------------------------------

    def catalogue(self) -> list[CatalogueEntry]:
        """The engine's catalogue, read once."""
        if self._catalogue is None:
            self._catalogue = self.engine.catalogue()
        return self._catalogue

    def rules(self) -> list[RuleInfo]:
        """The engine's rules, read once."""
        if self._rules is None:
            self._rules = self.engine.rules()
        return self._rules

    def warm_up(self) -> None:
        """Build the interpreter's name index and read the rules before the first question."""
        interpret("warm up", self.engine, today=self.today)
        self.rules()

    # --- one turn ---------------------------------------------------------------------------

    def turn(self, text: str) -> list[Reply]:
        """Answer one message."""
        with self._lock:
            try:
                return self._turn(text)
            except DualuseError as exc:
                return [Note(f"The engine could not decide: {exc.message}", tone="error")]

    def choose(self, option: int) -> list[Reply]:
        """Answer the pending question with one of its options (a button press)."""
        with self._lock:
            if self.pending is None:
                return [Note("There is no question waiting for an answer.", tone="warning")]
            try:
                return self._answer(self.pending, option=option, typed=None)
            except DualuseError as exc:
                return [Note(f"The engine could not decide: {exc.message}", tone="error")]

    def edit(self, field_name: str, value: str) -> list[Reply]:
        """Set one fact of the current case from the facts form and decide again."""
        with self._lock:
            base = self.transfer or Transfer()
            try:
                revised = set_fact(base, field_name, value, today=self.today)
            except ValueError as exc:
                return [Note(f"{field_name}: {exc}", tone="error")]
            self.pending = None
            return self._decide(revised, previous=None)

    def restore(self, number: int) -> list[Reply]:
        """Make an earlier case of the session the current one again."""
        with self._lock:
            for case in self.history:
                if case.number == number:
                    self.transfer, self.decision, self.pending = case.transfer, case.decision, None
                    return [
                        Note(f"Back to case {number}: {case.title}"),
                        VerdictReply(case.decision, case.transfer),
                    ]
            return [Note(f"There is no case {number}.", tone="warning")]

    def _turn(self, text: str) -> list[Reply]:
        if not text.strip():
            return []
        pending = self.pending
        if pending is not None:
            option = answers.choose(pending, text)
            if option is not None or (pending.free_text and not _looks_like_a_case(text)):
                return self._answer(pending, option=option, typed=text)
        reading = interpret(text, self.engine, current=self.transfer, today=self.today)
        return self._reading(reading)

    def _reading(self, reading: Reading) -> list[Reply]:
        intent = reading.intent
        if intent == "help":
            return [HelpReply()]
        if intent == "reset":
            self.transfer = self.decision = self.pending = None
            self.asked = set()
            return [Note("New case. Describe the transfer.")]
        if intent in ("why", "why_not", "show_article", "who_is_liable") and not reading.understood:
            return self._explain(reading)
        if intent == "fine_for" and not reading.understood:
            return self._ask_turnover()
        if intent == "answer" and not reading.understood:
            return [
                Note(
                    "There is no question waiting for an answer. Describe a transfer, or "
                    "type help.",
                    tone="warning",
                )
            ]
        replies: list[Reply] = []
        if not reading.understood and not reading.clarifications:
            words = ", ".join(reading.unresolved) or "nothing"
            return [
                Note(
                    f"I could not read a transfer in that (words not placed: {words}). "
                    "Name the item, who receives it and when; type help for examples.",
                    tone="warning",
                )
            ]
        revised = self.transfer is not None and not reading.new_case
        replies.append(
            UnderstoodReply(reading.understood, reading.unresolved, revised, reading.quantity)
        )
        if reading.new_case or self.transfer is None:
            self.asked = set()
        new = reading.new_case or self.transfer is None
        previous = self.decision.outcome if revised and self.decision is not None else None
        if reading.clarifications:
            self.transfer = reading.transfer
            self._fresh = new
            c = reading.clarifications[0]
            ask = Ask(
                field=c.field,
                question=c.question,
                reason="a name that is close to a listed one is never taken as a match "
                "without your confirmation",
                options=list(c.options),
                values=list(c.values),
                source="interpreter",
            )
            self.pending = ask
            return [*replies, ask]
        focus = "penalties" if intent == "fine_for" else "all"
        return replies + self._decide(reading.transfer, previous=previous, focus=focus, new=new)

    def _ask_turnover(self) -> list[Reply]:
        if self.decision is None or self.transfer is None:
            return [Note("Ask about a transfer first; then I can size the fine.", tone="warning")]
        ask = Ask(
            field="turnover_cny",
            question="What was the illegal turnover, in yuan?",
            reason="the fine ranges of the Export Control Law are multiples of the turnover",
            options=[],
            free_text=True,
            source="follow-up",
        )
        self.pending = ask
        return [LiabilityReply(self.decision), ask]

    def _answer(self, ask: Ask, *, option: int | None, typed: str | None) -> list[Reply]:
        base = self.transfer or Transfer()
        result = answers.apply(
            ask, base, option=option, typed=typed, catalogue=self.catalogue(), today=self.today
        )
        if result.error is not None:
            return [Note(result.error, tone="warning")]
        if result.transfer is not None:
            self.transfer = result.transfer
        if result.follow_up is not None:
            self.pending = result.follow_up
            return [result.follow_up]
        self.pending = None
        label = ask.options[option] if option is not None else (typed or "")
        new, self._fresh = self._fresh, False
        return [
            Note(f"{ask.field} = {label}", tone="answer"),
            *self._decide(self.transfer or base, previous=None, new=new),
        ]

    def _decide(
        self,
        transfer: Transfer,
        *,
        previous: Outcome | None,
        focus: str = "all",
        new: bool = False,
    ) -> list[Reply]:
        decision = self.engine.decide(transfer, transfer.date or self.today)
        self.transfer, self.decision = transfer, decision
        self._record(transfer, decision, new=new)
        verdict = VerdictReply(decision, transfer, previous=previous, focus=focus)
        replies: list[Reply] = [verdict]
        if decision.outcome == "undetermined":
            for question in decision.questions:
                key = (question.field, question.question)
                if key in self.asked or question.decisive == "penalty":
                    continue
                self.asked.add(key)
                ask = answers.ask_of(question)
                self.pending = ask
                replies.append(ask)
                break
            else:
                self.pending = None
                replies.append(
                    Note(
                        "I have no more questions that would settle this: the "
                        "outcome stays open. Edit the facts to go on.",
                        tone="warning",
                    )
                )
        else:
            self.pending = None
        return replies

    def _record(self, transfer: Transfer, decision: Decision, *, new: bool) -> None:
        title = _title(transfer)
        if self.history and not new:
            self.history[-1] = Case(self.history[-1].number, title, transfer, decision)
        else:
            self.history.append(Case(len(self.history) + 1, title, transfer, decision))

    def _explain(self, reading: Reading) -> list[Reply]:
        decision = self.decision
        if decision is None or self.transfer is None:
            return [
                Note("Ask about a transfer first; then I can explain the answer.", tone="warning")
            ]
        if reading.intent == "why":
            return [VerdictReply(decision, self.transfer, focus="why")]
        if reading.intent == "why_not":
            return [WhyNotReply(decision, reading.target)]
        if reading.intent == "who_is_liable":
            return [LiabilityReply(decision)]
        return [self.article(decision)]

    def article(self, decision: Decision) -> ArticleReply:
        """The words of the law behind the decision's main ground."""
        rules = {r.id: r for r in self.rules()}
        ids = [g.rule_id for g in decision.grounds if isinstance(g, RuleNode)]
        ids += [q for q in (decision.questions[0].rule_ids if decision.questions else [])]
        found = [rules[i] for i in dict.fromkeys(ids) if i in rules]
        heading = (
            "The article behind the main ground"
            if decision.grounds
            else ("The articles the open question decides")
        )
        return ArticleReply(found[:3], heading)

    def export_title(self) -> str:
        """A short title for the current case."""
        return _title(self.transfer) if self.transfer is not None else "no case"


def _looks_like_a_case(text: str) -> bool:
    return len(text.split()) > 4


def _title(transfer: Transfer | None) -> str:
    if transfer is None:
        return "empty"
    who = transfer.end_user.name or transfer.consignee.name or transfer.destination or "?"
    what = transfer.item.description or transfer.item.code or "an item"
    when = transfer.date.isoformat() if transfer.date else "no date"
    return f"{what} → {who}, {when}"
