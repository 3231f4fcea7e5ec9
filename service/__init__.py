"""dualuse as an HTTP service, for tools that embed the engine over the network.

``dualuse serve`` runs it on uvicorn; :func:`create_app` builds the FastAPI app for any other ASGI
server. Endpoints are versioned under ``/v1``; the OpenAPI schema is at ``/openapi.json``.

>>> from dualuse.service import Settings, create_app
>>> create_app(Settings()).title
'dualuse'
"""

from dualuse.service.app import create_app
from dualuse.service.records import RecentDecisions, Records
from dualuse.service.settings import Settings

__all__ = ["RecentDecisions", "Records", "Settings", "create_app"]
