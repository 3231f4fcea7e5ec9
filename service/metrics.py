"""Prometheus text exposition (format 0.0.4): requests, latency histogram, decisions by outcome.

Written here rather than with ``prometheus_client``: three metric families need some forty lines,
and each app keeps its own counters instead of a process-wide registry (tests start several
apps in one process). Each worker process counts what it answered; with ``--workers N`` every
worker is its own series, labelled ``worker`` by process id.

>>> m = Metrics()
>>> m.observe("/v1/decisions", "POST", 200, 0.004)
>>> m.decided("prohibited")
>>> text = m.exposition()
>>> 'dualuse_decisions_total{outcome="prohibited"' in text
True
"""

from __future__ import annotations

import os
import threading
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""Upper bounds of the latency histogram, in seconds."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class Metrics:
    """Counters and a histogram for one worker; safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.buckets: dict[str, list[int]] = {}
        self.sums: dict[str, float] = {}
        self.worker = str(os.getpid())

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        """Count one answered request and its latency."""
        with self._lock:
            self.requests[(route, method, status)] += 1
            counts = self.buckets.setdefault(route, [0] * (len(BUCKETS) + 1))
            counts[bisect_left(BUCKETS, seconds)] += 1
            self.sums[route] = self.sums.get(route, 0.0) + seconds

    def decided(self, outcome: str) -> None:
        """Count one decision."""
        with self._lock:
            self.outcomes[outcome] += 1

    def exposition(self) -> str:
        """The metrics as Prometheus text."""
        w = f'worker="{self.worker}"'
        out = [
            "# HELP dualuse_requests_total Requests answered, by route, method and status.",
            "# TYPE dualuse_requests_total counter",
        ]
        with self._lock:
            for (route, method, status), n in sorted(self.requests.items()):
                out.append(
                    f'dualuse_requests_total{{route="{_label(route)}",method="{method}",'
                    f'status="{status}",{w}}} {n}'
                )
            out += [
                "# HELP dualuse_request_duration_seconds Time to answer a request, by route.",
                "# TYPE dualuse_request_duration_seconds histogram",
            ]
            for route, counts in sorted(self.buckets.items()):
                r = f'route="{_label(route)}",{w}'
                total = 0
                for bound, n in zip((*BUCKETS, float("inf")), counts, strict=True):
                    total += n
                    le = "+Inf" if bound == float("inf") else repr(bound)
                    out.append(f'dualuse_request_duration_seconds_bucket{{{r},le="{le}"}} {total}')
                out.append(f"dualuse_request_duration_seconds_sum{{{r}}} {self.sums[route]:.6f}")
                out.append(f"dualuse_request_duration_seconds_count{{{r}}} {total}")
            out += [
                "# HELP dualuse_decisions_total Decisions made, by outcome.",
                "# TYPE dualuse_decisions_total counter",
            ]
            for outcome, n in sorted(self.outcomes.items()):
                out.append(f'dualuse_decisions_total{{outcome="{outcome}",{w}}} {n}')
        return "\n".join(out) + "\n"


class Measured:
    """ASGI middleware: times every HTTP request and counts it under its route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, noting the status sent and the time until the last byte."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, noting)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "(unrouted)"
            self.metrics.observe(
                template, scope.get("method", "?"), status, time.perf_counter() - start
            )
