"""Many rows into a server table with ``COPY ... FROM STDIN``: what an import writes.

``COPY`` streams the rows in one statement instead of one ``INSERT`` per row. A broken
constraint (a span id already taken) fails the whole ``COPY`` with the same
``psycopg.IntegrityError`` an ``INSERT`` raises, naming the key in its detail line; the open
transaction (or savepoint) is then rolled back by whoever opened it, as after an ``INSERT``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.store.backend import ProjectDb
from annotator.store.postgres.database import PgDatabase

COPY_FROM_ROWS = 2
"""Fewer rows go in one plain ``INSERT``: an edit writes one row, and an ``INSERT`` is one
round trip to the server where ``COPY`` takes two (the server first answers that it is ready
for the rows)."""


def copy_rows(db: ProjectDb, table: str, columns: str, rows: Sequence[Sequence[Any]]) -> int:
    """Write ``rows`` (values in ``columns`` order; ``columns`` as in an ``INSERT``) into
    ``table`` of a server project; returns how many."""
    if not isinstance(db, PgDatabase):
        raise TypeError(f"COPY needs a PostgreSQL project, not {type(db).__name__}")
    if len(rows) < COPY_FROM_ROWS:
        marks = ", ".join("?" for _ in columns.split(","))
        for row in rows:
            db.conn.execute(f"INSERT INTO {table}({columns}) VALUES ({marks})", row)
        return len(rows)
    statement = f"COPY {table} ({columns}) FROM STDIN"
    with db.conn.raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    return len(rows)
