"""Alembic's environment: migrate the connection handed over by :mod:`dualuse.store.schema`."""

from __future__ import annotations

from alembic import context
from dualuse.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
