"""A whole project copied from one database to another (SQLite or PostgreSQL, either way).

Every table a project holds is copied row for row, its columns as stored: an edit-log entry
keeps its id, time, annotator and payload, a document its position and creation time, a
status row its ``updated_at``. Rows are read in batches in a stable order (keyset paging, so
a large table never sits in memory at once) from one read snapshot of the source, and written
in one transaction on the target: a failure or Ctrl+C leaves the target as it was.

Each table's columns are read from the target itself (both projects are at the same schema
version, since both were opened by this annotator), so a column a later schema step adds is
copied without a change here; a new table must be added to ``COPIED_TABLES``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from annotator.core.progress import Progress, no_progress
from annotator.store.backend import ProjectDb, describe_location, is_postgres
from annotator.store.errors import StoreError
from annotator.store.repository import Repository

COPIED_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("project", ("key",)),
    ("documents", ("position", "id")),
    ("spans", ("doc_id", "start", "end", "id")),
    ("relations", ("rowid",)),
    ("suggestions", ("rowid",)),
    ("document_status", ("doc_id", "annotator")),
    ("curation_decisions", ("doc_id", "span_id")),
    ("document_tokens", ("doc_id",)),
    ("page_sources", ("doc_id",)),
    ("models", ("created_at", "id")),
    ("document_uncertainty", ("model_id", "doc_id")),
    ("edit_log", ("id",)),
)
"""Each table a project holds and the order its rows are read in, parents before children.
``rowid`` is insertion order (``ORDER BY rowid`` reads relations and suggestions), and the
target gives the rows new rowids in that same order."""

_BATCH_ROWS = 500
_BATCH_DOCUMENT_ROWS = 50
"""Documents and web pages are megabytes each at worst: fewer per batch."""
_LARGE_ROWS = frozenset({"documents", "page_sources"})


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    rows: dict[str, int]
    """Rows copied per table, in ``COPIED_TABLES`` order."""

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "rows": dict(self.rows)}


def _quote(name: str) -> str:
    return f'"{name}"'


def _columns(db: ProjectDb, table: str) -> list[str]:
    """The table's stored columns; PostgreSQL's ``rowid`` (the order column the translation
    adds to a table that SQLite gives an implicit one) is the target's own to number."""
    cursor = cast(Any, db.execute(f"SELECT * FROM {table} WHERE 1 = 0"))
    names = [str(column[0]) for column in cursor.description]
    cursor.fetchall()
    return [name for name in names if name != "rowid"]


def _count(db: ProjectDb, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _batches(
    db: ProjectDb, table: str, keys: Sequence[str], columns: Sequence[str]
) -> Iterator[list[tuple[Any, ...]]]:
    """The table's rows (``columns``) in ``keys`` order, a batch at a time."""
    size = _BATCH_DOCUMENT_ROWS if table in _LARGE_ROWS else _BATCH_ROWS
    key_list = ", ".join(_quote(key) for key in keys)
    selected = ", ".join(_quote(column) for column in columns)
    head = f"SELECT {key_list}, {selected} FROM {table}"
    tail = f"ORDER BY {key_list} LIMIT {size}"
    after: list[Any] | None = None
    while True:
        if after is None:
            rows = db.execute(f"{head} {tail}").fetchall()
        else:
            marks = ", ".join("?" for _ in keys)
            rows = db.execute(f"{head} WHERE ({key_list}) > ({marks}) {tail}", after).fetchall()
        if not rows:
            return
        yield [tuple(row[len(keys) :]) for row in rows]
        if len(rows) < size:
            return
        after = list(rows[-1][: len(keys)])


def check_empty_target(target: ProjectDb) -> None:
    """Refuse a target that holds documents: a copy never mixes two projects."""
    held = _count(target, "documents")
    if held:
        raise StoreError(
            f"{describe_location(target)}: holds {held} document(s); the copy needs a new or "
            "empty project (nothing was written)"
        )


def _begin_snapshot(source: ProjectDb) -> None:
    """One read snapshot: rows written to the source meanwhile are not half copied."""
    if is_postgres(source):
        source.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    else:
        source.execute("BEGIN")


def _end_snapshot(source: ProjectDb) -> None:
    if source.conn.in_transaction:
        source.execute("ROLLBACK")


def _continue_log_ids(target: ProjectDb) -> None:
    """The next edit-log entry on the target numbers on from the copied ones (SQLite's
    AUTOINCREMENT does so itself; an identity column does not)."""
    if is_postgres(target):
        target.execute(
            "SELECT setval(pg_get_serial_sequence('edit_log', 'id'), "
            "(SELECT COALESCE(max(id), 0) + 1 FROM edit_log), false)"
        )


def copy_project(
    source: ProjectDb, target: ProjectDb, progress: Progress = no_progress
) -> CopyReport:
    """Copy every row of ``source`` into ``target``, which must hold no documents (a schema
    row or log entries of its own are replaced); one transaction on the target."""
    check_empty_target(target)
    copied: dict[str, int] = {}
    _begin_snapshot(source)
    try:
        total = sum(_count(source, table) for table, _ in COPIED_TABLES)
        done = 0
        progress(0, total, "copying")
        with Repository(target).transaction():
            check_empty_target(target)  # another program may have imported meanwhile
            for table, _ in reversed(COPIED_TABLES):
                target.execute(f"DELETE FROM {table}")
            for table, keys in COPIED_TABLES:
                columns = _columns(target, table)
                insert = (
                    f"INSERT INTO {table}({', '.join(_quote(c) for c in columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})"
                )
                copied[table] = 0
                for batch in _batches(source, table, keys, columns):
                    target.conn.executemany(insert, batch)
                    copied[table] += len(batch)
                    done += len(batch)
                    progress(done, total, table)
            _continue_log_ids(target)
    finally:
        _end_snapshot(source)
    return CopyReport(describe_location(source), describe_location(target), copied)
