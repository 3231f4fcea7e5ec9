"""How a service is configured: address, keys, CORS, limits; from options or the environment.

>>> Settings(api_keys=()).keys_required
False
>>> Settings(host="0.0.0.0", api_keys=()).problem()
'binding to 0.0.0.0 needs API keys: set DUALUSE_API_KEYS (comma-separated)'
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

ENV = "DUALUSE_SERVICE_SETTINGS"
"""The environment variable that hands the settings to worker processes (as JSON)."""


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1 or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Settings(BaseModel):
    """Everything a service worker needs; frozen, so every worker sees the same."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)
    host: str = "127.0.0.1"
    """The address to bind."""
    port: int = Field(default=8000, ge=0, le=65535)
    """The port to bind (0: any free port)."""
    workers: int = Field(default=1, ge=1)
    """Worker processes, each with its own engine."""
    rules: Path | None = None
    """A rule folder instead of the bundled rules."""
    api_keys: tuple[str, ...] = ()
    """Accepted API keys; none means no key is asked for (loopback only)."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call from a browser; none means CORS is off."""
    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1)
    """The largest request body accepted (413 past it)."""
    max_batch_lines: int = Field(default=10_000, ge=1)
    """The most lines one batch request may hold (413 past it)."""
    time_limit_s: float = Field(default=10.0, gt=0)
    """Seconds a single decision may take, waiting included (503 past it)."""
    batch_time_limit_s: float = Field(default=600.0, gt=0)
    """Seconds a batch request may take; lines not begun by then are answered with an error."""
    recent: int = Field(default=1_000, ge=0)
    """Decisions each worker keeps for ``GET /v1/decisions/{id}`` (without a records store)."""
    records_db: str | None = None
    """The records store's SQLAlchemy URL: every decision is recorded there and read back by
    id from any worker; ``None``: nothing is recorded, each worker keeps its recent decisions."""
    records_user: str = "service"
    """Who is recorded as deciding (a free label)."""
    threads: int = Field(default=4, ge=1)
    """Threads per worker that run decisions (the engine is pure Python: few are enough)."""
    reload_stamp: Path | None = None
    """With several workers: a file whose change tells every worker to load the rules again
    (written by ``POST /admin/reload`` and by ``SIGHUP`` to the parent process)."""

    @property
    def keys_required(self) -> bool:
        """Whether requests must carry one of the API keys."""
        return bool(self.api_keys)

    def problem(self) -> str | None:
        """Why these settings must not start a service, or ``None``."""
        if not is_loopback(self.host) and not self.api_keys:
            return f"binding to {self.host} needs API keys: set DUALUSE_API_KEYS (comma-separated)"
        return None

    @classmethod
    def from_environment(cls, **given: object) -> Settings:
        """Settings from ``DUALUSE_API_KEYS`` and ``DUALUSE_CORS_ORIGINS``, then ``given``."""
        values: dict[str, object] = {
            "api_keys": _split(os.environ.get("DUALUSE_API_KEYS")),
            "cors_origins": _split(os.environ.get("DUALUSE_CORS_ORIGINS")),
        }
        values.update({k: v for k, v in given.items() if v is not None})
        return cls.model_validate(values)
