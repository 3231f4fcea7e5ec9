"""The first schema: rule bases stored content-addressed, and decisions.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tables."""
    op.create_table(
        "rule_blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "rulebase",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
    )
    op.create_table(
        "rulebase_file",
        sa.Column("digest", sa.String(64), sa.ForeignKey("rulebase.digest"), primary_key=True),
        sa.Column("path", sa.String(400), primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("rule_blob.sha256"), nullable=False),
    )
    op.create_table(
        "decision",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("idem_key", sa.String(64), nullable=False, unique=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("transfer_key", sa.String(200), nullable=False),
        sa.Column("transfer_id", sa.String(200), nullable=True),
        sa.Column("transfer_date", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("rules_digest", sa.String(64), sa.ForeignKey("rulebase.digest"), nullable=False),
        sa.Column("rules_folder", sa.String(200), nullable=False),
        sa.Column("explained", sa.Boolean(), nullable=False),
        sa.Column("parties", sa.Text(), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("transfer", sa.Text(), nullable=False),
        sa.Column("decision", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_decision_transfer_key", "decision", ["transfer_key"])
    op.create_index("ix_decision_transfer_date", "decision", ["transfer_date"])
    op.create_index("ix_decision_outcome", "decision", ["outcome"])
    op.create_index("ix_decision_recorded_at", "decision", ["recorded_at"])


def downgrade() -> None:
    """Drop the tables."""
    for table in ("decision", "rulebase_file", "rulebase", "rule_blob"):
        op.drop_table(table)
