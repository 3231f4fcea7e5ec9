"""Rule-base versions in the store: the files of a rules folder, content-addressed, stored once.

A version is named by the digest the engine reports for the folder (SHA-256 over every ``.dl``
and ``.csv`` file's path and bytes). Each file's bytes are stored once under their own SHA-256,
however many versions share them; putting a version back on disk writes the same paths with the
same bytes, so an engine loaded from there reports the same digest and decides on the same law.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dualuse.store.errors import StoreError
from dualuse.store.models import RuleBase, RuleBaseFile, RuleBlob
from dualuse.store.upsert import insert_new
from sqlalchemy import Connection, select

SUFFIXES = frozenset({".dl", ".csv"})
"""The files that make a rule base: rule files and tables (what the digest covers)."""


@dataclass(frozen=True)
class RuleFile:
    """One file of a rule base."""

    path: str
    """Its path inside the folder, with ``/``."""
    content: bytes
    """Its bytes."""

    @property
    def sha256(self) -> str:
        """The SHA-256 of its bytes."""
        return hashlib.sha256(self.content).hexdigest()


def read_folder(folder: Path) -> list[RuleFile]:
    """The rule files and tables of a folder, in the engine's digest order."""
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES:
            rel = path.relative_to(folder)
            files.append(RuleFile(PurePosixPath(rel).as_posix(), path.read_bytes()))
    return files


def digest_of(folder: Path) -> str:
    """The digest of a folder, computed the way the engine computes its ``rules_digest``."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES:
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def has_version(connection: Connection, digest: str) -> bool:
    """Whether the rule base of this digest is stored."""
    found = connection.execute(select(RuleBase.digest).where(RuleBase.digest == digest))
    return found.first() is not None


def save_version(connection: Connection, digest: str, files: list[RuleFile]) -> bool:
    """Store a rule-base version unless it is there already; ``True`` when it was new."""
    if has_version(connection, digest):
        return False
    insert_new(
        connection,
        RuleBlob,
        [{"sha256": f.sha256, "content": f.content} for f in files],
        ["sha256"],
    )
    stored = insert_new(
        connection,
        RuleBase,
        [{"digest": digest, "stored_at": dt.datetime.now(dt.UTC), "files": len(files)}],
        ["digest"],
    )
    insert_new(
        connection,
        RuleBaseFile,
        [{"digest": digest, "path": f.path, "sha256": f.sha256} for f in files],
        ["digest", "path"],
    )
    return stored > 0


def load_version(connection: Connection, digest: str) -> list[RuleFile]:
    """The files of a stored rule-base version.

    Raises:
        StoreError: no rule base with this digest is stored.
    """
    rows = connection.execute(
        select(RuleBaseFile.path, RuleBlob.content)
        .join(RuleBlob, RuleBlob.sha256 == RuleBaseFile.sha256)
        .where(RuleBaseFile.digest == digest)
        .order_by(RuleBaseFile.path)
    ).all()
    if not rows:
        raise StoreError(f"the store has no rule base {digest[:12]}")
    return [RuleFile(path, bytes(content)) for path, content in rows]


def materialise(files: list[RuleFile], folder: Path) -> Path:
    """Write the files of a rule base under ``folder``; returns the folder."""
    for f in files:
        rel = PurePosixPath(f.path)
        if rel.is_absolute() or ".." in rel.parts:
            raise StoreError(f"a stored rule file has an unsafe path: {f.path!r}")
        target = folder.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.content)
    return folder
