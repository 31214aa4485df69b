"""SQLite persistence (sqlite-utils). No Qt here.

sqlite-utils imports pandas and numpy eagerly whenever they are installed, only to map their
scalar types to column types; this project never writes such values. ML users usually have
pandas, and that import costs about 120 MB of memory and half a second of start-up, so the
first import of sqlite-utils happens here with both masked. They stay importable for
everything else (spaCy, the Hugging Face export).
"""

import sys

_MASKED = [name for name in ("pandas", "numpy") if name not in sys.modules]
if "sqlite_utils" not in sys.modules:
    for name in _MASKED:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in _MASKED:
            del sys.modules[name]
