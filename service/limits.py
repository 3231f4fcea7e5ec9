"""The body-size limit, enforced before a byte of an oversized body is kept.

A ``Content-Length`` past the limit is refused at once; a body sent without one (chunked) is
counted as it arrives and refused when it passes the limit. Either way the answer is 413 with a
JSON problem.
"""

from __future__ import annotations

from dualuse.service.errors import error_response
from dualuse.service.metrics import ASGIApp, Message, Receive, Scope, Send
from dualuse.service.models import Problem


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: 413 for a request body larger than ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _problem(self) -> Problem:
        return Problem(
            code="too_large",
            message=f"the request body is larger than {self.limit:,} bytes, the most accepted",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse or count the body, then pass the request on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await error_response(413, self._problem())(scope, receive, send)
                return
        seen = 0
        started = False

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def noting(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, noting)
        except _TooLarge:
            if not started:
                await error_response(413, self._problem())(scope, receive, send)
