"""Conversions between SQLite rows and core objects."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from annotator.core.model import Document, Relation, Span
from annotator.store.statuses import status_sql

SPAN_COLUMNS = (
    'id, doc_id, layer, label, start, "end", text, annotator, created_at, attrs, note, origin'
)
RELATION_COLUMNS = "id, doc_id, label, head, tail, annotator, created_at"
DOCUMENT_COLUMNS = (
    f"d.id, d.text, d.title, d.lang, d.meta, d.encoding, {status_sql('d.id')}, d.note, d.labels"
)
"""Read ``FROM documents d``; the first bound value is the annotator whose status is read."""


def dumps(value: Any) -> str:
    if not value and isinstance(value, dict):
        return "{}"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def span_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Span:
    raw_attrs = row[9]
    return Span(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        {} if raw_attrs == "{}" else json.loads(raw_attrs),
        row[10],
        row[11],
    )


def span_params(span: Span) -> tuple[Any, ...]:
    return (
        span.id,
        span.doc_id,
        span.layer,
        span.label,
        span.start,
        span.end,
        span.text,
        span.annotator,
        span.created_at,
        dumps(span.attrs),
        span.note,
        span.origin,
    )


def relation_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Relation:
    return Relation(*row)


def relation_params(relation: Relation) -> tuple[Any, ...]:
    return (
        relation.id,
        relation.doc_id,
        relation.label,
        relation.head,
        relation.tail,
        relation.annotator,
        relation.created_at,
    )


def document_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Document:
    return Document(
        id=row[0],
        text=row[1],
        title=row[2],
        lang=row[3],
        meta=json.loads(row[4]),
        encoding=row[5],
        status=row[6],
        note=row[7],
        labels=json.loads(row[8]),
    )
