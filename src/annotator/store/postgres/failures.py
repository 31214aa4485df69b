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


def server_failure(db: Any, exc: Exception) -> StoreError:
    """The one-line reason, naming the server; a lost connection says that nothing was saved
    (the next action reconnects, ``PgConnection``); a write row-level security refused says
    what was refused."""
    if getattr(exc, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        return refusal(db, first_line(exc))
    if db.conn.raw.closed or db.conn.raw.broken:
        return lost_connection(db.location, exc)
    return StoreError(f"{db.location}: {first_line(exc)}; nothing was saved")
