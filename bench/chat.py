"""Chat start-up to the first prompt, measured with ``bench/chat_latency.py`` when it is there.

Two figures:

- *launch → prompt* as ``bench/chat_latency.py`` reports it (from building the app to the message
  line focused, in a process that has already imported everything); its other lines (engine
  ready, Enter → verdict) are kept too;
- *process start → prompt*: a fresh Python process that imports what ``dualuse chat`` imports
  (the command line, Textual, the engine) and then runs ``chat_latency.launch_once``; the time
  from starting the process to the prompt focused. This is what a user waits for, and it is the
  figure the target is judged on.

>>> parse_lines("launch → prompt focused   median  230.5 ms   min  230.5   max  230.5   (n=1)")
{'launch → prompt focused': {'median_ms': 230.5, 'min_ms': 230.5, 'max_ms': 230.5, 'n': 1}}
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from bench.machine import ROOT

SCRIPT = ROOT / "bench" / "chat_latency.py"
_LINE = re.compile(
    r"^(?P<name>.+?)\s+median\s+(?P<median>[\d.]+) ms\s+min\s+(?P<min>[\d.]+)\s+"
    r"max\s+(?P<max>[\d.]+)\s+\(n=(?P<n>\d+)\)"
)
_CHILD = """
import asyncio, json, sys, time
spawned = float(sys.argv[1])
import dualuse.cli.main  # what the dualuse script imports before it starts the chat
from bench.chat_latency import launch_once
began = time.time()
prompt, ready = asyncio.run(launch_once())
imports = (began - spawned) * 1000
print(json.dumps({"cold_prompt_ms": imports + prompt, "imports_ms": imports,
                  "prompt_ms": prompt, "ready_ms": ready}))
"""


def parse_lines(text: str) -> dict[str, dict[str, float]]:
    """The measure lines printed by ``chat_latency.py``."""
    out: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        found = _LINE.match(line.strip())
        if found:
            out[found.group("name").strip()] = {
                "median_ms": float(found.group("median")),
                "min_ms": float(found.group("min")),
                "max_ms": float(found.group("max")),
                "n": int(found.group("n")),
            }
    return out


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def from_script(runs: int, timeout_s: float) -> dict[str, Any]:
    """Run ``chat_latency.py --runs N`` and keep every line it printed, even if it fails."""
    if not SCRIPT.exists():
        return {"available": False, "reason": "bench/chat_latency.py is not there"}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--runs", str(runs)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            code: int | None = proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()  # our own child
            proc.wait()
            code = None
        out.seek(0)
        text = out.read()
    result: dict[str, Any] = {"available": True, "exit_code": code, "lines": parse_lines(text)}
    if code != 0:
        result["problem"] = "timed out" if code is None else _last_line(text)[:300]
    return result


def cold_start(runs: int, timeout_s: float) -> dict[str, Any]:
    """Process start → prompt focused, in fresh processes; the median and every run."""
    if not SCRIPT.exists():
        return {"available": False, "reason": "bench/chat_latency.py is not there"}
    samples: list[dict[str, float]] = []
    problem = ""
    for _ in range(runs):
        spawned = time.time()
        try:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, repr(spawned)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=timeout_s,
            )
        except subprocess.TimeoutExpired:
            problem = "timed out"
            continue
        line = _last_line(done.stdout)
        if done.returncode != 0 or not line.startswith("{"):
            problem = (_last_line(done.stderr) or line)[:300]
            continue
        samples.append(json.loads(line))
    if not samples:
        return {"available": False, "reason": problem or "no run finished"}

    def median(key: str) -> float:
        return round(statistics.median(s[key] for s in samples), 1)

    return {
        "available": True,
        "runs": len(samples),
        "cold_prompt_ms": median("cold_prompt_ms"),
        "imports_ms": median("imports_ms"),
        "prompt_ms": median("prompt_ms"),
        "engine_ready_ms": median("ready_ms"),
        "all_cold_prompt_ms": [round(s["cold_prompt_ms"], 1) for s in samples],
        "problem": problem or None,
    }


_PROFILE_CHILD = """
import asyncio, json, time
from pyinstrument import Profiler
from bench.profiling import summarise
profiler = Profiler(interval=0.0005)
began = time.perf_counter()
profiler.start()
import dualuse.cli.main
from bench.chat_latency import launch_once
asyncio.run(launch_once())
profiler.stop()
print(json.dumps(summarise(profiler.last_session.root_frame(), time.perf_counter() - began)))
"""


def profile_cold(timeout_s: float) -> dict[str, Any]:
    """A pyinstrument profile of imports and launch → prompt, in a fresh process."""
    if not SCRIPT.exists():
        return {"available": False, "reason": "bench/chat_latency.py is not there"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PROFILE_CHILD],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:
        return {"available": False, "reason": "timed out"}
    line = _last_line(done.stdout)
    if done.returncode != 0 or not line.startswith("{"):
        return {"available": False, "reason": (_last_line(done.stderr) or line)[:300]}
    result: dict[str, Any] = json.loads(line)
    return result
