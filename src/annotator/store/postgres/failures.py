"""What a user reads when the server fails a write (no psycopg import: the caller has one)."""

from __future__ import annotations

from typing import Any

from annotator.store.errors import StoreError
from annotator.store.postgres.roles import INSUFFICIENT_PRIVILEGE, refusal


def first_line(exc: BaseException) -> str:
    """The first line of a server's message (psycopg adds detail and hint lines)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def lost_connection(location: str, exc: BaseException) -> StoreError:
    """A write whose connection dropped before it committed; the next action reconnects."""
    return StoreError(
        f"{location}: the connection to the server was lost ({first_line(exc)}); nothing was saved"
    )


READ_ONLY = "25006"
_REASONS = {
    "57014": "the server cancelled the statement",
    "55P03": "another session held a lock the write needed for too long",
    "53100": "the server's disk is full",
    "53200": "the server ran out of memory",
    "57P01": "the server is shutting down",
    "57P02": "the server is shutting down",
    "57P03": "the server is starting up or shutting down",
}
"""What a user reads first for the server errors that are nobody's mistake in the edit: a
timeout (``statement_timeout``, ``lock_timeout``), a full disk, a shutdown (by SQLSTATE)."""


def server_failure(db: Any, exc: Exception) -> StoreError:
    """The one-line reason, naming the server; a lost connection says that nothing was saved
    (the next action reconnects, ``PgConnection``); a write row-level security refused says
    what was refused, one a read-only open refused says so."""
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate == INSUFFICIENT_PRIVILEGE:
        return refusal(db, first_line(exc))
    if db.conn.raw.closed or db.conn.raw.broken:
        return lost_connection(db.location, exc)
    if sqlstate == READ_ONLY:
        if getattr(db, "readonly", False):
            return StoreError(f"{db.location}: the project was opened read-only; nothing was saved")
        return StoreError(
            f"{db.location}: the server accepts only reads ({first_line(exc)}); nothing was saved"
        )
    if sqlstate in _REASONS:
        return StoreError(
            f"{db.location}: {_REASONS[sqlstate]} ({first_line(exc)}); nothing was saved"
        )
    return StoreError(f"{db.location}: {first_line(exc)}; nothing was saved")
