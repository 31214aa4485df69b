"""Corpus search with a concordance (keyword in context) over all documents.

The trigram index (migration ``0002_fts``: FTS5 on SQLite, ``pg_trgm`` on PostgreSQL) narrows
the documents to those that can contain the query, ignoring case; Python's ``re`` then finds
the exact hits, so offsets are code points (``text[start:end] == match``) whatever the text
holds (emoji, combining marks, RTL).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.find import (
    FindOptions,
    compile_query,
    context,
    find_pattern,
)
from annotator.core.model import Span
from annotator.core.regex_literals import required_literals
from annotator.store.backend import is_postgres
from annotator.store.repository import Repository
from annotator.store.statuses import status_sql

_MIN_TRIGRAM = 3
_CHUNK = 200


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
    return [(row[0], row[1]) for row in repo.db.execute(sql, params)]


def candidate_ids(
    repo: Repository, query: str, options: FindOptions, status: str | None = None
) -> list[str]:
    """Ids of the documents that may hold a match of ``query`` (a superset, in order)."""
    literals = required_literals(compile_query(query, options)) if options.regex else [query]
    return [doc_id for _, doc_id in candidate_rows(repo, literals, status)]


def _texts(repo: Repository, keys: list[Any]) -> Iterator[tuple[str, str, str]]:
    """(id, title, text) of the documents, in the order given, fetched in small chunks.

    ``keys`` are rowids on SQLite (the table's own key) and ids on PostgreSQL, whose ``rowid``
    column is not indexed and whose primary key is the id (``_text_key``)."""
    key = _text_key(repo)
    for first in range(0, len(keys), _CHUNK):
        chunk = keys[first : first + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = {
            row[0]: row[1:]
            for row in repo.db.execute(
                f"SELECT {key}, id, title, text FROM documents WHERE {key} IN ({marks})", chunk
            )
        }
        for found in chunk:
            if found in rows:
                yield rows[found]


def _text_key(repo: Repository) -> str:
    return "id" if is_postgres(repo.db) else "rowid"


def _span_matches(span: Span, label: str | None, layer: str | None, annotator: str | None) -> bool:
    return (
        (label is None or span.label == label)
        and (layer is None or span.layer == layer)
        and (annotator is None or span.annotator == annotator)
    )


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
    by_id = _text_key(repo) == "id"
    keys = [doc_id if by_id else rowid for rowid, doc_id in candidate_rows(repo, literals, status)]
    for doc_id, title, text in _texts(repo, keys):
        found = find_pattern(text, pattern)
        if not found:
            continue
        spans = repo.spans(doc_id)
        for start, end in found:
            over = [s for s in spans if s.overlaps(start, end)]
            if span_filter and not any(_span_matches(s, label, layer, annotator) for s in over):
                continue
            left, match, right = context(text, start, end, width)
            labels = tuple(dict.fromkeys(s.label for s in over))
            hits.append(Hit(doc_id, title, start, end, left, match, right, labels))
            if len(hits) >= limit:
                return hits
    return hits
