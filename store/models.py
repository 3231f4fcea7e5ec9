"""The tables of the records store, as SQLAlchemy 2 declarative models.

Rule bases are stored content-addressed: a file's bytes once (``rule_blob``, keyed by their
SHA-256), a rule-base version as its list of paths (``rulebase_file``), keyed by the rules digest
the engine reports. A decision (``decision``) names its rule base by that digest, so the law it was
made on can be put back on disk and loaded again.

The schema itself is made and changed by the Alembic migrations in
:mod:`dualuse.store.migrations`; these models describe its latest revision.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """The declarative base of the store's tables."""


class RuleBlob(Base):
    """The bytes of one rule file or table, stored once whatever the number of versions."""

    __tablename__ = "rule_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class RuleBase(Base):
    """A version of the rule base, named by its digest."""

    __tablename__ = "rulebase"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    files: Mapped[int] = mapped_column(Integer)


class RuleBaseFile(Base):
    """One file of a rule-base version: its path in the folder and the blob of its bytes."""

    __tablename__ = "rulebase_file"
    digest: Mapped[str] = mapped_column(String(64), ForeignKey("rulebase.digest"), primary_key=True)
    path: Mapped[str] = mapped_column(String(400), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("rule_blob.sha256"))


class DecisionRecord(Base):
    """One recorded decision with what it was made on and by whom."""

    __tablename__ = "decision"
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    id: Mapped[str] = mapped_column(String(36), unique=True)
    idem_key: Mapped[str] = mapped_column(String(64), unique=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20))
    transfer_key: Mapped[str] = mapped_column(String(200), index=True)
    transfer_id: Mapped[str | None] = mapped_column(String(200))
    transfer_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    engine_version: Mapped[str] = mapped_column(String(40))
    rules_digest: Mapped[str] = mapped_column(String(64), ForeignKey("rulebase.digest"))
    rules_folder: Mapped[str] = mapped_column(String(200))
    explained: Mapped[bool]
    parties: Mapped[str] = mapped_column(Text)
    item: Mapped[str] = mapped_column(Text)
    transfer: Mapped[str] = mapped_column(Text)
    decision: Mapped[bytes] = mapped_column(LargeBinary)
    supersedes: Mapped[str | None] = mapped_column(String(36), index=True)


Index("ix_decision_recorded_at", DecisionRecord.recorded_at)
