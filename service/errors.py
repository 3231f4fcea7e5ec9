"""Errors as JSON: a stable code, the field, and the command line's own message; never a trace.

>>> problem_of(InputError("must be a two-letter ISO country code", field="end_user.country"))
Problem(code='invalid_input', field='end_user.country', message='end_user.country: must be a \
two-letter ISO country code')
"""

from __future__ import annotations

import logging
from typing import Any

from dualuse.cli.guard import describe
from dualuse.engine import DualuseError, InputError, read_json
from dualuse.service.models import ErrorBody, Problem
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

log = logging.getLogger("dualuse.service")

_STATUS_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    503: "not_ready",
}


class Refused(Exception):
    """A request the service answers with an error status and a problem."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        self.status = status
        self.problem = Problem(code=code, field=field, message=message)
        super().__init__(message)


def problem_of(error: InputError) -> Problem:
    """The problem of an input error, worded as ``dualuse decide`` words it."""
    return Problem(code=error.code, field=error.field, message=describe(error))


def parse_body(body: bytes) -> Any:
    """The JSON document of a body, through the engine's input guard.

    Raises:
        Refused: 400 ``malformed_json`` when the body is not JSON (or not UTF-8).
        InputError: the document breaks a limit of the guard (naming the field).
    """
    try:
        return read_json(body)
    except InputError as exc:
        if exc.field is None:
            raise Refused(400, "malformed_json", exc.message) from None
        raise


def error_response(
    status: int, problem: Problem, headers: dict[str, str] | None = None
) -> Response:
    """The JSON answer for a problem."""
    body = ErrorBody(error=problem).model_dump_json(exclude_none=False)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _query_field(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    return ".".join(parts) or "(request)"


def install(app: FastAPI) -> None:
    """Answer every error of ``app`` as an :class:`ErrorBody`."""

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        headers = {"Retry-After": "1"} if exc.status == 503 else None
        if exc.status == 401:
            headers = {"WWW-Authenticate": "Bearer"}
        return error_response(exc.status, exc.problem, headers)

    async def bad_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        return error_response(422, problem_of(exc))

    async def engine_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DualuseError)
        return error_response(422, Problem(code=exc.code, message=describe(exc)))

    async def bad_parameter(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0]
        field = _query_field(tuple(first.get("loc", ())))
        message = str(first.get("msg", "invalid")).replace("Input should be", "must be")
        problem = Problem(code="invalid_input", field=field, message=f"{field}: {message}")
        return error_response(422, problem)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = _STATUS_CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, Problem(code=code, message=str(exc.detail)))

    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        message = (
            f"internal error: {type(exc).__name__} (a bug in dualuse; the log has the details)"
        )
        return error_response(500, Problem(code="internal_error", message=message))

    app.add_exception_handler(Refused, refused)
    app.add_exception_handler(InputError, bad_input)
    app.add_exception_handler(DualuseError, engine_error)
    app.add_exception_handler(RequestValidationError, bad_parameter)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal)
