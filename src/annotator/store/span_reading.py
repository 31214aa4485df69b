"""Reading all of a document's spans at once: the hot path of opening a document.

A document of 50,000 spans must open in well under 300 ms, and most of that time used to go
into building one Python tuple and ten strings per row in the ``sqlite3`` module. On SQLite
the rows are read instead as one JSON array per column (``json_group_array``, built inside
SQLite without holding the GIL) and decoded by ``json.loads`` in C; the spans are then built
column-wise with ``map``. PostgreSQL sends rows, which are turned into the same columns.

Neither path reads ``doc_id`` or ``text``: the text of a span is a slice of the document
text, which the store checked on write.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import compress, groupby, islice, repeat
from operator import attrgetter, eq, le
from typing import Any

from annotator.core.model import Span
from annotator.store.backend import ProjectDb, is_postgres
from annotator.store.db import open_reader
from annotator.store.errors import StoreError

_COLUMNS = (
    "id",
    "layer",
    "label",
    "start",
    '"end"',
    "annotator",
    "created_at",
    "attrs",
    "note",
    "origin",
)
_SQLITE_COLUMNS = (
    "SELECT "
    + ", ".join(f"json_group_array({name})" for name in _COLUMNS)
    + " FROM spans WHERE doc_id = ?"
)
"""One row of ten JSON arrays. The scan follows the primary key (doc_id, start, end, id), so
the arrays come in that order; ``_document_order`` checks it. The attributes stay JSON text:
decoding them in SQLite (``json(attrs)``) costs more than the few that are not ``{}``."""
_ROWS = "SELECT " + ", ".join(_COLUMNS) + ' FROM spans WHERE doc_id = ? ORDER BY start, "end", id'
_BULK_SPANS = 10_000
"""From this many spans, the new spans are kept out of the garbage collector's scans."""


def read_spans(db: ProjectDb, doc_id: str, text: str) -> list[Span]:
    """The document's spans in document order (start, longest first, id)."""
    if is_postgres(db):
        return _built(doc_id, text, lambda: _row_columns(db, doc_id))
    row = db.conn.execute(_SQLITE_COLUMNS, [doc_id]).fetchone()
    return _built(doc_id, text, lambda: _json_columns(row))


class PendingSpans:
    """A document's spans being read while the caller does something else.

    For a project file the query runs on a worker thread, on a connection of its own:
    SQLite releases the GIL while it runs, so the app lays out the document's text
    meanwhile. ``spans`` waits for the query and builds the spans on the calling thread. On
    a server, or while the project's connection is inside a transaction (whose changes
    another connection would not see), the spans are read by ``spans`` itself.
    """

    def __init__(self, db: ProjectDb, doc_id: str) -> None:
        self._db, self._doc_id = db, doc_id
        self._row: Future[tuple[str, ...]] | None = None
        path = None if is_postgres(db) or db.conn.in_transaction else _file_of(db)
        if path:
            self._row = _reader().submit(_query_apart, path, doc_id)

    def spans(self, text: str) -> list[Span]:
        """The spans (``read_spans``); ``text`` is the document's text.

        Should the worker fail (the file cannot be opened a second time, say), the project's
        own connection reads them, and says what is wrong if it cannot either.
        """
        try:
            row = None if self._row is None else self._row.result()
        except (sqlite3.Error, StoreError):
            row = None
        if row is None:
            return read_spans(self._db, self._doc_id, text)
        return _built(self._doc_id, text, lambda: _json_columns(row))


def _file_of(db: ProjectDb) -> str:
    """The project file, or "" for a database in memory (no other connection can see it)."""
    rows = db.conn.execute("PRAGMA database_list").fetchall()
    return next((str(row[2]) for row in rows if row[1] == "main"), "")


_READER: list[ThreadPoolExecutor] = []


def _reader() -> ThreadPoolExecutor:
    if not _READER:
        _READER.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="span-reader"))
    return _READER[0]


def _query_apart(path: str, doc_id: str) -> tuple[str, ...]:
    conn = open_reader(path)
    try:
        return tuple(conn.execute(_SQLITE_COLUMNS, [doc_id]).fetchone())
    finally:
        conn.close()


def _built(doc_id: str, text: str, columns: Callable[[], list[list[Any]]]) -> list[Span]:
    """Spans from the ``columns`` read, in document order.

    The cyclic garbage collector is paused while the spans are built: left running, it
    scans the new spans in its young, middle and old generation as they fill (three passes
    over 50,000 spans), and a full collection afterwards still walks every object of the
    process (20-45 ms in the app). A big document's spans are instead moved, with everything
    else alive at that moment, to the collector's permanent generation (``gc.freeze``),
    which it never scans. Spans hold no cycles: they are freed by reference counting when
    the document is closed, frozen or not.
    """
    enabled = gc.isenabled()
    gc.disable()  # see above; decoding the attributes' JSON allocates one dict per span
    try:
        spans = _spans_from_columns(doc_id, text, columns())
        if len(spans) >= _BULK_SPANS:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
    _document_order(spans)
    return spans


def _json_columns(row: Sequence[str]) -> list[list[Any]]:
    return _with_attributes(list(map(json.loads, row)))


def _row_columns(db: ProjectDb, doc_id: str) -> list[list[Any]]:
    rows = db.conn.execute(_ROWS, [doc_id]).fetchall()
    if not rows:
        return [[] for _ in range(10)]
    return _with_attributes([list(column) for column in zip(*rows, strict=True)])


def _with_attributes(columns: list[list[Any]]) -> list[list[Any]]:
    """Decode the attributes column (JSON text; ``{}`` for nearly every span)."""
    loads = json.loads
    columns[7] = [{} if raw == "{}" else loads(raw) for raw in columns[7]]
    return columns


def _spans_from_columns(doc_id: str, text: str, columns: list[list[Any]]) -> list[Span]:
    ids, layers, labels, starts, ends, annotators, created, attrs, notes, origins = columns
    strings: dict[str, str] = {}
    share = strings.setdefault  # one str object per distinct layer, label and annotator
    return list(
        map(
            Span,
            ids,
            repeat(doc_id),
            map(share, layers, layers),
            map(share, labels, labels),
            starts,
            ends,
            map(text.__getitem__, map(slice, starts, ends)),
            map(share, annotators, annotators),
            created,
            attrs,
            notes,
            origins,
        )
    )


def _document_order(spans: list[Span]) -> None:
    """Turn spans sorted by start into document order: re-sort each run sharing a start.

    Sorted by (start, end, id) already, as both reads return them, only the runs of spans
    sharing a start move (longest first); anything else gets a full sort.
    """
    starts = list(map(attrgetter("start"), spans))
    if not all(map(le, starts, islice(starts, 1, None))):
        spans.sort(key=_order_key)
        return
    _sort_runs(spans, starts)


def _sort_runs(spans: list[Span], starts: Sequence[int]) -> None:
    ties = compress(range(1, len(starts)), map(eq, starts, islice(starts, 1, None)))
    for start, run in groupby(ties, key=starts.__getitem__):
        first, last = bisect_left(starts, start), max(run) + 1
        spans[first:last] = sorted(spans[first:last], key=_order_key)


def _order_key(span: Span) -> tuple[int, int, str]:
    return (span.start, -span.end, span.id)
