"""Alembic migrations of the records store, shipped with the package and run on first use."""
