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
from collections.abc import Callable
from dataclasses import dataclass, field

from dualuse.engine import (
    CatalogueEntry,
    Decision,
    DualuseError,
    Engine,
    Outcome,
    RuleInfo,
    Transfer,
)
from dualuse.interpret import Interpreter, Reading, Speaker, set_fact, speaker_of
from dualuse.tui import answers
from dualuse.tui.case import (
    SPEAKER,
    Case,
    article_of,
    interpretation_ids,
    looks_like_a_case,
    same_question,
    speaker_question,
    title_of,
    value_at,
    with_value,
)
from dualuse.tui.labels import changes, field_label
from dualuse.tui.replies import (
    ArticleReply,
    Ask,
    ChangedReply,
    HelpReply,
    LiabilityReply,
    Note,
    Reply,
    UnderstoodReply,
    VerdictReply,
    WhyNotReply,
)
from dualuse.tui.vocabulary import Command, command_of


@dataclass
class Session:
    """The state of one conversation."""

    engine: Engine
    today: dt.date
    speaker: Speaker | str | None = None
    """The company "we" stand for ("Ganzhou Rare Earth Trading, CN"), if known."""
    remember: Callable[[Speaker], None] | None = None
    """Called when the officer says who "we" are, to keep it for the next session."""
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
    _seen: set[str] = field(default_factory=set)
    """Interpretations already shown in full in this session."""
    interpreter: Interpreter = field(default=None, repr=False)  # type: ignore[assignment]
    """The interpreter with its index of the catalogue's names; built once if not given."""

    def __post_init__(self) -> None:
        """Build the interpreter once for the session, unless one is shared with it."""
        if isinstance(self.speaker, str):
            self.speaker = speaker_of(self.speaker)
        if self.interpreter is None:
            self.interpreter = Interpreter(self.engine, speaker=self.speaker)
        else:
            self.interpreter.speaker = self.speaker

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
            except DualuseError as exc:  # the engine's input guard: too long, a lone surrogate
                return [Note(f"{field_label(field_name)}: {exc.message}", tone="error")]
            except ValueError as exc:
                return [Note(f"{field_label(field_name)}: {exc}", tone="error")]
            self.pending = None
            return self._changed(base, revised) + self._decide(revised, previous=self._outcome())

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
            typed_answer = pending.free_text and not looks_like_a_case(text)
            if pending.source == SPEAKER:
                typed_answer = command_of(text, has_case=True).intent == "assess" and (
                    len(text.split()) <= 12
                )
            if option is not None or typed_answer:
                return self._answer(pending, option=option, typed=text)
        command = command_of(text, has_case=self.transfer is not None)
        skip = [command.span] if command.intent not in ("assess", "answer") else []
        reading = self.interpreter.read(text, current=self.transfer, today=self.today, skip=skip)
        if pending is not None and command.intent == "assess" and not reading.new_case:
            answer = self._answer_in_words(pending, reading)
            if answer is not None:
                return answer
        return self._reading(reading, command)

    def _answer_in_words(self, ask: Ask, reading: Reading) -> list[Reply] | None:
        """An answer typed in words sets the question's field and nothing else."""
        base = self.transfer or Transfer()
        own = [u for u in reading.understood if same_question(u.field, ask.field)]
        if not own:
            return None
        revised = base
        for u in own:
            value = value_at(reading.transfer, u.field)
            revised = with_value(revised, u.field, value)
        others = [u for u in reading.understood if not same_question(u.field, ask.field)]
        self.pending = None
        replies: list[Reply] = []
        if others:
            names = ", ".join(dict.fromkeys(field_label(u.field) for u in others))
            replies.append(
                Note(
                    f"I took this as the answer to the question and left the rest of the case "
                    f"as it was (not changed: {names}). To change those, say so, e.g. "
                    "“the consignee is …”.",
                    tone="info",
                )
            )
        return (
            replies + self._changed(base, revised) + self._decide(revised, previous=self._outcome())
        )

    def _outcome(self) -> Outcome | None:
        return self.decision.outcome if self.decision is not None else None

    def _changed(self, before: Transfer | None, after: Transfer) -> list[Reply]:
        if before is None:
            return []
        found = changes(before, after)
        return [ChangedReply(found)] if found else []

    def _reading(self, reading: Reading, command: Command) -> list[Reply]:
        intent = command.intent
        if intent == "help":
            return [HelpReply()]
        if intent == "reset":
            self.transfer = self.decision = self.pending = None
            self.asked = set()
            return [Note("New case. Describe the transfer.")]
        if intent in ("why", "why_not", "show_article", "who_is_liable") and not reading.understood:
            return self._explain(command)
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
        if revised:
            replies += self._changed(self.transfer, reading.transfer)
        if reading.new_case or self.transfer is None:
            self.asked = set()
        new = reading.new_case or self.transfer is None
        previous = self._outcome() if revised else None
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
        decided = self._decide(reading.transfer, previous=previous, focus=focus, new=new)
        if reading.speaker_needed:
            decided = self._ask_speaker(decided)
        return replies + decided

    def _ask_speaker(self, decided: list[Reply]) -> list[Reply]:
        """Put "who are we?" before any question of the decision (asked again after it)."""
        for reply in decided:
            if isinstance(reply, Ask):
                self.asked.discard((reply.field, reply.question))
        ask = speaker_question()
        self.pending = ask
        kept: list[Reply] = [r for r in decided if not isinstance(r, Ask | Note)]
        return [*kept, ask]

    def _ask_turnover(self) -> list[Reply]:
        if self.decision is None or self.transfer is None:
            return [Note("Ask about a transfer first; then I can size the fine.", tone="warning")]
        if self.transfer.turnover_cny is not None:
            return [LiabilityReply(self.decision)]
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
        if ask.source == SPEAKER:
            return self._speaker_answer(base, typed or "")
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
        new, self._fresh = self._fresh, False
        revised = self.transfer or base
        previous = None if new else self._outcome()
        return [
            *self._changed(base, revised),
            *self._decide(revised, previous=previous, new=new),
        ]

    def _speaker_answer(self, base: Transfer, typed: str) -> list[Reply]:
        try:
            speaker = speaker_of(typed)
        except ValueError as exc:
            return [Note(str(exc), tone="warning")]
        self.speaker = self.interpreter.speaker = speaker
        if self.remember is not None:
            self.remember(speaker)
        revised = with_value(base, "exporter.name", speaker.name)
        if speaker.country:
            revised = with_value(revised, "exporter.country", speaker.country)
        self.pending = None
        note = Note(f"From now on “we” is {speaker}.", tone="answer")
        changed = self._changed(base, revised)
        return [note, *changed, *self._decide(revised, previous=self._outcome())]

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
        fresh = [i for i in interpretation_ids(decision) if i not in self._seen]
        self._seen.update(fresh)
        verdict = VerdictReply(
            decision, transfer, previous=previous, focus=focus, fresh_interpretations=fresh
        )
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
        title = title_of(transfer, decision)
        if self.history and not new:
            self.history[-1] = Case(self.history[-1].number, title, transfer, decision)
        else:
            self.history.append(Case(len(self.history) + 1, title, transfer, decision))

    def _explain(self, command: Command) -> list[Reply]:
        decision = self.decision
        if decision is None or self.transfer is None:
            return [
                Note("Ask about a transfer first; then I can explain the answer.", tone="warning")
            ]
        if command.intent == "why":
            return [VerdictReply(decision, self.transfer, focus="why")]
        if command.intent == "why_not":
            return [WhyNotReply(decision, command.target)]
        if command.intent == "who_is_liable":
            return [LiabilityReply(decision)]
        return [self.article(decision)]

    def article(self, decision: Decision) -> ArticleReply:
        """The words of the law behind the decision's main ground."""
        return article_of(decision, self.rules())

    def export_title(self) -> str:
        """A short title for the current case."""
        return title_of(self.transfer, self.decision) if self.transfer is not None else "new case"
