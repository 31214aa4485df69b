"""Which server a project lives on: an SQLite file (the embedded default) or PostgreSQL.

A project's location is a file path, or for a server project a libpq connection string
(``postgresql://user@host:5432/corpus``, ``postgres://…`` or key/value settings such as
``service=corpus`` or ``host=db dbname=corpus``). Locations stay strings end to end:
``pathlib`` would fold the URL's ``//``.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from sqlite_utils import Database

    from annotator.store.postgres.database import PgDatabase

ProjectDb: TypeAlias = "Database | PgDatabase"
Location: TypeAlias = "str | Path"

_SERVER_SCHEMES = ("postgresql", "postgres")
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):/")
_KEY_VALUE = re.compile(r"^\s*[a-z_]+\s*=")


def url_scheme(value: Location) -> str | None:
    """The scheme when ``value`` is a URL (``postgresql://host/db``), not a file path."""
    found = _URL.match(str(value))
    return found.group(1) if found else None


def is_server_location(value: Location) -> bool:
    """Whether ``value`` names a PostgreSQL project rather than a file."""
    if isinstance(value, Path):
        return False
    return url_scheme(value) in _SERVER_SCHEMES or bool(_KEY_VALUE.match(value))


def is_postgres(db: Any) -> bool:
    return getattr(db, "dialect", "sqlite") == "postgresql"


def describe_location(db: Any) -> str:
    """How messages name the project: its file, or its server and database (no password)."""
    if is_postgres(db):
        return str(db.location)
    rows = db.conn.execute("PRAGMA database_list").fetchall()
    return next((row[2] for row in rows if row[1] == "main"), "") or "the project"


def reopen_location(db: Any) -> Location:
    """Where another process opens this project again: its file, or the server connection
    string it was opened with (which may hold a password: pass it by environment, never on a
    command line)."""
    if is_postgres(db):
        return str(db.url)
    return Path(describe_location(db))


def integrity_errors() -> tuple[type[Exception], ...]:
    """The exceptions of a broken constraint (a duplicate id, a missing document)."""
    errors: list[type[Exception]] = [sqlite3.IntegrityError]
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        errors.append(psycopg.IntegrityError)
    return tuple(errors)


def operational_errors() -> tuple[type[Exception], ...]:
    """The exceptions of the database itself failing (locked, disk full, connection lost,
    a timeout), or of the server refusing a write its access control or a read-only open
    does not allow."""
    errors: list[type[Exception]] = [sqlite3.OperationalError]
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        errors.append(psycopg.OperationalError)
        errors.append(psycopg.errors.InsufficientPrivilege)
        errors.append(psycopg.errors.ReadOnlySqlTransaction)
    return tuple(errors)
