"""``dualuse serve``: the HTTP service on uvicorn (see :mod:`dualuse.service`).

Binding to anything but loopback needs API keys (``DUALUSE_API_KEYS``); the settings reach every
worker process through one environment variable, so each worker builds the same app. With
several workers, ``SIGHUP`` to the parent (or ``POST /admin/reload`` to any worker) changes a
stamp file that every worker watches: each loads the rules again in place, its connections open.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from dualuse.cli.guard import BadInput, guarded
from dualuse.cli.recording import DbOption, Recorder, Recording, UserOption
from dualuse.cli.sources import rules_folder
from dualuse.store import default_url, default_user


def _supervisor() -> type[Any]:
    from uvicorn.supervisors.multiprocess import Multiprocess

    class Reloading(Multiprocess):
        """uvicorn's supervisor, but ``SIGHUP`` reloads the rules in every worker in place.

        uvicorn's own ``SIGHUP`` replaces the workers, closing their idle keep-alive
        connections, which a client may be reusing at that moment; reloading in place keeps
        every connection open.
        """

        def __init__(self, config: Any, sockets: list[Any], stamp: Path) -> None:
            super().__init__(config, sockets)
            self.stamp = stamp

        def handle_hup(self) -> None:
            self.stamp.write_text(f"{time.time_ns()} hup", encoding="utf-8")

    return Reloading


def Supervisor(config: Any, sockets: list[Any], stamp: Path) -> Any:  # noqa: N802
    """Uvicorn's multi-process supervisor, with ``SIGHUP`` reloading the rules in place."""
    return _supervisor()(config, sockets, stamp)


def from_environment() -> object:
    """The app of a worker process, from the settings its parent left in the environment.

    With a records store in the settings, every decision is recorded there and read back by id
    from any worker.
    """
    from dualuse.service import Settings, create_app
    from dualuse.service.settings import ENV
    from dualuse.service.stored import StoredRecords

    settings = Settings.model_validate_json(os.environ[ENV])
    if settings.records_db is None:
        return create_app(settings)
    records = StoredRecords(
        settings.records_db, settings.records_user, rules_folder(settings.rules)
    )
    return create_app(settings, records=records)


@guarded
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback needs DUALUSE_API_KEYS.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to bind.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", "-j", min=1, help="Worker processes, one engine each.")
    ] = 1,
    rules: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Serve the rules of this folder.", show_default=False),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            help="Allow browser calls from this origin (repeat; or DUALUSE_CORS_ORIGINS).",
            show_default=False,
        ),
    ] = None,
    max_body_bytes: Annotated[int, typer.Option(min=1, help="Largest request body (413).")] = (
        8 * 1024 * 1024
    ),
    max_batch_lines: Annotated[int, typer.Option(min=1, help="Most lines per batch (413).")] = (
        10_000
    ),
    threads: Annotated[int, typer.Option(min=1, help="Threads per worker that run decisions.")] = 4,
    time_limit: Annotated[
        float, typer.Option(min=1e-6, help="Seconds one decision may take (503).")
    ] = 10.0,
    record: Annotated[
        bool,
        typer.Option(
            "--record/--no-record",
            help="Record every decision in the records store (see `dualuse records`); "
            "--no-record keeps each worker's recent decisions in memory only.",
        ),
    ] = True,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Serve decisions over HTTP: POST /v1/decisions, /v1/decisions/batch, GET /healthz, ...

    The OpenAPI schema is at /openapi.json. SIGHUP (or POST /admin/reload with a key) loads a
    changed rule base without dropping requests. Every decision is recorded in the records
    store (--db, default: the one `dualuse records list` reads) and GET /v1/decisions/{id}
    reads it back.
    """
    import uvicorn
    from dualuse.service import Settings
    from dualuse.service.settings import ENV

    settings = Settings.from_environment(
        host=host,
        port=port,
        workers=workers,
        rules=rules_folder(rules).resolve() if rules is not None else None,
        cors_origins=tuple(cors_origin) if cors_origin else None,
        max_body_bytes=max_body_bytes,
        max_batch_lines=max_batch_lines,
        time_limit_s=time_limit,
        threads=threads,
        records_db=(db or default_url()) if record else None,
        records_user=(user or default_user()) if record else None,
    )
    problem = settings.problem()
    if problem is not None:
        raise BadInput(problem)
    if settings.records_db is not None:  # created or migrated once, before the workers start
        recorder = Recorder.before_workers(
            Recording(settings.records_db, settings.records_user, rules_folder(rules)), "service"
        )
        typer.echo(f"recording decisions in {recorder.store.where}", err=True)
        recorder.store.close()
    config = uvicorn.Config(
        "dualuse.cli.serve:from_environment",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level="info",
        access_log=False,
        timeout_graceful_shutdown=30,
        # Longer than a client pool keeps an idle connection (httpx: 5 s), so the server never
        # closes a connection a client is about to reuse.
        timeout_keep_alive=75,
    )
    if settings.workers == 1:
        os.environ[ENV] = settings.model_dump_json()
        uvicorn.Server(config).run()
        return
    with tempfile.TemporaryDirectory(prefix="dualuse-serve-") as folder:
        stamp = Path(folder) / "reload"
        stamp.write_text("0", encoding="utf-8")
        os.environ[ENV] = settings.model_copy(update={"reload_stamp": stamp}).model_dump_json()
        Supervisor(config, sockets=[config.bind_socket()], stamp=stamp).run()
