"""Typed reads and writes over a project database.

Every user edit goes through ``apply``: validated (``store.writer``), committed and logged in
one transaction. Imports write with ``add_document``/``add_spans``/``add_relations`` inside one
``transaction()`` after the importer validated every record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from annotator.core.edits import Changes, Edit
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, Span, now_iso
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_dict
from annotator.core.team import GOLD
from annotator.store.backend import (
    ProjectDb,
    describe_location,
    is_postgres,
    operational_errors,
)
from annotator.store.errors import StoreError
from annotator.store.postgres.bulk import copy_rows
from annotator.store.postgres.failures import server_failure
from annotator.store.rows import (
    DOCUMENT_COLUMNS,
    RELATION_COLUMNS,
    SPAN_COLUMNS,
    document_from_row,
    dumps,
    relation_from_row,
    relation_params,
    span_from_row,
    span_params,
)
from annotator.store.span_reading import PendingSpans, read_spans
from annotator.store.statuses import NOT_STARTED, check_status, set_status, status_sql
from annotator.store.writer import ValidatingWriter

if TYPE_CHECKING:
    from annotator.store.postgres.database import PgDatabase

_CACHED_DOCUMENTS = 8
"""Documents kept in memory (texts can be megabytes; an import must not keep them all)."""
_DOCUMENT_FIELDS = {"status", "note", "labels", "title", "meta"}


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str
    lang: str
    status: str
    span_count: int
    length: int
    labels: dict[str, Any]
    annotators: int = 0
    """Annotators (gold and the empty name aside) assigned or with a status of their own."""
    done_by: int = 0
    """How many of those have marked it done."""


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    ts: str
    annotator: str
    doc_id: str | None
    kind: str
    summary: str
    payload: dict[str, Any]


class Repository:
    """One connection's view of a project. Not thread-safe: one Repository per thread."""

    def __init__(self, db: ProjectDb, viewer: str = "") -> None:
        self.db = db
        self.viewer = viewer
        """The annotator whose status of each document this connection reads and writes
        (``store.statuses``); the empty name reads the project's status of a project of one."""
        self._schema: Schema | None = None
        self._documents: dict[str, Document] = {}

    # ----- project schema -------------------------------------------------------------
    def schema(self) -> Schema:
        if self._schema is None:
            row = self.db.execute("SELECT value FROM project WHERE key = 'schema'").fetchone()
            if row is None:
                from annotator.assets import default_schema

                self._schema = default_schema()
            else:
                self._schema = schema_from_dict(json.loads(row[0]), check_names=False)
        return self._schema

    def reread_schema(self) -> Schema:
        """The stored schema read afresh: another connection (an import running in a worker
        thread) may have changed it since this one cached it."""
        self._schema = None
        return self.schema()

    def has_stored_schema(self) -> bool:
        return self.db.execute("SELECT 1 FROM project WHERE key = 'schema'").fetchone() is not None

    def store_schema(self, schema: Schema) -> None:
        """Write the schema row; call inside a transaction (``transaction()``)."""
        self.db.execute(
            "INSERT INTO project(key, value) VALUES ('schema', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            # Not ``dumps``: sorted keys would reorder the layers, which the UI shows in order.
            [json.dumps(schema.to_dict(), ensure_ascii=False)],
        )
        self._schema = schema

    def clear_cache(self) -> None:
        """Forget cached rows, after the file's content was replaced (a restore)."""
        self._schema = None
        self._documents.clear()

    # ----- transactions and the log ---------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """One write transaction; nested ones are savepoints of the outer one.

        The write lock is taken up front (``BEGIN IMMEDIATE``), so a write waits the
        connection's busy timeout for another program's write to finish. A deferred
        transaction would read first and then fail at once when another process had written
        meanwhile ("database is locked"). Failures of the database itself (still locked,
        disk full) become a StoreError that says what happened; nothing is written then.
        On a server, a transaction whose connection drops is never sent again: it is reported
        as not saved, unless the drop came during COMMIT and the server says it committed
        (``PgDatabase.commit``); the next statement connects again.
        """
        conn = self.db.conn
        try:
            if conn.in_transaction:
                with self.db.atomic():
                    yield self
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.db.rollback()
                raise
            try:
                if is_postgres(self.db):
                    cast("PgDatabase", self.db).commit()
                else:
                    conn.execute("COMMIT")
            except BaseException:
                self.db.rollback()
                raise
        except BaseException as exc:
            self._schema = None
            self._documents.clear()
            if isinstance(exc, operational_errors()):
                raise self._store_error(exc) from None
            raise

    def _store_error(self, exc: Exception) -> StoreError:
        """The one-line reason a write could not be made, naming the project."""
        if is_postgres(self.db):
            return server_failure(self.db, exc)
        path = describe_location(self.db)
        reason = str(exc)
        if "locked" in reason or "busy" in reason:
            return StoreError(
                f"{path}: another program (an import or schema change?) is writing to the "
                "project; nothing was saved, try again when it has finished"
            )
        if "full" in reason:
            return StoreError(f"{path}: the disk is full; nothing was saved")
        return StoreError(f"{path}: {reason}; nothing was saved")

    def log(
        self, annotator: str, kind: str, doc_id: str | None, summary: str, payload: Any
    ) -> None:
        self.db.execute(
            "INSERT INTO edit_log(ts, annotator, doc_id, kind, summary, payload) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [now_iso(), annotator, doc_id, kind, summary, dumps(payload)],
        )

    def edit_log(self, doc_id: str | None = None, limit: int = 1000) -> list[LogEntry]:
        where, params = ("WHERE doc_id = ?", [doc_id]) if doc_id else ("", [])
        rows = self.db.execute(
            f"SELECT id, ts, annotator, doc_id, kind, summary, payload FROM edit_log {where} "
            "ORDER BY id DESC LIMIT ?",
            [*params, limit],
        )
        return [
            LogEntry(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]))
            for row in rows
        ]

    def apply(self, edit: Edit, annotator: str) -> Changes:
        """Validate, write and log ``edit`` in one committed transaction.

        Raises ValidationError (nothing written) when any part of the edit breaks a rule.
        """
        changes = edit.changes()
        with self.transaction():
            edit.apply(ValidatingWriter(self, annotator))
            doc_id = next(iter(changes.doc_ids)) if len(changes.doc_ids) == 1 else None
            self.log(annotator, edit.kind, doc_id, edit.describe(), edit.payload())
        return changes

    # ----- documents ------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None
        )

    def document(self, doc_id: str) -> Document:
        cached = self._documents.get(doc_id)
        if cached is not None:
            return cached
        row = self.db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?", [self.viewer, doc_id]
        ).fetchone()
        if row is None:
            raise ValidationError(f"no document with id {doc_id!r}")
        doc = document_from_row(row)
        self._documents[doc_id] = doc
        while len(self._documents) > _CACHED_DOCUMENTS:
            self._documents.pop(next(iter(self._documents)))
        return doc

    def forget_document(self, doc_id: str) -> None:
        """Drop the cached copy of a document another connection changed (an import runs
        on its own connection), so the next read sees the stored one."""
        self._documents.pop(doc_id, None)

    def document_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM documents ORDER BY position")]

    def documents(self) -> list[DocumentSummary]:
        """Every document in list order, with the status the viewer sees, and how many of the
        annotators with a row for it (assigned, or with a status of their own) are done."""
        rows = self.db.execute(
            f"SELECT d.id, d.title, d.lang, {status_sql('d.id')}, "
            "(SELECT count(*) FROM spans s WHERE s.doc_id = d.id), length(d.text), d.labels, "
            "(SELECT count(*) FROM document_status t WHERE t.doc_id = d.id AND t.annotator != '' "
            "AND t.annotator != ?), "
            "(SELECT count(*) FROM document_status t WHERE t.doc_id = d.id AND t.annotator != '' "
            "AND t.annotator != ? AND t.status = 'done') "
            "FROM documents d ORDER BY d.position",
            [self.viewer, GOLD, GOLD],
        )
        return [
            DocumentSummary(
                row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7], row[8]
            )
            for row in rows
        ]

    def add_document(
        self, doc: Document, annotator: str = "", created_at: str | None = None
    ) -> None:
        """Insert a document; call inside ``transaction()``. A status other than ``todo`` becomes
        ``annotator``'s status of it."""
        self.db.conn.execute(
            "INSERT INTO documents(id, position, title, lang, text, meta, encoding, note, "
            "labels, created_at) VALUES (?, (SELECT coalesce(max(position), 0) + 1 "
            "FROM documents), ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc.id,
                doc.title,
                doc.lang,
                doc.text,
                dumps(doc.meta),
                doc.encoding,
                doc.note,
                dumps(doc.labels),
                created_at or now_iso(),
            ],
        )
        if doc.status != NOT_STARTED:
            check_status(doc.status)
            set_status(self, doc.id, annotator, doc.status)

    def add_spans(self, spans: Iterable[Span]) -> int:
        """Bulk insert already validated spans; call inside ``transaction()``. On a server
        they stream in with ``COPY`` (``store.postgres.bulk``); a taken id raises the same
        integrity error on both."""
        rows = [span_params(s) for s in spans]
        if is_postgres(self.db):
            return copy_rows(self.db, "spans", SPAN_COLUMNS, rows)
        self.db.conn.executemany(
            f"INSERT INTO spans({SPAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
        return len(rows)

    def add_relations(self, relations: Iterable[Relation]) -> int:
        """Bulk insert already validated relations, as ``add_spans`` does spans."""
        rows = [relation_params(r) for r in relations]
        if is_postgres(self.db):
            return copy_rows(self.db, "relations", RELATION_COLUMNS, rows)
        self.db.conn.executemany(
            f"INSERT INTO relations({RELATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )
        return len(rows)

    def set_document_fields(
        self, doc_id: str, fields: dict[str, Any], annotator: str | None = None
    ) -> None:
        """Change a document's fields; its ``status`` is ``annotator``'s (default: the viewer's)."""
        unknown = set(fields) - _DOCUMENT_FIELDS
        if unknown:
            raise ValidationError(f"unknown document fields: {', '.join(sorted(unknown))}")
        fields = dict(fields)
        if "status" in fields:
            status = fields.pop("status")
            set_status(self, doc_id, self.viewer if annotator is None else annotator, status)
            if not fields:
                self._documents.pop(doc_id, None)
                return
        assignments = ", ".join(f"{name} = ?" for name in fields)
        values = [dumps(v) if name in ("labels", "meta") else v for name, v in fields.items()]
        cursor = self.db.execute(
            f"UPDATE documents SET {assignments} WHERE id = ?", [*values, doc_id]
        )
        if cursor.rowcount == 0:
            raise ValidationError(f"no document with id {doc_id!r}")
        self._documents.pop(doc_id, None)

    # ----- spans and relations ----------------------------------------------------------
    def spans(self, doc_id: str) -> list[Span]:
        """The document's spans in document order (start, longest first, id): the hot path
        of opening a document (``store.span_reading``)."""
        return read_spans(self.db, doc_id, self.document(doc_id).text)

    def pending_spans(self, doc_id: str) -> PendingSpans:
        """The document's spans, read while the caller does something else (opening a big
        document in the app lays out its text meanwhile): ``.spans()`` gives them."""
        return PendingSpans(self.db, doc_id, self.document(doc_id).text)

    def span(self, span_id: str) -> Span | None:
        row = self.db.execute(
            f"SELECT {SPAN_COLUMNS} FROM spans WHERE id = ?", [span_id]
        ).fetchone()
        return span_from_row(row) if row else None

    def spans_overlapping(
        self,
        doc_id: str,
        layer: str,
        start: int,
        end: int,
        annotators: Iterable[str] | None = None,
    ) -> list[Span]:
        """The layer's spans overlapping ``start..end``; only those made by one of
        ``annotators`` when given (each annotator's spans are checked apart)."""
        names = sorted(set(annotators)) if annotators is not None else None
        if names == []:
            return []
        who = f" AND annotator IN ({', '.join('?' for _ in names)})" if names is not None else ""
        rows = self.db.execute(
            f"SELECT {SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND layer = ? AND start < ? "
            f'AND "end" > ?{who}',
            [doc_id, layer, end, start, *(names or ())],
        )
        return [span_from_row(row) for row in rows]

    def span_count(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            return int(self.db.execute("SELECT count(*) FROM spans").fetchone()[0])
        return int(
            self.db.execute("SELECT count(*) FROM spans WHERE doc_id = ?", [doc_id]).fetchone()[0]
        )

    def relations(self, doc_id: str) -> list[Relation]:
        rows = self.db.execute(
            f"SELECT {RELATION_COLUMNS} FROM relations WHERE doc_id = ? ORDER BY rowid",
            [doc_id],
        )
        return [relation_from_row(row) for row in rows]

    def relation(self, relation_id: str) -> Relation | None:
        row = self.db.execute(
            f"SELECT {RELATION_COLUMNS} FROM relations WHERE id = ?", [relation_id]
        ).fetchone()
        return relation_from_row(row) if row else None

    def relations_of_span(self, span_id: str) -> list[Relation]:
        rows = self.db.execute(
            f"SELECT {RELATION_COLUMNS} FROM relations WHERE head = ? OR tail = ? ORDER BY id",
            [span_id, span_id],
        )
        return [relation_from_row(row) for row in rows]

    def annotators(self) -> list[str]:
        """The names that made at least one span, sorted (the export's annotator filter)."""
        rows = self.db.execute("SELECT DISTINCT annotator FROM spans ORDER BY annotator")
        return [str(row[0]) for row in rows if row[0]]

    def span_facets(
        self, doc_ids: Iterable[str] | None = None
    ) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """Per document: the span labels present and the annotators who made its spans.

        One grouped query (the document list's label/annotator filters); ``doc_ids`` limits
        it to those documents, which then appear even when they have no spans.
        """
        wanted = list(doc_ids) if doc_ids is not None else None
        labels: dict[str, set[str]] = {d: set() for d in wanted or ()}
        annotators: dict[str, set[str]] = {d: set() for d in wanted or ()}
        query = "SELECT doc_id, label, annotator FROM spans {} GROUP BY doc_id, label, annotator"
        if wanted is None:
            batches: list[tuple[str, list[str]]] = [("", [])]
        else:  # chunks stay below SQLite's limit on bound variables
            batches = [
                (f"WHERE doc_id IN ({', '.join('?' for _ in chunk)})", chunk)
                for chunk in (wanted[i : i + 500] for i in range(0, len(wanted), 500))
            ]
        for where, params in batches:
            for doc_id, label, annotator in self.db.conn.execute(query.format(where), params):
                labels.setdefault(doc_id, set()).add(label)
                annotators.setdefault(doc_id, set()).add(annotator)
        return {
            doc_id: (frozenset(found), frozenset(annotators.get(doc_id, ())))
            for doc_id, found in labels.items()
        }
