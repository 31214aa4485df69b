"""Dropping a server project's connection at a chosen moment, and reading what the server
holds on a connection of the test's own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
import pytest

from annotator.store.postgres.database import PgDatabase
from annotator.store.repository import Repository
from tests.helpers.postgres import PgServer


def server_db(repo: Repository) -> PgDatabase:
    assert isinstance(repo.db, PgDatabase)
    return repo.db


def terminate(pg_server: PgServer, db: PgDatabase) -> None:
    """End the server process of ``db``'s connection, as a server restart or an admin does."""
    pg_server.admin(f"SELECT pg_terminate_backend({db.conn.raw.info.backend_pid})")


UNREACHABLE = "postgresql://postgres@127.0.0.1:1/gone"
"""Where a cut-off project's connection tries to connect again: a port nothing listens on."""
UNREACHABLE_REASON = (
    r"PostgreSQL database gone on 127\.0\.0\.1:1 as postgres: cannot connect to the server: .+$"
)
"""What a read on a cut-off project says (a regular expression)."""


def cut_off(pg_server: PgServer, db: PgDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    """End ``db``'s connection and keep it from connecting again, as when the server went away
    or the network to it died: every later statement fails with the connection's StoreError."""
    monkeypatch.setattr(db.conn, "url", UNREACHABLE)
    terminate(pg_server, db)


def stored(pg_url: str) -> tuple[list[str], int]:
    """The span ids and the number of span additions in the edit log on the server, read on a
    connection of their own (what every other program sees)."""
    with psycopg.connect(pg_url) as conn:
        spans = [row[0] for row in conn.execute("SELECT id FROM spans ORDER BY id")]
        logged = conn.execute("SELECT count(*) FROM edit_log WHERE kind = 'add_span'").fetchone()
    assert logged is not None
    return spans, int(logged[0])


Commit = Callable[[], Any]
"""The COMMIT a hook sends (or not) when it likes."""


class CommitHook:
    """Stands in for a psycopg connection and runs ``hook`` around the statement COMMIT;
    ``hook`` gets the COMMIT to send as a callable."""

    def __init__(self, raw: psycopg.Connection[Any], hook: Callable[[Commit], Any]) -> None:
        self._raw = raw
        self._hook = hook

    def execute(self, statement: Any, params: Any = ()) -> Any:
        if statement == "COMMIT":
            return self._hook(lambda: self._raw.execute(statement, params))
        return self._raw.execute(statement, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


def hook_commit(db: PgDatabase, hook: Callable[[Commit], Any]) -> psycopg.Connection[Any]:
    """Run ``hook`` around the next COMMIT of ``db``; returns the connection it wraps."""
    raw = db.conn.raw
    db.conn.raw = CommitHook(raw, hook)  # type: ignore[assignment]
    return raw


def acknowledged_then_lost(pg_server: PgServer, db: PgDatabase) -> psycopg.Connection[Any]:
    """The server commits ``db``'s next transaction, then the connection drops before the
    client reads that it did (the unknown outcome)."""

    def commit_then_lose_the_server(commit: Commit) -> Any:
        commit()
        terminate(pg_server, db)
        return raw.execute("SELECT 1")  # the client learns of the drop: AdminShutdown

    raw = hook_commit(db, commit_then_lose_the_server)
    return raw
