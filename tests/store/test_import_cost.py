"""Opening the store does not load pandas or numpy (half a second and about 80 MB at start-up),
and both stay importable for the exports that need them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    import annotator.store.db
    import sqlite_utils
    print(sorted(name for name in ("pandas", "numpy") if name in sys.modules))
    import numpy
    print(numpy.__name__)
    """
)


def test_store_import_leaves_pandas_and_numpy_unloaded_but_importable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "numpy"]
