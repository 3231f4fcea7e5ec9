"""One engine per worker process, the threads that run it, and the per-request time limit.

Decisions run on a small thread pool, so the event loop stays free to answer health checks and
to refuse what is late: a single decision that has not finished within the time limit (waiting
included) is answered 503, and its thread finishes in the background. A reload builds the new
rule base beside the old one and swaps it in; decisions under way finish on the rules they began
with, so no request is dropped.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from dualuse.cli.fields import to_transfer
from dualuse.engine import Decision, DualuseError, Engine, InputError
from dualuse.service.errors import Refused, parse_body, problem_of
from dualuse.service.metrics import Metrics
from dualuse.service.models import Problem
from dualuse.service.records import Records

T = TypeVar("T")


class Worker:
    """The engine of this process, loaded once at start-up, with its threads and records."""

    def __init__(
        self, rules: Path | None, records: Records, metrics: Metrics, threads: int = 4
    ) -> None:
        self.rules = rules
        self.records = records
        self.metrics = metrics
        self.engine: Engine | None = None
        self.loaded_at: dt.datetime | None = None
        self.rule_count = 0
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="decide")
        self._reloading = threading.Lock()

    def load(self) -> None:
        """Load the engine (slow: the rule base is parsed, checked and compiled)."""
        engine = Engine() if self.rules is None else Engine(rules_dir=self.rules)
        engine.decide(
            {"date": dt.date.today().isoformat()}, explain=False
        )  # warm the day's programs
        self.rule_count = len(engine.rules())
        self.records.loaded(engine.rules_digest)
        self.engine, self.loaded_at = engine, dt.datetime.now(dt.UTC)

    def reload(self) -> str:
        """Load the rule folder again and swap it in; returns the new digest.

        Raises:
            RuleBaseError: the folder has errors; the rules in use stay.
        """
        engine = self.ready()
        with self._reloading:
            engine.reload(self.rules)
            self.records.loaded(engine.rules_digest)
            engine.decide({"date": dt.date.today().isoformat()}, explain=False)
            self.rule_count = len(engine.rules())
            self.loaded_at = dt.datetime.now(dt.UTC)
        return engine.rules_digest

    def ready(self) -> Engine:
        """The engine, or a 503 while it is still loading."""
        if self.engine is None:
            raise Refused(503, "not_ready", "the rules are still loading; try again shortly")
        return self.engine

    async def run(self, work: Callable[[], T], limit: float | None) -> T:
        """Run ``work`` on a decision thread, waiting at most ``limit`` seconds.

        Raises:
            Refused: 503 when the time limit passes first.
        """
        future = asyncio.get_running_loop().run_in_executor(self._pool, work)
        try:
            return await asyncio.wait_for(future, limit)
        except TimeoutError:
            raise Refused(
                503, "time_limit", f"the decision took longer than the limit of {limit:g} s"
            ) from None

    def decide(self, document: object, as_of: dt.date | None, explain: bool) -> tuple[str, str]:
        """Decide a parsed document; returns the decision id and the decision's JSON.

        Raises:
            InputError: the document breaks the transfer contract (naming the field).
        """
        decision = self.made(document, as_of, explain)
        text = decision.model_dump_json()
        decision_id = self.records.add(text, decision, explain)
        self.metrics.decided(decision.outcome)
        return decision_id, text

    def made(self, document: object, as_of: dt.date | None, explain: bool) -> Decision:
        """The decision on a parsed document, not yet recorded.

        Raises:
            InputError: the document breaks the transfer contract (naming the field).
        """
        return self.ready().decide(to_transfer(document), as_of, explain=explain)

    def decide_line(
        self, number: int, line: bytes, as_of: dt.date | None, explain: bool
    ) -> Decision | str:
        """The decision of one batch line, or the error line (JSON, with a newline) of a bad one."""
        try:
            return self.made(parse_body(line), as_of, explain)
        except Refused as exc:
            return error_line(number, exc.problem)
        except DualuseError as exc:
            problem = (
                problem_of(exc)
                if isinstance(exc, InputError)
                else Problem(code=exc.code, message=str(exc))
            )
            return error_line(number, problem)
        except Exception as exc:  # a bug: this line fails, the rest of the batch goes on
            bug = Problem(code="internal_error", message=f"internal error: {type(exc).__name__}")
            return error_line(number, bug)

    def decide_lines(
        self,
        lines: list[tuple[int, bytes]],
        as_of: dt.date | None,
        explain: bool,
        deadline: float,
    ) -> str:
        """The answer lines of consecutive batch lines; lines not begun by ``deadline`` fail.

        Their decisions are recorded together, in one transaction, before any line is answered.
        """
        out: list[Decision | str] = []
        for number, line in lines:
            if time.monotonic() > deadline:
                late = Problem(code="time_limit", message="the batch passed its time limit")
                out.append(error_line(number, late))
            else:
                out.append(self.decide_line(number, line, as_of, explain))
        made = [(a.model_dump_json(), a) for a in out if isinstance(a, Decision)]
        try:
            ids = iter(self.records.add_many(made, explain))
        except Refused as exc:
            return "".join(
                a if isinstance(a, str) else error_line(n, exc.problem)
                for (n, _), a in zip(lines, out, strict=True)
            )
        texts = iter(text for text, _ in made)
        answers = []
        for (number, _), answer in zip(lines, out, strict=True):
            if isinstance(answer, str):
                answers.append(answer)
                continue
            self.metrics.decided(answer.outcome)
            answers.append(
                f'{{"line":{number},"decision_id":"{next(ids)}","decision":{next(texts)}}}\n'
            )
        return "".join(answers)

    def close(self) -> None:
        """Stop the decision threads (after those under way finish)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.records.close()


def error_line(number: int, problem: Problem) -> str:
    """The answer line of a batch line that was not decided."""
    body = {"line": number, "error": problem.model_dump()}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
