"""Corpus search with a concordance (keyword in context) over all documents.

The trigram index (migration ``0002_fts``: FTS5 on SQLite, ``pg_trgm`` on PostgreSQL) narrows
the documents to those that can contain the query, ignoring case; Python's ``re`` then finds
the exact hits, so offsets are code points (``text[start:end] == match``) whatever the text
holds (emoji, combining marks, RTL).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.find import (
    FindOptions,
    compile_query,
    context,
    find_pattern,
)
from annotator.core.regex_literals import required_literals
from annotator.store.backend import is_postgres
from annotator.store.repository import Repository
from annotator.store.statuses import status_sql

_MIN_TRIGRAM = 3
_CHUNK = 200
_SERVER_RANGE = 500
"""Document positions a server search reads at a time (``_server_candidate_texts``)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence: code point offsets into the document's text, contexts on one line."""

    doc_id: str
    title: str
    start: int
    end: int
    left: str
    match: str
    right: str
    labels: tuple[str, ...]
    """Labels of the spans that overlap the hit, in text order."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["labels"] = list(self.labels)
        return data


def fts_phrase(literal: str) -> str:
    """An FTS5 string literal for ``literal`` (double quotes doubled)."""
    return '"' + literal.replace('"', '""') + '"'


def like_pattern(literal: str) -> str:
    """A LIKE pattern matching ``literal`` anywhere (``\\``, ``%`` and ``_`` escaped)."""
    escaped = literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_filter(repo: Repository, literals: list[str]) -> tuple[str, list[str]]:
    """The condition on ``d`` that the text holds every literal, ignoring case, through the
    trigram index: FTS5 on SQLite, ``pg_trgm`` (GIN, ``ILIKE``) on PostgreSQL."""
    if is_postgres(repo.db):
        conditions = " AND ".join("d.text ILIKE ?" for _ in literals)
        return f"({conditions})", [like_pattern(lit) for lit in literals]
    phrase = "text : (" + " AND ".join(fts_phrase(lit) for lit in literals) + ")"
    return "d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", [phrase]


def candidate_rows(
    repo: Repository, literals: list[str], status: str | None
) -> list[tuple[int, str]]:
    """(rowid, id), in document order, of the documents whose text can contain all ``literals``.

    Literals shorter than three characters cannot use the trigram index; with none left,
    every document (of ``status``) is a candidate.
    """
    usable = [lit for lit in literals if len(lit) >= _MIN_TRIGRAM]
    params: list[Any] = []
    where = []
    if usable:
        condition, values = _text_filter(repo, usable)
        where.append(condition)
        params.extend(values)
    if status:
        where.append(f"{status_sql('d.id')} = ?")
        params.extend([repo.viewer, status])
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    sql = f"SELECT d.rowid, d.id FROM documents d {clause} ORDER BY d.position"
    if usable and is_postgres(repo.db):
        return _through_trigram_index(repo, sql, params)
    return [(row[0], row[1]) for row in repo.db.execute(sql, params)]


def _through_trigram_index(repo: Repository, sql: str, params: list[Any]) -> list[Any]:
    """Run ``sql`` with PostgreSQL's planner held to the ``pg_trgm`` index.

    The texts live out of line (TOAST), so the documents table looks a few hundred pages small
    to the planner, which does not count unpacking each text to test it: it prefers reading
    the table whole, or along the position index to save the sort, 400 ms over 10,000
    documents of 5 KB, where the GIN index finds a rare name in a few milliseconds. GIN is read
    only by bitmap scans, so both other scans are ruled out; ``SET LOCAL`` ends with the
    transaction.
    """
    with repo.db.atomic():
        repo.db.execute("SET LOCAL enable_seqscan = off")
        repo.db.execute("SET LOCAL enable_indexscan = off")
        return [tuple(row) for row in repo.db.execute(sql, params)]


def candidate_ids(
    repo: Repository, query: str, options: FindOptions, status: str | None = None
) -> list[str]:
    """Ids of the documents that may hold a match of ``query`` (a superset, in order)."""
    literals = required_literals(compile_query(query, options)) if options.regex else [query]
    return [doc_id for _, doc_id in candidate_rows(repo, literals, status)]


def _texts(repo: Repository, rowids: list[int]) -> Iterator[tuple[str, str, str]]:
    """(id, title, text) of the documents, in the order given, fetched in small chunks."""
    for first in range(0, len(rowids), _CHUNK):
        chunk = rowids[first : first + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = {
            row[0]: row[1:]
            for row in repo.db.execute(
                f"SELECT rowid, id, title, text FROM documents WHERE rowid IN ({marks})", chunk
            )
        }
        for rowid in chunk:
            if rowid in rows:
                yield rows[rowid]


def _candidate_texts(
    repo: Repository, literals: list[str], status: str | None
) -> Iterator[tuple[str, str, str]]:
    """(id, title, text) of the documents that can hold all ``literals``, in document order,
    read as the search goes: a search that reaches its limit early reads no further."""
    if is_postgres(repo.db):
        yield from _server_candidate_texts(repo, literals, status)
        return
    rowids = [rowid for rowid, _ in candidate_rows(repo, literals, status)]
    yield from _texts(repo, rowids)


def _server_candidate_texts(
    repo: Repository, literals: list[str], status: str | None
) -> Iterator[tuple[str, str, str]]:
    """The server's candidates, read as the search goes.

    On PostgreSQL the index only narrows: every text it lets through is unpacked and tested
    (``ILIKE``) on the server, about 40 µs per 5 KB text. For a rare word the index lets few
    through and one query is best (a few ms); for a frequent word it lets all through, and
    testing all 10,000 texts took half a second when the first 300 already held the
    thousand hits shown. So the first ``_SERVER_RANGE`` positions are read and tested in
    order; when more than one in ten held the words, the search goes on a range at a time
    (and stops when it has its hits), else the index takes the rest in one query.
    """
    usable = [lit for lit in literals if len(lit) >= _MIN_TRIGRAM]
    first, last = repo.db.execute("SELECT min(position), max(position) FROM documents").fetchone()
    if first is None:
        return
    where, params = [], []
    if usable:
        condition, values = _text_filter(repo, usable)
        where.append(condition)
        params.extend(values)
    if status:
        where.append(f"{status_sql('d.id')} = ?")
        params.extend([repo.viewer, status])
    sql = "SELECT d.id, d.title, d.text FROM documents d WHERE {} ORDER BY d.position"
    bounds = ["d.position >= ?", "d.position < ?"]
    rows = repo.db.execute(
        sql.format(" AND ".join([*bounds, *where])), [first, first + _SERVER_RANGE, *params]
    ).fetchall()
    yield from rows
    start = first + _SERVER_RANGE
    if start > last:
        return
    if usable and len(rows) * 10 < _SERVER_RANGE:
        # No position bound here: with one, the planner reads the rest along the position
        # index and tests every text again.
        rest = sql.format(" AND ".join(where)).replace("SELECT", "SELECT d.position,", 1)
        for position, *row in _through_trigram_index(repo, rest, params):
            if position >= start:
                yield tuple(row)
        return
    if usable:
        # Most texts hold the words: testing them on the server as well as here (the hits
        # are found in Python either way) would only double the work.
        where, params = where[1:], params[len(usable) :]
    in_range = sql.format(" AND ".join([*bounds, *where]))
    while start <= last:
        yield from repo.db.execute(in_range, [start, start + _SERVER_RANGE, *params]).fetchall()
        start += _SERVER_RANGE


def concordance(
    repo: Repository,
    query: str,
    regex: bool = False,
    case: bool = False,
    whole_word: bool = False,
    label: str | None = None,
    layer: str | None = None,
    annotator: str | None = None,
    status: str | None = None,
    limit: int = 1000,
    width: int = 40,
) -> list[Hit]:
    """Hits of ``query`` over the corpus, in document order, at most ``limit``.

    ``label``, ``layer`` and ``annotator`` keep only hits overlapped by a span having all of
    them (one span); ``status`` keeps documents with that status. An invalid regex raises
    ValidationError.
    """
    if not query:
        return []
    pattern = compile_query(query, FindOptions(regex, case, whole_word))
    literals = required_literals(pattern) if regex else [query]
    span_filter = label is not None or layer is not None or annotator is not None
    hits: list[Hit] = []
    for batch in _found_batches(_candidate_texts(repo, literals, status), pattern):
        marks = _span_marks(repo, [doc_id for doc_id, _, _, _ in batch])
        for doc_id, title, text, found in batch:
            spans = marks.get(doc_id, [])
            for start, end in found:
                over = [m for m in spans if m[0] < end and start < m[1]]
                if span_filter and not any(
                    (label is None or m[3] == label)
                    and (layer is None or m[2] == layer)
                    and (annotator is None or m[4] == annotator)
                    for m in over
                ):
                    continue
                left, match, right = context(text, start, end, width)
                labels = tuple(dict.fromkeys(m[3] for m in over))
                hits.append(Hit(doc_id, title, start, end, left, match, right, labels))
                if len(hits) >= limit:
                    return hits
    return hits


_Found = tuple[str, str, str, list[tuple[int, int]]]
"""A document with hits: id, title, text, and the hits' (start, end)."""
_SpanMark = tuple[int, int, str, str, str]
"""What a hit needs of a span: start, end, layer, label, annotator."""


def _found_batches(
    texts: Iterator[tuple[str, str, str]], pattern: re.Pattern[str]
) -> Iterator[list[_Found]]:
    """The documents with hits, in order, a chunk at a time, so that the spans over the hits
    are read in one statement per chunk (one per document cost a round trip each on a
    server: a third of a second for a thousand hits)."""
    batch: list[_Found] = []
    for doc_id, title, text in texts:
        found = find_pattern(text, pattern)
        if found:
            batch.append((doc_id, title, text, found))
            if len(batch) >= _CHUNK:
                yield batch
                batch = []
    if batch:
        yield batch


def _span_marks(repo: Repository, doc_ids: list[str]) -> dict[str, list[_SpanMark]]:
    """Per document, its spans' extent, layer, label and annotator in document order (start,
    longest first, id), as ``Repository.spans`` orders them."""
    marks: dict[str, list[_SpanMark]] = {}
    if not doc_ids:
        return marks
    rows = repo.db.execute(
        'SELECT doc_id, start, "end", layer, label, annotator FROM spans '
        f"WHERE doc_id IN ({', '.join('?' * len(doc_ids))}) "
        'ORDER BY doc_id, start, "end" DESC, id',
        doc_ids,
    )
    for doc_id, start, end, layer, label, annotator in rows:
        marks.setdefault(doc_id, []).append((start, end, layer, label, annotator))
    return marks
