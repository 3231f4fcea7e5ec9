"""Re-screening: a decision may supersede an earlier one of the same transfer.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the link to the superseded decision."""
    with op.batch_alter_table("decision") as table:
        table.add_column(sa.Column("supersedes", sa.String(36), nullable=True))
        table.create_index("ix_decision_supersedes", ["supersedes"])


def downgrade() -> None:
    """Drop the link."""
    with op.batch_alter_table("decision") as table:
        table.drop_index("ix_decision_supersedes")
        table.drop_column("supersedes")
