"""``PgDatabase``: the calls the store makes on a sqlite-utils ``Database``, on psycopg 3."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from annotator.store.postgres.translate import translate

if TYPE_CHECKING:
    import psycopg

Params = Sequence[Any] | dict[str, Any] | None


class Rows(Protocol):
    """What the store reads from a statement on either server (a cursor)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class PgConnection:
    """A psycopg connection in autocommit mode that reads the store's SQLite dialect.

    Autocommit mirrors how the store uses SQLite: a statement outside ``BEGIN`` commits on
    its own, and ``Repository.transaction`` opens and commits every write transaction itself.
    """

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Params = None) -> Rows:
        return self.raw.execute(translate(sql), params if params is not None else ())

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Rows:
        cursor = self.raw.cursor()
        cursor.executemany(translate(sql), rows)
        return cursor

    def close(self) -> None:
        self.raw.close()


class PgDatabase:
    """A project on a PostgreSQL server; ``location`` names it in messages (no password)."""

    dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection[Any], url: str, location: str) -> None:
        self.conn = PgConnection(raw)
        self.url = url
        """How to connect again (a worker thread opens its own connection)."""
        self.location = location

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
                if self.conn.in_transaction:
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
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if not self.conn.raw.closed and self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()
