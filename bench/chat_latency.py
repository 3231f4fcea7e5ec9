"""Chat latency, headless: launch to the first prompt, and Enter to the verdict on screen.

Run: ``.venv/bin/python bench/chat_latency.py [--runs N]``. Prints one line per measure (median,
min, max in milliseconds) and a JSON summary.

- *launch → prompt*: from building the app to the message line focused and accepting keys (the
  engine then loads in a worker; it is timed separately as *launch → engine ready*).
- *Enter → verdict*: from pressing Enter on a question to its verdict card mounted on screen,
  for a settled case, an open case (the engine also works out the questions) and a what-if.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import time

from dualuse.engine import Engine
from dualuse.tui.app import ChatApp, make_app
from dualuse.tui.widgets.verdict import VerdictCard
from textual.widgets import Input

TODAY = dt.date(2026, 1, 10)
QUESTIONS = {
    "settled (prohibited)": [
        "Can we export dysprosium oxide to the Japan Maritime Self-Defense Force in March 2026?"
    ],
    "settled (licence)": ["Export Dy2O3 to Sony in Japan for consumer electronics on 2 March 2026"],
    "open (questions computed)": ["Terbium metal to TDK Corporation in March"],
    "what-if on a case": [
        "Export Dy2O3 to Sony in Japan for consumer electronics on 2 March 2026",
        "and if the end use were military?",
    ],
}


async def _until(app: ChatApp, done: object, timeout: float = 120.0) -> None:
    start = time.perf_counter()
    while not done():  # type: ignore[operator]
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        await asyncio.sleep(0.002)


async def launch_once() -> tuple[float, float]:
    """Milliseconds from building the app to the prompt focused, and to the engine ready."""
    start = time.perf_counter()
    app = make_app(today=TODAY)
    async with app.run_test(size=(140, 50)) as pilot:
        await _until(app, lambda: isinstance(app.focused, Input) and app.focused.id == "prompt")
        prompt = (time.perf_counter() - start) * 1000
        await _until(app, lambda: app.session is not None)
        ready = (time.perf_counter() - start) * 1000
        await pilot.pause()
    return prompt, ready


async def verdicts_once(engine: Engine, messages: list[str]) -> float:
    """Milliseconds from Enter on the last message to its verdict card on screen."""
    app = make_app(engine, today=TODAY)
    elapsed = 0.0
    async with app.run_test(size=(140, 50)) as pilot:
        await _until(app, lambda: app.session is not None)
        for text in messages:
            before = len(app.chat_screen.query(VerdictCard))
            app.chat_screen.query_one("#prompt", Input).value = text
            start = time.perf_counter()
            # The pilot's press also waits for the screen to go idle: run it beside the poll,
            # so the time is when the card is mounted, not when the pilot returns.
            press = asyncio.create_task(pilot.press("enter"))
            await _until(app, lambda b=before: len(app.chat_screen.query(VerdictCard)) > b)
            elapsed = (time.perf_counter() - start) * 1000
            await press
            await app.workers.wait_for_complete()
            await pilot.pause()
    return elapsed


def _line(name: str, values: list[float]) -> dict[str, float]:
    row = {"median_ms": statistics.median(values), "min_ms": min(values), "max_ms": max(values)}
    print(
        f"{name:<32} median {row['median_ms']:8.1f} ms   min {row['min_ms']:8.1f}   "
        f"max {row['max_ms']:8.1f}   (n={len(values)})"
    )
    return row


async def main(runs: int) -> None:
    """Measure and print."""
    results: dict[str, dict[str, float]] = {}
    launches = [await launch_once() for _ in range(runs)]
    results["launch → prompt focused"] = _line("launch → prompt focused", [p for p, _ in launches])
    results["launch → engine ready"] = _line("launch → engine ready", [r for _, r in launches])
    engine = Engine()
    for name, messages in QUESTIONS.items():
        times = [await verdicts_once(engine, messages) for _ in range(runs)]
        results[f"Enter → verdict: {name}"] = _line(f"Enter → verdict: {name}", times)
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    asyncio.run(main(parser.parse_args().runs))
