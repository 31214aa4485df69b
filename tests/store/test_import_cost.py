"""Opening the store does not load pandas or numpy (half a second and about 80 MB at start-up),
and both stay importable for the exports that need them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.store import _import_sqlite_utils, _ReportNotInstalled

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


def test_the_import_hook_reports_pandas_and_numpy_and_their_parts_missing() -> None:
    finder = _ReportNotInstalled()
    for name in ("pandas", "numpy", "numpy.core"):
        with pytest.raises(ModuleNotFoundError, match=rf"^No module named '{name}'$") as missing:
            finder.find_spec(name, None)
        assert missing.value.name == name
    assert finder.find_spec("json", None) is None
    assert finder.find_spec("pandasx", None) is None


def test_sqlite_utils_is_imported_with_the_hook_first_and_the_hook_removed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sqlite_utils.py").write_text(
        "import sys\n"
        "FIRST = type(sys.meta_path[0]).__name__\n"
        "try:\n"
        "    import numpy\n"
        "    NUMPY = 'found'\n"
        "except ModuleNotFoundError as exc:\n"
        "    NUMPY = exc.name\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sqlite_utils")
    monkeypatch.delitem(sys.modules, "numpy", raising=False)
    before = list(sys.meta_path)
    _import_sqlite_utils()
    stand_in = sys.modules["sqlite_utils"]
    assert (stand_in.FIRST, stand_in.NUMPY) == ("_ReportNotInstalled", "numpy")
    assert sys.meta_path == before
