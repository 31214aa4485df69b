"""Opening a project database: checks first, then pragmas, migrations and the version stamp."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotator.store.backend import (
    Location,
    ProjectDb,
    is_server_location,
    url_scheme,
)
from annotator.store.errors import StoreError
from annotator.store.migrations import (
    MIGRATION_SET,
    known_migration_names,
    migrations,
    schema_version,
)

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "afs", "9p"}

LOCK_WAIT = 5.0
"""Seconds a write waits for another program's write to finish before it is refused."""


def apply_pragmas(conn: sqlite3.Connection, lock_wait: float = LOCK_WAIT) -> None:
    """Durability settings; ``synchronous`` is per connection, so every connection calls this.

    ``busy_timeout`` is how long a write waits for the write lock; it only applies because
    every write transaction takes that lock up front (``Repository.transaction``).
    """
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA busy_timeout={round(lock_wait * 1000)}")


def _refuse_url(value: Location) -> None:
    scheme = url_scheme(value)
    if scheme is not None:
        raise StoreError(
            f"{value}: is a {scheme}: URL, which annotator cannot open; a project is a SQLite "
            "file path or a PostgreSQL connection string (postgresql://user@host/database)"
        )


def _readonly_uri(path: Path) -> str:
    """A ``file:`` URI of ``path`` that opens it read-only.

    The path is percent-quoted: SQLite would read ``#``, ``?`` and ``%`` in a raw path as
    the start of a fragment, of the query or of an escape, and open another file. A
    database in a folder this process cannot write gets ``immutable=1``: SQLite could not
    create the WAL index beside it, and nobody can change the file there meanwhile. Not when
    a write-ahead log lies beside it: immutable would ignore the commits it holds.
    """
    path = path.resolve()
    uri = f"{path.as_uri()}?mode=ro"
    wal = path.with_name(f"{path.name}-wal")
    if not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        uri += "&immutable=1"
    return uri


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


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database of a newer annotator or of another program; reads only.

    A project is either empty (new) or carries this project's migration record; any other
    database, even one with a ``documents`` table, belongs to another program.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    }
    applied: set[str] = set()
    if "_sqlite_migrations" in tables:
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
    unknown = applied - set(known_migration_names())
    if version > schema_version() or unknown:
        raise StoreError(
            f"{path}: the database was written by a newer annotator (schema version {version}, "
            f"this one knows up to {schema_version()}); upgrade annotator to open it"
        )
    if tables and not applied:
        raise StoreError(
            f"{path}: is a SQLite database of another program, not an annotator project "
            "(left untouched)"
        )


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection to an existing or new file that SQLite has told is a database."""
    if readonly:
        conn = sqlite3.connect(_readonly_uri(path), uri=True)
    else:
        conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise StoreError(f"{path}: is not a SQLite database (left untouched)") from None
        raise StoreError(
            f"{path}: cannot be opened as a database: {exc} (left untouched)"
        ) from None
    return conn


def open_reader(path: Location) -> sqlite3.Connection:
    """A read-only connection, with the pragmas every connection gets, to a project file
    this process has open already (checked and migrated): a worker thread's reads."""
    conn = _connect(Path(path), readonly=True)
    apply_pragmas(conn)
    return conn


def _inspect(path: Path) -> None:
    """Decide "ours or not" on a read-only connection, before anything can write the file."""
    if not path.exists() or path.stat().st_size == 0:
        return
    conn = _connect(path, readonly=True)
    try:
        _check_version(conn, path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {exc} (left untouched)") from None
    finally:
        conn.close()


def open_db(path: Location, *, readonly: bool = False, lock_wait: float = LOCK_WAIT) -> ProjectDb:
    """Open (creating if needed) and migrate a project database: a SQLite file, or a project
    on a PostgreSQL server when ``path`` is a connection string (``store.postgres``).

    Refuses, without changing the file, another URL, a non-SQLite file, a database of a
    newer version or of another program, and (unless ``readonly``) one that cannot be
    written. ``lock_wait`` is how many seconds a write waits while another program writes.
    """
    if is_server_location(path):
        from annotator.store.postgres.connect import open_server_project

        return open_server_project(str(path), readonly=readonly)
    return open_file(path, readonly=readonly, lock_wait=lock_wait)


def open_file(path: Location, *, readonly: bool = False, lock_wait: float = LOCK_WAIT) -> Database:
    """Open (creating if needed) and migrate a SQLite project file (see ``open_db``)."""
    _refuse_url(path)
    path = Path(path).expanduser()
    _check_file(path, readonly)
    # SQLite itself tells a non-database: reading the header with Python's open() would, on
    # close, drop every POSIX lock this process holds on the file, including those of the
    # app's own connection (sqlite.org/howtocorrupt.html, section 2.2).
    if not readonly:
        _inspect(path)
    conn = _connect(path, readonly=readonly)
    db = Database(conn)
    try:
        _check_version(conn, path)
        apply_pragmas(conn, lock_wait)
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
