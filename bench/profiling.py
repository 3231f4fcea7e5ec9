"""What dominates the time: pyinstrument profiles summarised as function names and shares.

A profile is summarised two ways, each share a fraction of the profiled wall time:

- ``tree``: the call tree of the project's own functions (library frames in between are seen
  through, their time counted in the project function above them), merged by call path, down to
  the nodes of at least 3%: where the time goes, caller by caller;
- ``self``: the functions, library code included, whose own code takes the most time.

>>> label("evaluate", "engine/evaluator.py", 120)
'evaluate (engine/evaluator.py:120)'
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pyinstrument import Profiler
from pyinstrument.frame import Frame

from bench.machine import ROOT

MIN_SHARE = 0.03
MAX_DEPTH = 14


def label(function: str, path: str, line: int | None) -> str:
    """A function as ``name (file:line)``."""
    return f"{function} ({path}:{line})" if line else f"{function} ({path})"


def _where(frame: Frame) -> str:
    path = frame.file_path or ""
    if "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif path.startswith(str(ROOT) + "/"):
        path = path[len(str(ROOT)) + 1 :]
    elif "/lib/python" in path:
        path = "stdlib/" + path.rsplit("/", 1)[-1]
    return label(frame.function or "?", path, frame.line_no)


def _own(frame: Frame) -> bool:
    path = frame.file_path or ""
    return (
        path.startswith(str(ROOT) + "/") and "site-packages" not in path and "/bench/" not in path
    )


@dataclass
class _Node:
    seconds: float = 0.0
    children: dict[str, _Node] = field(default_factory=dict)


def _real(frame: Frame) -> list[Frame]:
    return [c for c in frame.children if not c.is_synthetic]


def _build(frame: Frame, node: _Node, depth: int) -> None:
    for child in _real(frame):
        if _own(child) and depth < MAX_DEPTH:
            sub = node.children.setdefault(_where(child), _Node())
            sub.seconds += child.time
            _build(child, sub, depth + 1)
        else:
            _build(child, node, depth)


def _flatten(node: _Node, wall: float, depth: int, out: list[dict[str, Any]]) -> None:
    for name, child in sorted(node.children.items(), key=lambda kv: -kv[1].seconds):
        share = child.seconds / wall
        if share < MIN_SHARE:
            continue
        names = [name]
        # a chain of calls that keeps (almost) all the time is shown on one line
        while len(child.children) >= 1:
            inner_name, inner = max(child.children.items(), key=lambda kv: kv[1].seconds)
            if inner.seconds < 0.97 * child.seconds:
                break
            names.append(inner_name)
            child = inner
        out.append({"depth": depth, "function": " → ".join(names), "share": round(share, 3)})
        _flatten(child, wall, depth + 1, out)


def summarise(root: Frame, wall: float, top: int = 12) -> dict[str, Any]:
    """The project call tree (nodes of at least 3%) and the top functions by self time."""
    tree = _Node()
    _build(root, tree, 0)
    nodes: list[dict[str, Any]] = []
    _flatten(tree, wall, 0, nodes)
    own: dict[str, float] = defaultdict(float)
    stack = [root]
    while stack:
        frame = stack.pop()
        real = _real(frame)
        if not frame.is_synthetic:
            own[_where(frame)] += max(0.0, frame.time - sum(c.time for c in real))
        stack.extend(real)
    ranked = sorted(own.items(), key=lambda kv: -kv[1])[:top]
    return {
        "seconds": round(wall, 3),
        "tree": nodes,
        "self": [{"function": k, "share": round(v / wall, 3)} for k, v in ranked],
    }


def profile(work: Callable[[], object], interval: float = 0.0005) -> dict[str, Any]:
    """Profile ``work()`` and summarise it."""
    profiler = Profiler(interval=interval)
    start = time.perf_counter()
    profiler.start()
    try:
        work()
    finally:
        profiler.stop()
    wall = time.perf_counter() - start
    session = profiler.last_session
    root = session.root_frame() if session is not None else None
    if root is None:
        return {"seconds": round(wall, 3), "tree": [], "self": []}
    return summarise(root, wall)
