"""Opening a project database: checks first, then pragmas, migrations and the version stamp."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotator.store.errors import StoreError
from annotator.store.migrations import (
    MIGRATION_SET,
    known_migration_names,
    migrations,
    schema_version,
)

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "afs", "9p"}


def apply_pragmas(conn: sqlite3.Connection) -> None:
    """Durability settings; ``synchronous`` is per connection, so every connection calls this."""
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=5000")


def _check_file(path: Path, readonly: bool) -> None:
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        if not readonly and (not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)):
            raise StoreError(
                f"{path}: the database is read-only (no write permission on the file or its "
                "folder); nothing can be saved. Copy it somewhere writable or fix permissions."
            )
    elif readonly:
        raise StoreError(f"{path}: no such database")
    else:
        parent = path.parent
        parent.mkdir(parents=True, exist_ok=True)
        if not os.access(parent, os.W_OK):
            raise StoreError(f"{path}: cannot create the database, its folder is read-only")


def network_filesystem(path: Path) -> str | None:
    """The file system type if ``path`` lives on a network file system (SQLite may corrupt)."""
    try:
        target = str(path.resolve().parent)
        best, kind = "", None
        with open("/proc/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                parts = line.split()
                # ">=": a later mount on the same folder hides the earlier one
                if len(parts) > 2 and target.startswith(parts[1]) and len(parts[1]) >= len(best):
                    best, kind = parts[1], parts[2]
        return kind if kind in _NETWORK_FS else None
    except OSError:
        return None


def _check_version(db: Database, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    applied: set[str] = set()
    if db["_sqlite_migrations"].exists():
        applied = {
            row[0]
            for row in db.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
    unknown = applied - set(known_migration_names())
    if version > schema_version() or unknown:
        raise StoreError(
            f"{path}: the database was written by a newer annotator (schema version {version}, "
            f"this one knows up to {schema_version()}); upgrade annotator to open it"
        )
    tables = set(db.table_names())
    if tables and not applied and "documents" not in tables:
        raise StoreError(
            f"{path}: is a SQLite database of another program, not an annotator project"
        )


def open_db(path: str | Path, *, readonly: bool = False) -> Database:
    """Open (creating if needed) and migrate a project database.

    Refuses, without changing the file, a non-SQLite file, a database of a newer version, and
    (unless ``readonly``) one that cannot be written.
    """
    path = Path(path).expanduser()
    _check_file(path, readonly)
    # SQLite itself tells a non-database: reading the header with Python's open() would, on
    # close, drop every POSIX lock this process holds on the file, including those of the
    # app's own connection (sqlite.org/howtocorrupt.html, section 2.2).
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        db = Database(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise StoreError(f"{path}: is not a SQLite database (left untouched)") from None
        raise StoreError(
            f"{path}: cannot be opened as a database: {exc} (left untouched)"
        ) from None
    try:
        _check_version(db, path)
        apply_pragmas(conn)
        if not readonly:
            conn.execute("PRAGMA journal_mode=WAL")
            if migrations.pending(db):
                migrations.apply(db)
                conn.execute(f"PRAGMA user_version={schema_version()}")
        elif migrations.pending(db):
            raise StoreError(
                f"{path}: the database needs an upgrade, which a read-only open cannot do"
            )
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: {exc}") from None
    except StoreError:
        conn.close()
        raise
    return db
