"""What a user reads when the server fails a write (no psycopg import: the caller has one)."""

from __future__ import annotations

from typing import Any

from annotator.store.errors import StoreError
from annotator.store.postgres.roles import INSUFFICIENT_PRIVILEGE, refusal


def server_failure(db: Any, exc: Exception) -> StoreError:
    """The one-line reason, naming the server; a lost connection says that nothing was saved
    and that the next action reconnects."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if getattr(exc, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        return refusal(db, reason)
    if db.conn.raw.closed or db.conn.raw.broken:
        return StoreError(
            f"{db.location}: the connection to the server was lost ({reason}); nothing was saved"
        )
    return StoreError(f"{db.location}: {reason}; nothing was saved")
