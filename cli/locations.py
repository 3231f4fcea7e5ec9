"""Where ledgers and outputs live: a local path, or a URL that fsspec knows (``s3://...``).

Local files are read with the standard library, as they always were; folders of parts and URLs
go through fsspec, imported only then. A protocol whose package is missing (``s3://`` without
s3fs) is a clear error naming the package, not a traceback.

>>> is_url("s3://bank/ledgers/2026-03"), is_url("ledgers/2026-03.csv")
(True, False)
>>> join("s3://bank/out/", "part-00001.csv")
's3://bank/out/part-00001.csv'
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from dualuse.cli.guard import BadInput

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem


def is_url(location: str) -> bool:
    """Whether ``location`` names a protocol (``s3://``, ``gs://``, ``file://``)."""
    return "://" in location


def join(location: str, name: str) -> str:
    """``name`` inside the folder ``location``."""
    return f"{location.rstrip('/')}/{name}"


def base_name(location: str) -> str:
    """The last part of a path or URL."""
    return PurePosixPath(location.rstrip("/")).name


def suffix(location: str) -> str:
    """The extension of a path or URL (``.csv``), lower case; a trailing ``/`` is ignored."""
    return PurePosixPath(location.rstrip("/")).suffix.lower()


def filesystem(location: str) -> tuple[AbstractFileSystem, str]:
    """The file system holding ``location``, and the path inside it.

    Raises:
        BadInput: the protocol is unknown, or its package is not installed.
    """
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise BadInput(
            f"{location}: folders of parts and URLs need fsspec: pip install 'dualuse[cluster]'"
        ) from None
    try:
        fs, path = url_to_fs(location)
    except ImportError as exc:
        raise BadInput(f"{location}: this protocol needs another package ({exc})") from None
    except ValueError as exc:
        raise BadInput(f"{location}: {exc}") from None
    return fs, str(path)


def is_folder(location: str) -> bool:
    """Whether ``location`` is an existing folder (local or remote)."""
    fs, path = filesystem(location)
    return bool(fs.isdir(path))


def exists(location: str) -> bool:
    """Whether a file or folder exists at ``location``."""
    fs, path = filesystem(location)
    return bool(fs.exists(path))
