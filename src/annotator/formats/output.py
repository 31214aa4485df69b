"""Where every exporter writes: staged beside the target, moved into place only when complete.

One rule for every format: an existing file is replaced; an existing folder is replaced when
it is empty and refused when it holds anything, unless ``overwrite`` (``--force``) is given,
which replaces the folder as a whole. A target of the wrong kind (a folder where the format
writes one file, or the reverse) is always refused. A symbolic link is written through, as
the shell's ``>`` does. A failed or cancelled export leaves the target as it was and no
staging file behind; the staging of a killed one is removed by the next export to the same
place (``clear_stale_staging``). A failure to write (disk full, no permission) is a
FormatError naming the target.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.formats.records import FormatError

_IN_USE = "in-use"
"""The file in a staging folder that its live export holds a lock on."""


def write_target(out: Path) -> Path:
    """Where an export to ``out`` writes: the file or folder a symbolic link points to."""
    if not out.is_symlink():
        return out
    try:
        return out.resolve()
    except (OSError, RuntimeError) as exc:
        raise FormatError(f"{out}: cannot follow the symbolic link: {exc}") from None


def check_target(out: Path, *, folder: bool, overwrite: bool = False) -> None:
    """Raise FormatError if the export may not write ``out`` (see the module's rule).

    Exporters that do long work before writing call this first, so the user hears at once.
    """
    if folder and out.is_file():
        raise FormatError(f"{out}: is a file; this export writes a folder")
    if not folder and out.is_dir():
        raise FormatError(f"{out}: is a folder; this export writes one file")
    if out.exists() and not out.is_file() and not out.is_dir():
        raise FormatError(f"{out}: is neither a file nor a folder (a pipe or device?)")
    if folder and out.is_dir() and not overwrite and any(out.iterdir()):
        raise FormatError(
            f"{out}: the folder is not empty; choose a new or empty folder, "
            "or give --force to replace it"
        )


def _staging_pattern(out: Path) -> re.Pattern[str]:
    """The names ``tempfile.mkdtemp`` gives the staging of ``out`` (see ``staged_output``)."""
    return re.compile(rf"\.{re.escape(out.name)}\.[A-Za-z0-9_]{{8}}\.part")


def _in_use(staging: Path) -> bool:
    """Whether a running export holds ``staging`` (a killed one's lock is gone with it)."""
    try:
        fd = os.open(staging / _IN_USE, os.O_RDONLY)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def clear_stale_staging(out: Path) -> list[Path]:
    """Remove the staging folders that killed exports to ``out`` left beside it.

    Returns the ones removed, for the report. A staging folder of an export still running
    (another process writing the same target) is left alone.
    """
    target = write_target(out)
    pattern = _staging_pattern(target)
    try:
        candidates = sorted(target.parent.iterdir())
    except OSError:
        return []
    removed = []
    for candidate in candidates:
        if not pattern.fullmatch(candidate.name) or candidate.is_symlink():
            continue
        if candidate.is_dir() and not _in_use(candidate):
            shutil.rmtree(candidate, ignore_errors=True)
            if not candidate.exists():
                removed.append(candidate)
    return removed


@contextmanager
def staged_output(out: Path, *, folder: bool, overwrite: bool = False) -> Iterator[Path]:
    """Yield a path beside ``out`` to write the export to; it becomes ``out`` on success only.

    With ``folder`` the yielded folder exists (empty); otherwise the yielded file does not.
    The staging folder holds a lock while the export runs, so that another export to the
    same place can tell it from the leftovers of a killed one.
    """
    target = write_target(out)
    check_target(target, folder=folder, overwrite=overwrite)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        )
    except OSError as exc:
        raise FormatError(f"{out}: cannot write the export here: {exc.strerror}") from None
    lock = os.open(staging / _IN_USE, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        payload = staging / "payload"
        if folder:
            payload.mkdir()
        yield payload
        if folder and target.is_dir():
            os.replace(target, staging / "replaced")
        os.replace(payload, target)
    except OSError as exc:
        raise FormatError(
            f"{out}: cannot write the export: {exc.strerror}; nothing was changed there"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(lock)
