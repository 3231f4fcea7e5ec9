"""pyDatalog, imported without its optional SQLAlchemy integration.

pyDatalog imports SQLAlchemy's ORM whenever SQLAlchemy is installed, to support its own mixin for
ORM classes, which the engine never uses. SQLAlchemy is installed for the records store, and its
ORM costs a few hundred milliseconds of start-up to every process that only decides (the chat,
``dualuse decide``, each batch worker). While pyDatalog is first imported, SQLAlchemy is
therefore hidden from it, unless something has loaded SQLAlchemy's ORM already.

>>> from dualuse.engine.datalog.pydatalog import pyDatalog
>>> hasattr(pyDatalog, "create_terms")
True
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType


class _HideSQLAlchemy(MetaPathFinder):
    """Answers every import of ``sqlalchemy`` with ImportError while it is on ``sys.meta_path``."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname == "sqlalchemy" or fullname.startswith("sqlalchemy."):
            raise ImportError(f"{fullname} is hidden while pyDatalog is imported")
        return None


def _import_quietly() -> None:
    if "pyDatalog.pyDatalog" in sys.modules or "sqlalchemy.orm" in sys.modules:
        return
    hide = _HideSQLAlchemy()
    sys.meta_path.insert(0, hide)
    try:
        import pyDatalog.pyDatalog  # noqa: F401
    finally:
        sys.meta_path.remove(hide)


_import_quietly()

from pyDatalog import pyDatalog  # noqa: E402
from pyDatalog.pyParser import Body  # noqa: E402
from pyDatalog.pyParser import Term as PdTerm  # noqa: E402

__all__ = ["Body", "PdTerm", "pyDatalog"]
