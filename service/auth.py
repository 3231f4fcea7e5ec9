"""API keys: off by default on loopback; when set, every request but the health check needs one.

A key is sent as ``Authorization: Bearer KEY`` or ``X-API-Key: KEY`` and compared with every
configured key in constant time (:func:`hmac.compare_digest`), so the time taken tells nothing
about how much of a key was right.

>>> key_matches("s3cret", ("other", "s3cret"))
True
>>> key_matches("s3cre", ("other", "s3cret"))
False
"""

from __future__ import annotations

import hmac

from dualuse.service.errors import Refused
from fastapi import Request


def key_matches(given: str, keys: tuple[str, ...]) -> bool:
    """Whether ``given`` is one of ``keys``; every key is compared, whatever the outcome."""
    found = False
    raw = given.encode("utf-8", "surrogateescape")
    for key in keys:
        found |= hmac.compare_digest(raw, key.encode("utf-8", "surrogateescape"))
    return found


def presented(request: Request) -> str | None:
    """The key a request carries, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-key")


def check(request: Request, keys: tuple[str, ...], *, admin: bool = False) -> None:
    """Refuse a request without a valid key (when keys are set, or always for ``admin``).

    Raises:
        Refused: 401 without a valid key; 403 for an admin request when no key is configured.
    """
    if not keys:
        if admin:
            raise Refused(
                403, "forbidden", "admin requests need API keys: set DUALUSE_API_KEYS to allow them"
            )
        return
    given = presented(request)
    if given is None or not key_matches(given, keys):
        raise Refused(401, "unauthorized", "a valid API key is needed (Authorization: Bearer KEY)")
