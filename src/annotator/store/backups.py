"""Backups of a project database with SQLite's online backup API, their pruning and restore.

A backup is never a file copy of a live database: the copy runs through
``sqlite3.Connection.backup`` in steps of ``STEP_PAGES`` pages, inside one read transaction on
the source connection. In WAL mode that read transaction pins one committed snapshot, so the
backup is consistent while other connections keep writing (they are never blocked: WAL readers
do not block writers), and the backup is not restarted by their commits. Each new backup is
checked with ``PRAGMA integrity_check`` before older ones are pruned.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from annotator.core.progress import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from annotator.store.db import apply_pragmas
from annotator.store.errors import StoreError
from annotator.store.migrations import migrations

STEP_PAGES = 1024
"""Pages copied per step (4 MiB at SQLite's default page size): a step takes a few ms."""
SUFFIX = ".backup.db"
_NAME = re.compile(r"^(\d{8}T\d{12})Z-([a-z0-9-]+)\.backup\.db$")
_STAMP = "%Y%m%dT%H%M%S%f"


@dataclass(frozen=True)
class BackupPolicy:
    """Which backups are kept: the newest ``keep_last``, plus the newest of each of the last
    ``keep_days`` days, as long as together they stay under ``max_bytes`` (the newest backup
    is always kept)."""

    keep_last: int = 10
    keep_days: int = 30
    max_bytes: int = 2 * 1024**3


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int


@dataclass(frozen=True)
class BackupContents:
    documents: int
    spans: int


def backup_name(taken: datetime, reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    return f"{taken.astimezone(UTC).strftime(_STAMP)}Z-{slug}{SUFFIX}"


def copy_database(
    source: sqlite3.Connection,
    dest: Path,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
    pages: int = STEP_PAGES,
) -> None:
    """Copy the database behind ``source`` to a new file ``dest`` in steps, then check it.

    The copy is written to a temporary name and renamed when it is complete and passes
    ``PRAGMA integrity_check``; a cancelled or failed copy leaves nothing behind.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)

    partial.touch()
    target = sqlite3.connect(partial)
    # Flushing the copy to disk as it grows keeps the final commit's fsync small: one large
    # flush at the end made the editor's own commits (synchronous=FULL) wait 150 ms and more.
    # The descriptor stays open until the copy's connection is closed (closing another
    # descriptor of a file drops SQLite's POSIX locks on it).
    flusher = os.open(partial, os.O_RDONLY)

    def step(_status: int, remaining: int, total: int) -> None:
        if cancel():
            raise Cancelled("backup cancelled; no backup was written")
        os.fdatasync(flusher)
        progress(total - remaining, total, "copying")

    try:
        in_transaction = source.in_transaction
        if not in_transaction:
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            source.backup(target, pages=pages, progress=step)
        finally:
            if not in_transaction:
                source.execute("COMMIT")
        problems = check_integrity(target)
        if problems:
            raise StoreError(f"{dest}: the backup failed its integrity check: {problems}")
    except BaseException:
        target.close()
        os.close(flusher)
        partial.unlink(missing_ok=True)
        raise
    target.close()
    os.close(flusher)
    os.replace(partial, dest)


def check_integrity(conn: sqlite3.Connection) -> str:
    """ "" when ``PRAGMA integrity_check`` says ok, else its first complaints."""
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(5)")]
    return "" if rows == ["ok"] else "; ".join(rows)


@contextlib.contextmanager
def _reader(db_path: Path) -> Iterator[sqlite3.Connection]:
    if not db_path.is_file():
        raise StoreError(f"{db_path}: no such database")
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        apply_pragmas(conn)
        yield conn
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db_path}: cannot be backed up: {exc}") from None
    finally:
        conn.close()


def take_backup(
    db_path: Path,
    folder: Path,
    reason: str,
    policy: BackupPolicy = BackupPolicy(),
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
    now: datetime | None = None,
) -> BackupInfo:
    """Back the project at ``db_path`` up into ``folder``, check it, then prune the folder."""
    taken = now or datetime.now(UTC)
    dest = folder / backup_name(taken, reason)
    with _reader(db_path) as conn:
        copy_database(conn, dest, progress, cancel)
    prune(folder, policy, taken)
    return _info(dest)


def backup_to_file(
    db_path: Path,
    dest: Path,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> None:
    """A backup at a place of the user's choosing (not pruned, not listed)."""
    if dest.exists():
        raise StoreError(f"{dest}: already exists; choose a new file name")
    with _reader(db_path) as conn:
        copy_database(conn, dest, progress, cancel)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [_info(path) for path in folder.iterdir() if _NAME.match(path.name)]
    return sorted(found, key=lambda info: info.taken, reverse=True)


def backup_contents(path: Path) -> BackupContents:
    """Documents and spans in a backup (read-only; the file is not changed)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a readable annotator backup: {exc}") from None
    return BackupContents(int(documents), int(spans))


def prune(folder: Path, policy: BackupPolicy, now: datetime | None = None) -> list[Path]:
    """Delete the backups the policy does not keep; returns the deleted files."""
    now = now or datetime.now(UTC)
    backups = list_backups(folder)
    wanted: set[Path] = {info.path for info in backups[: policy.keep_last]}
    days_seen: set[str] = set()
    for info in backups:  # newest first: the first one of a day is that day's newest
        age_days = (now - info.taken).days
        day = info.taken.date().isoformat()
        if age_days < policy.keep_days and day not in days_seen:
            days_seen.add(day)
            wanted.add(info.path)
    kept, total = 0, 0
    removed: list[Path] = []
    for info in backups:
        if info.path in wanted and (kept == 0 or total + info.size <= policy.max_bytes):
            kept += 1
            total += info.size
            continue
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def total_size(backups: list[BackupInfo]) -> int:
    return sum(info.size for info in backups)


def restore_backup(
    db_path: Path,
    backup: Path,
    folder: Path,
    policy: BackupPolicy = BackupPolicy(),
    progress: Progress = no_progress,
) -> BackupInfo:
    """Replace the content of the project at ``db_path`` with ``backup``; the current content
    is itself backed up to ``folder`` first. Returns the backup of the replaced content.

    Refused, with nothing changed, when the backup is unreadable or damaged, or when any
    connection (another process, or this one's own: close it first) has the project open: the
    restore holds SQLite's exclusive lock from its check to its end.
    """
    _check_backup_file(backup)
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=0.2)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.OperationalError:
            raise StoreError(
                f"{db_path}: another program has the project open; close it, then restore"
            ) from None
        now = datetime.now(UTC)
        replaced = folder / backup_name(now, "before-restore")
        copy_database(conn, replaced)
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:

            def step(_status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total, "restoring")

            source.backup(conn, pages=STEP_PAGES, progress=step)
        finally:
            source.close()
        db = Database(conn)
        if migrations.pending(db):
            migrations.apply(db)
    finally:
        conn.close()
    prune(folder, policy, now)
    return _info(replaced)


def _check_backup_file(backup: Path) -> None:
    if not backup.is_file():
        raise StoreError(f"{backup}: no such backup")
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            problems = check_integrity(conn)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{backup}: not a usable backup ({exc}); nothing changed") from None
    if problems:
        raise StoreError(f"{backup}: the backup is damaged ({problems}); nothing changed")
    if "documents" not in tables:
        raise StoreError(f"{backup}: is not an annotator project; nothing changed")


def _info(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    if match is None:
        raise StoreError(f"{path}: not a backup file name")
    taken = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
    return BackupInfo(path, taken, match.group(2), path.stat().st_size)
