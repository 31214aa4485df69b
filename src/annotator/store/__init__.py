"""SQLite persistence (sqlite-utils). No Qt here.

sqlite-utils (4.2) imports pandas and numpy eagerly whenever they are installed, only to map
their scalar types to column types; this project never writes such values. ML users usually
have pandas, and that import costs about 80 MB of memory and half a second of start-up. So
sqlite-utils is first imported here through an import hook that reports both as not
installed; the hook is removed at once, and both stay importable for everything else (spaCy,
the Hugging Face export). If either is already loaded, sqlite-utils simply uses it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

_NOT_FOR_SQLITE_UTILS = frozenset({"pandas", "numpy"})


class _ReportNotInstalled(MetaPathFinder):
    """Answers ``import pandas``/``import numpy`` as if neither were installed."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] in _NOT_FOR_SQLITE_UTILS:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _import_sqlite_utils() -> None:
    finder = _ReportNotInstalled()
    sys.meta_path.insert(0, finder)
    try:
        import sqlite_utils  # noqa: F401
    finally:
        sys.meta_path.remove(finder)


if "sqlite_utils" not in sys.modules:
    _import_sqlite_utils()
