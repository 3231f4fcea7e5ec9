"""The HTTP service: FastAPI routes over one engine per worker, versioned under ``/v1``.

>>> app = create_app(Settings())
>>> sorted(r.path for r in app.routes if r.path.startswith("/v1/decisions"))
['/v1/decisions', '/v1/decisions/batch', '/v1/decisions/{decision_id}']
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import os
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any

from dualuse.engine import Decision, DualuseError, RuleInfo, Transfer
from dualuse.service import auth, errors
from dualuse.service.deciding import Worker
from dualuse.service.limits import BodyLimit
from dualuse.service.metrics import Measured, Metrics
from dualuse.service.models import (
    BatchLine,
    DecisionAnswer,
    ErrorBody,
    Health,
    Reloaded,
    RuleSummary,
)
from dualuse.service.records import RecentDecisions, Records
from dualuse.service.settings import Settings
from fastapi import FastAPI, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response, StreamingResponse
from pydantic.json_schema import models_json_schema

JSON = "application/json"
STAMP_POLL_S = 0.5
"""How often a worker looks at the reload stamp."""
NDJSON = "application/x-ndjson"
BATCH_CHUNK = 32
"""Batch lines decided, recorded (one transaction) and streamed together."""


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorBody} for s in statuses}


AsOf = Annotated[
    dt.date | None,
    Query(description="Apply the law in force on this date instead of the transfer's date."),
]
Explain = Annotated[
    bool,
    Query(description="false skips proofs, why-not and what-would-change: faster screening."),
]


def create_app(settings: Settings, records: Records | None = None) -> FastAPI:
    """The service app; its engine is loaded when the app starts (its lifespan).

    Args:
        settings: Address, keys, CORS, limits.
        records: Where decisions are kept by id (``dualuse serve`` gives the records store);
            default: each worker's recent decisions, in memory.
    """
    metrics = Metrics()
    worker = Worker(
        settings.rules, records or RecentDecisions(settings.recent), metrics, settings.threads
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, worker.load)
        reloads: set[asyncio.Future[str]] = set()

        def reloaded(future: asyncio.Future[str]) -> None:
            reloads.discard(future)
            if future.exception() is not None:
                errors.log.error("SIGHUP: the rules were not reloaded: %s", future.exception())
            else:
                errors.log.info("SIGHUP: rules reloaded, digest %s", future.result())

        def on_hangup() -> None:
            future = loop.run_in_executor(None, worker.reload)
            reloads.add(future)
            future.add_done_callback(reloaded)

        try:
            loop.add_signal_handler(signal.SIGHUP, on_hangup)
            hangup = True
        except (ValueError, RuntimeError):  # not the main thread: an embedding server's choice
            hangup = False
        watching = (
            asyncio.create_task(watch_stamp(settings.reload_stamp))
            if settings.reload_stamp is not None
            else None
        )
        try:
            yield
        finally:
            if hangup:
                loop.remove_signal_handler(signal.SIGHUP)
            if watching is not None:
                watching.cancel()
            worker.close()

    seen = {"stamp": read_stamp(settings.reload_stamp)}

    async def watch_stamp(stamp: Path) -> None:
        """Reload in this worker when another worker or the parent changed the stamp."""
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(STAMP_POLL_S)
            now = read_stamp(stamp)
            if now != seen["stamp"]:
                seen["stamp"] = now
                try:
                    digest = await loop.run_in_executor(None, worker.reload)
                    errors.log.info("rules reloaded, digest %s", digest)
                except DualuseError as exc:
                    errors.log.error("the rules were not reloaded: %s", exc)

    app = FastAPI(
        title="dualuse",
        summary="Decisions on transfers of dual-use items under the PRC's export ban on Japan.",
        version=_version(),
        lifespan=lifespan,
    )
    app.state.worker = worker
    errors.install(app)

    def key(request: Request) -> None:
        auth.check(request, settings.api_keys)

    @app.post(
        "/v1/decisions",
        response_model=DecisionAnswer,
        responses=_errors(400, 401, 413, 422, 503),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {JSON: {"schema": {"$ref": "#/components/schemas/Transfer"}}},
            }
        },
        summary="Decide one transfer",
    )
    async def decide(request: Request, as_of: AsOf = None, explain: Explain = True) -> Response:
        """A transfer (JSON) in, its decision out, with the id under which it was recorded."""
        key(request)
        worker.ready()
        body = await request.body()
        document = errors.parse_body(body)
        decision_id, text = await worker.run(
            lambda: worker.decide(document, as_of, explain), settings.time_limit_s
        )
        return Response(
            f'{{"decision_id":"{decision_id}","decision":{text}}}',
            media_type=JSON,
            headers={"X-Decision-Id": decision_id},
        )

    @app.post(
        "/v1/decisions/batch",
        responses={
            200: {
                "description": "One line per input line, in order.",
                "content": {NDJSON: {"schema": {"$ref": "#/components/schemas/BatchLine"}}},
            },
            **_errors(401, 413, 422, 503),
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {NDJSON: {"schema": {"type": "string"}}},
            }
        },
        response_class=StreamingResponse,
        summary="Decide transfers, one JSON object per line",
    )
    async def batch(request: Request, as_of: AsOf = None, explain: Explain = True) -> Response:
        """NDJSON in, NDJSON out, streamed: a bad line is answered with its error line."""
        key(request)
        worker.ready()
        body = await request.body()
        lines = [(n, line) for n, line in enumerate(body.splitlines(), start=1) if line.strip()]
        if len(lines) > settings.max_batch_lines:
            raise errors.Refused(
                413,
                "too_many_lines",
                f"{len(lines):,} lines; a batch request holds at most "
                f"{settings.max_batch_lines:,}: split it",
            )
        deadline = time.monotonic() + settings.batch_time_limit_s

        def decide_chunk(chunk: list[tuple[int, bytes]]) -> str:
            return worker.decide_lines(chunk, as_of, explain, deadline)

        async def answers() -> AsyncIterator[str]:
            for start in range(0, len(lines), BATCH_CHUNK):
                chunk = lines[start : start + BATCH_CHUNK]
                yield await worker.run(functools.partial(decide_chunk, chunk), None)

        return StreamingResponse(answers(), media_type=NDJSON)

    @app.get(
        "/v1/decisions/{decision_id}",
        response_model=DecisionAnswer,
        responses=_errors(401, 404, 422),
        summary="Read a decision back by its id",
    )
    async def decision(request: Request, decision_id: str) -> Response:
        """A decision made through the service, by the id it was answered with."""
        key(request)
        text = worker.records.get(decision_id)
        if text is None:
            where = (
                "in the records store"
                if records is not None
                else f"here (each worker keeps its last {settings.recent:,} decisions)"
            )
            raise errors.Refused(404, "not_found", f"no decision {decision_id!r} is kept {where}")
        return Response(f'{{"decision_id":"{decision_id}","decision":{text}}}', media_type=JSON)

    @app.get("/v1/schema/transfer", responses=_errors(401), summary="The transfer's JSON Schema")
    async def schema_transfer(request: Request) -> dict[str, Any]:
        """The JSON Schema of a transfer, as ``dualuse schema transfer`` prints it."""
        key(request)
        return Transfer.model_json_schema(mode="validation")

    @app.get("/v1/schema/decision", responses=_errors(401), summary="The decision's JSON Schema")
    async def schema_decision(request: Request) -> dict[str, Any]:
        """The JSON Schema of a decision, as ``dualuse schema decision`` prints it."""
        key(request)
        return Decision.model_json_schema(mode="serialization")

    @app.get("/v1/rules", response_model=list[RuleSummary], responses=_errors(401, 503))
    async def rules(request: Request) -> list[RuleSummary]:
        """Every rule: id, citation, dates in force and its sentence."""
        key(request)
        return [
            RuleSummary(id=r.id, citation=r.citation, in_force=r.in_force, says=r.says)
            for r in worker.ready().rules()
        ]

    @app.get("/v1/rules/{rule_id}", response_model=RuleInfo, responses=_errors(401, 404, 422, 503))
    async def rule(request: Request, rule_id: str) -> RuleInfo:
        """One rule: citation, dates in force, the article's text and the rule as written."""
        key(request)
        for info in worker.ready().rules():
            if info.id == rule_id:
                return info
        raise errors.Refused(404, "not_found", f"no rule has the id {rule_id!r}")

    @app.get("/healthz", response_model=Health, responses={503: {"model": Health}})
    async def healthz() -> Response:
        """Ready once the engine is loaded (503 before); needs no key."""
        engine = worker.engine
        if engine is None:
            return Response(Health(status="loading").model_dump_json(), 503, media_type=JSON)
        health = Health(
            status="ready",
            engine_version=engine.version,
            rules_digest=engine.rules_digest,
            rules=worker.rule_count,
            loaded_at=worker.loaded_at.isoformat() if worker.loaded_at else None,
            worker=os.getpid(),
        )
        return Response(health.model_dump_json(), media_type=JSON)

    @app.get(
        "/metrics",
        response_class=Response,
        responses={
            200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
            **_errors(401),
        },
    )
    async def prometheus(request: Request) -> Response:
        """Requests, latency and decisions by outcome, as Prometheus text."""
        key(request)
        return Response(metrics.exposition(), media_type="text/plain; version=0.0.4")

    @app.post("/admin/reload", response_model=Reloaded, responses=_errors(401, 403, 422))
    async def reload(request: Request) -> Reloaded:
        """Load the rule folder again and swap it in, without dropping requests (key needed).

        This worker answers once it has the new rules; with several workers, the others load
        them within a second (as on ``SIGHUP`` to the parent process). Requests under way
        finish on the rules they began with.
        """
        auth.check(request, settings.api_keys, admin=True)
        digest = await asyncio.get_running_loop().run_in_executor(None, worker.reload)
        if settings.reload_stamp is not None:  # the other workers follow within a second
            seen["stamp"] = bump_stamp(settings.reload_stamp)
        return Reloaded(status="reloaded", rules_digest=digest)

    _schema_with_transfer(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )
    app.add_middleware(Measured, metrics=metrics)
    return app


def _version() -> str:
    try:
        return metadata.version("dualuse")
    except metadata.PackageNotFoundError:  # pragma: no cover - an uninstalled tree
        return "0+unknown"


def read_stamp(stamp: Path | None) -> str | None:
    """The reload stamp's content (``None`` without one)."""
    if stamp is None:
        return None
    try:
        return stamp.read_text(encoding="utf-8")
    except OSError:
        return None


def bump_stamp(stamp: Path) -> str:
    """Change the reload stamp, telling every worker to load the rules again."""
    value = f"{time.time_ns()} {os.getpid()}"
    stamp.write_text(value, encoding="utf-8")
    return value


def _schema_with_transfer(app: FastAPI) -> None:
    """Put the engine's Transfer model (and BatchLine) into the OpenAPI components."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        _, defs = models_json_schema(
            [(Transfer, "validation"), (BatchLine, "serialization")],
            ref_template="#/components/schemas/{model}",
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in defs.get("$defs", {}).items():
            components.setdefault(name, definition)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
