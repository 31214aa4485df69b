"""Where every exporter writes: staged beside the target, moved into place only when complete.

One rule for every format: an existing file is replaced; an existing folder is replaced when
it is empty and refused when it holds anything, unless ``overwrite`` (``--force``) is given,
which replaces the folder as a whole. A target of the wrong kind (a folder where the format
writes one file, or the reverse) is always refused. A failed or cancelled export leaves the
target as it was and no staging file behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.formats.records import FormatError


def check_target(out: Path, *, folder: bool, overwrite: bool = False) -> None:
    """Raise FormatError if the export may not write ``out`` (see the module's rule).

    Exporters that do long work before writing call this first, so the user hears at once.
    """
    if folder and out.is_file():
        raise FormatError(f"{out}: is a file; this export writes a folder")
    if not folder and out.is_dir():
        raise FormatError(f"{out}: is a folder; this export writes one file")
    if folder and out.is_dir() and not overwrite and any(out.iterdir()):
        raise FormatError(
            f"{out}: the folder is not empty; choose a new or empty folder, "
            "or give --force to replace it"
        )


@contextmanager
def staged_output(out: Path, *, folder: bool, overwrite: bool = False) -> Iterator[Path]:
    """Yield a path beside ``out`` to write the export to; it becomes ``out`` on success only.

    With ``folder`` the yielded folder exists (empty); otherwise the yielded file does not.
    """
    check_target(out, folder=folder, overwrite=overwrite)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        payload = staging / "payload"
        if folder:
            payload.mkdir()
        yield payload
        if folder and out.is_dir():
            os.replace(out, staging / "replaced")
        os.replace(payload, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
