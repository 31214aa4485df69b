"""``PgDatabase``: the calls the store makes on a sqlite-utils ``Database``, on psycopg 3.

A connection the server or the network dropped (psycopg marks it ``broken``) is replaced by a
new one to the same location before the next statement, but only outside a transaction: the
statements of a transaction that lost its connection are never sent again, the store reports
that nothing was saved (``failures.lost_connection``) and the next action starts afresh. A
statement that finds the connection gone before it did anything (a read, ``BEGIN``) is sent
once more on the new connection. When the connection drops during ``COMMIT`` itself, the
server may have committed: ``commit`` asks it (``txid_status``) rather than guessing.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from annotator.store.errors import StoreError
from annotator.store.postgres.failures import first_line, lost_connection
from annotator.store.postgres.translate import translate

if TYPE_CHECKING:
    import psycopg

Params = Sequence[Any] | dict[str, Any] | None

_REREADABLE = re.compile(r"^\s*(SELECT|WITH|BEGIN)\b", re.IGNORECASE)
"""Statements that change nothing when the connection drops under them (``WITH`` only without
a write, see ``_WRITES``), so one more try on a new connection cannot duplicate anything."""
_WRITES = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE|COPY)\b", re.IGNORECASE)
_SESSION_SETTING = re.compile(r"^\s*SET\s+(?!LOCAL\b)", re.IGNORECASE)
SETTLE_WAIT = 5.0
"""Seconds ``commit`` waits for the server to end a transaction whose client it lost."""


class Rows(Protocol):
    """What the store reads from a statement on either server (a cursor)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


def _rereadable(statement: str) -> bool:
    return bool(_REREADABLE.match(statement)) and not _WRITES.search(statement)


class PgConnection:
    """A psycopg connection in autocommit mode that reads the store's SQLite dialect.

    Autocommit mirrors how the store uses SQLite: a statement outside ``BEGIN`` commits on
    its own, and ``Repository.transaction`` opens and commits every write transaction itself.
    """

    def __init__(self, raw: psycopg.Connection[Any], url: str = "") -> None:
        self.raw = raw
        self.url = url
        self.backend_pid = raw.info.backend_pid
        """The server process of this connection (``commit`` may have to end it)."""
        self._transaction_open = False
        """Whether the server had a transaction open after the last statement; what a broken
        connection (whose status psycopg no longer knows) was in the middle of."""
        self._settings: list[str] = []
        """``SET`` statements of this session, made again on a new connection."""

    @property
    def lost(self) -> bool:
        """Whether the server or the network dropped the connection (not a ``close()``)."""
        return bool(self.raw.broken)

    @property
    def in_transaction(self) -> bool:
        if self.raw.broken:
            return self._transaction_open
        return self._server_in_transaction()

    def _server_in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Params = None) -> Rows:
        if self.raw.broken and not self._transaction_open:
            self.reconnect()
        statement = translate(sql)
        values = params if params is not None else ()
        try:
            rows = self.raw.execute(statement, values)
        except Exception:
            if not (self.raw.broken and not self._transaction_open and _rereadable(statement)):
                raise
            self.reconnect()
            rows = self.raw.execute(statement, values)
        self._transaction_open = self._server_in_transaction()
        if (
            not self._transaction_open
            and _SESSION_SETTING.match(statement)
            and statement not in self._settings
        ):
            self._settings.append(statement)
        return rows

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Rows:
        if self.raw.broken and not self._transaction_open:
            self.reconnect()
        cursor = self.raw.cursor()
        cursor.executemany(translate(sql), rows)
        self._transaction_open = self._server_in_transaction()
        return cursor

    def reconnect(self) -> None:
        """Replace the connection by a new one to the same location, with this session's
        settings; a StoreError naming the server when it cannot be reached."""
        from annotator.store.postgres.connect import connect

        fresh = connect(self.url)
        try:
            for statement in self._settings:
                fresh.execute(statement, ())
        except Exception:
            fresh.close()
            raise
        self.raw.close()
        self.raw = fresh
        self.backend_pid = fresh.info.backend_pid
        self._transaction_open = False

    def forget_transaction(self) -> None:
        """The transaction of a lost connection is over (the server ends it): the next
        statement may connect again."""
        if self.raw.broken:
            self._transaction_open = False

    def close(self) -> None:
        self.raw.close()


class PgDatabase:
    """A project on a PostgreSQL server; ``location`` names it in messages (no password)."""

    dialect = "postgresql"

    def __init__(
        self, raw: psycopg.Connection[Any], url: str, location: str, *, readonly: bool = False
    ) -> None:
        self.conn = PgConnection(raw, url)
        self.url = url
        """How to connect again (a worker thread opens its own connection)."""
        self.location = location
        self.readonly = readonly
        """Opened to read only: the server refuses every write of this session."""

    def execute(self, sql: str, params: Params = None) -> Rows:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Rows:
        return self.conn.executemany(sql, rows)

    @contextmanager
    def atomic(self) -> Iterator[PgDatabase]:
        """A transaction, or a savepoint inside the open one (as sqlite-utils does)."""
        if self.conn.in_transaction:
            name = f"annotator_{secrets.token_hex(8)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if not self.conn.lost and self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def commit(self) -> None:
        """COMMIT the open transaction, and when the connection drops during it, learn from
        the server whether it committed: return normally if it did (once: the caller goes
        on as after any commit), else raise the StoreError that nothing was saved.

        The transaction's id is read just before (none: it wrote nothing, so there is
        nothing to learn); ``txid_status`` answers on a new connection.
        """
        xid = self.conn.execute("SELECT txid_current_if_assigned()").fetchone()[0]
        try:
            self.conn.execute("COMMIT")
        except Exception as exc:
            if not self.conn.lost:
                raise
            self.conn.forget_transaction()
            if xid is None:
                raise
            self._settle(int(xid), exc)

    def _settle(self, xid: int, exc: Exception) -> None:
        """Return if transaction ``xid``, whose COMMIT lost its connection (``exc``), is
        committed; raise a StoreError otherwise."""
        lost_pid = self.conn.backend_pid
        try:
            self.conn.reconnect()
        except StoreError as unreachable:
            raise StoreError(
                f"{self.location}: the connection to the server was lost during the commit "
                f"({first_line(exc)}) and the server cannot be reached to tell whether it was "
                f"saved ({unreachable}); reopen the project when the server is back"
            ) from None
        status = transaction_status(self, xid, lost_pid)
        if status == "committed":
            return
        if status == "in progress":
            raise StoreError(
                f"{self.location}: the connection to the server was lost during the commit "
                f"({first_line(exc)}) and the server has not yet ended the transaction; "
                "reopen the document in a moment to see whether it was saved"
            )
        raise lost_connection(self.location, exc)

    def rollback(self) -> None:
        if self.conn.lost:
            self.conn.forget_transaction()
        elif not self.conn.raw.closed and self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()


def transaction_status(db: PgDatabase, xid: int, backend_pid: int) -> str | None:
    """``committed``, ``aborted`` or ``in progress`` (None: too old to know) of transaction
    ``xid``, asked on ``db``'s connection.

    A server that has not noticed yet that its client is gone keeps the transaction open: its
    process (``backend_pid``, only while it still runs that transaction) is ended then, and
    the answer awaited for up to ``SETTLE_WAIT`` seconds.
    """
    status = _status(db, xid)
    if status != "in progress":
        return status
    db.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE pid = ? AND backend_xid::text::bigint = ? % 4294967296",
        [backend_pid, xid],
    ).fetchall()
    deadline = time.monotonic() + SETTLE_WAIT
    while status == "in progress" and time.monotonic() < deadline:
        time.sleep(0.02)
        status = _status(db, xid)
    return status


def _status(db: PgDatabase, xid: int) -> str | None:
    row = db.execute("SELECT txid_status(?)", [xid]).fetchone()
    return None if row[0] is None else str(row[0])
