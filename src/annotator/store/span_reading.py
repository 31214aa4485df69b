"""Reading all of a document's spans at once: the hot path of opening a document.

A document of 50,000 spans must open in well under 300 ms, and most of that time used to go
into building one Python tuple and ten strings per row in the ``sqlite3`` module. On SQLite
the rows are read instead as one JSON array per column (``json_group_array``, built inside
SQLite without holding the GIL) and decoded by ``json.loads`` in C; the spans are then built
column-wise with ``map``. PostgreSQL sends rows, which are turned into the same columns
(``SpanColumns``). The app reads a document it opens on a worker thread (``PendingSpans``).

Neither path reads ``doc_id`` or ``text``: the text of a span is a slice of the document
text, which the store checked on write.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import threading
from bisect import bisect_left
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import compress, groupby, islice, repeat
from operator import attrgetter, eq, itemgetter, le
from typing import Any

from annotator.core.lanes import document_order
from annotator.core.model import Span
from annotator.store.backend import ProjectDb, is_postgres
from annotator.store.db import open_reader
from annotator.store.errors import StoreError

_SQLITE_COLUMNS = (
    "SELECT json_group_array(id), json_group_array(json_array(layer, label, annotator) || ''), "
    'json_group_array(start), json_group_array("end"), json_group_array(created_at), '
    "json_group_array(CASE attrs WHEN '{}' THEN 0 ELSE attrs END), json_group_array(note), "
    "json_group_array(origin) FROM spans WHERE doc_id = ?"
)
"""One row of eight JSON arrays. The scan follows the primary key (doc_id, start, end, id),
so the arrays come in that order; ``_document_order`` checks it. A span's layer, label and
annotator come as one JSON text (``["entity","GPE","ana"]``), decoded once per distinct
value, and empty attributes as 0: the read then makes no short-lived string per span (they
left the memory they had held fragmented, a few MB for 50,000 spans)."""
_ROWS = (
    'SELECT id, layer, label, annotator, start, "end", created_at, attrs, note, origin '
    'FROM spans WHERE doc_id = ? ORDER BY start, "end", id'
)
_BULK_SPANS = 10_000
"""From this many spans, the new spans are kept out of the garbage collector's scans."""
_COLLECTOR_PAUSED = threading.Lock()
"""Held while spans are built with the collector paused (the app's worker or a caller)."""


def read_spans(db: ProjectDb, doc_id: str, text: str) -> list[Span]:
    """The document's spans in document order (start, longest first, id)."""
    if is_postgres(db):
        return _built(doc_id, text, lambda: _row_columns(db, doc_id))
    row = list(db.conn.execute(_SQLITE_COLUMNS, [doc_id]).fetchone())
    return _built(doc_id, text, lambda: _json_columns(row))


class PendingSpans:
    """A document's spans being read while the caller does something else.

    For a project file the whole read runs on a worker thread, on a connection of its own:
    the query (SQLite releases the GIL while it runs) and building the spans. The app lays
    out the document's text meanwhile, with the GIL released too (``ArticleView.set_text``),
    so the two mostly run at once. ``spans`` waits for the worker. On a server, or
    while the project's connection is inside a transaction (whose changes another
    connection would not see), the spans are read by ``spans`` itself.
    """

    def __init__(self, db: ProjectDb, doc_id: str, text: str) -> None:
        self._db, self._doc_id, self._text = db, doc_id, text
        self._read: Future[list[Span]] | None = None
        path = None if is_postgres(db) or db.conn.in_transaction else _file_of(db)
        if path:
            self._read = _reader().submit(_read_apart, path, doc_id, text)

    def spans(self) -> list[Span]:
        """The spans, as ``read_spans`` gives them.

        Should the worker fail (the file cannot be opened a second time, say), the project's
        own connection reads them, and says what is wrong if it cannot either.
        """
        try:
            spans = None if self._read is None else self._read.result()
        except (sqlite3.Error, StoreError):
            spans = None
        self._read = None
        if spans is None:
            return read_spans(self._db, self._doc_id, self._text)
        return spans


def _file_of(db: ProjectDb) -> str:
    """The project file, or "" for a database in memory (no other connection can see it)."""
    rows = db.conn.execute("PRAGMA database_list").fetchall()
    return next((str(row[2]) for row in rows if row[1] == "main"), "")


@cache
def _reader() -> ThreadPoolExecutor:
    """The one worker thread that reads spans, started when first needed."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="span-reader")


def _read_apart(path: str, doc_id: str, text: str) -> list[Span]:
    conn = open_reader(path)
    try:
        row = list(conn.execute(_SQLITE_COLUMNS, [doc_id]).fetchone())
    finally:
        conn.close()
    return _built(doc_id, text, lambda: _json_columns(row))


def _built(doc_id: str, text: str, columns: Callable[[], SpanColumns]) -> list[Span]:
    """Spans from the ``columns`` read, in document order.

    The cyclic garbage collector is paused while the spans are built: left running, it
    scans the new spans in its young, middle and old generation as they fill (three passes
    over 50,000 spans), and a full collection afterwards still walks every object of the
    process (20-45 ms in the app). A big document's spans are instead moved, with everything
    else alive at that moment, to the collector's permanent generation (``gc.freeze``),
    which it never scans. Spans hold no cycles: they are freed by reference counting when
    the document is closed, frozen or not.
    """
    with _COLLECTOR_PAUSED:  # two threads pausing it at once could leave it off
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


@dataclass(frozen=True, slots=True)
class SpanColumns:
    """A document's spans as columns, one entry per span; ``kinds`` holds each span's
    (layer, label, annotator), the same tuple for spans that share all three."""

    ids: list[str]
    kinds: list[tuple[str, str, str]]
    starts: list[int]
    ends: list[int]
    created: list[str]
    attrs: list[dict[str, Any]]
    notes: list[str]
    origins: list[str]


def _json_columns(row: list[str]) -> SpanColumns:
    """Decode the row of JSON arrays, emptying it: each array's text (up to megabytes) is
    let go as soon as it is decoded."""
    loads = json.loads
    ids, kinds, starts, ends, created, attrs, notes, origins = (
        loads(row.pop(0)) for _ in range(len(row))
    )
    decoded = {kind: tuple(loads(kind)) for kind in set(kinds)}
    return SpanColumns(
        ids,
        list(map(decoded.__getitem__, kinds)),
        starts,
        ends,
        created,
        [{} if raw == 0 else loads(raw) for raw in attrs],
        notes,
        origins,
    )


def _row_columns(db: ProjectDb, doc_id: str) -> SpanColumns:
    rows = db.conn.execute(_ROWS, [doc_id]).fetchall()
    if not rows:
        return SpanColumns([], [], [], [], [], [], [], [])
    ids, layers, labels, annotators, starts, ends, created, attrs, notes, origins = map(
        list, zip(*rows, strict=True)
    )
    shared: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    kinds = list(zip(layers, labels, annotators, strict=True))
    loads = json.loads
    return SpanColumns(
        ids,
        list(map(shared.setdefault, kinds, kinds)),
        starts,
        ends,
        created,
        [{} if raw == "{}" else loads(raw) for raw in attrs],
        notes,
        origins,
    )


_LAYER, _LABEL, _ANNOTATOR = itemgetter(0), itemgetter(1), itemgetter(2)


def _spans_from_columns(doc_id: str, text: str, columns: SpanColumns) -> list[Span]:
    kinds, starts, ends = columns.kinds, columns.starts, columns.ends
    return list(
        map(
            Span,
            columns.ids,
            repeat(doc_id),
            map(_LAYER, kinds),
            map(_LABEL, kinds),
            starts,
            ends,
            map(text.__getitem__, map(slice, starts, ends)),
            map(_ANNOTATOR, kinds),
            columns.created,
            columns.attrs,
            columns.notes,
            columns.origins,
        )
    )


def _document_order(spans: list[Span]) -> None:
    """Turn spans sorted by start into document order: re-sort each run sharing a start.

    Sorted by (start, end, id) already, as both reads return them, only the runs of spans
    sharing a start move (longest first); anything else gets a full sort.
    """
    starts = list(map(attrgetter("start"), spans))
    if not all(map(le, starts, islice(starts, 1, None))):
        spans.sort(key=document_order)
        return
    _sort_runs(spans, starts)


def _sort_runs(spans: list[Span], starts: Sequence[int]) -> None:
    ties = compress(range(1, len(starts)), map(eq, starts, islice(starts, 1, None)))
    for start, run in groupby(ties, key=starts.__getitem__):
        first, last = bisect_left(starts, start), max(run) + 1
        spans[first:last] = sorted(spans[first:last], key=document_order)
