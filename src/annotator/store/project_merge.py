"""The reads and writes of merging annotators' project files into a team project.

A source project (a file) is opened read-only and only read; every write goes to the team
project (a file or a project on a PostgreSQL server) and is meant to run inside one
``Repository.transaction()`` (``team.merge`` decides what to write). Rows are copied as
stored: a document keeps its creation time, a status row its ``updated_at``, an edit-log entry
its timestamp and payload, a curator's decision its curator and time.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from sqlite_utils import Database

from annotator.core.model import Document
from annotator.store.backend import is_postgres
from annotator.store.backups import copy_database
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.migrations import migrations
from annotator.store.repository import Repository

_CHUNK = 500
"""Ids per ``IN (...)`` query: below SQLite's limit on bound variables."""


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    """The document without a status (statuses are per annotator, see ``StatusRow``)."""
    created_at: str


@dataclass(frozen=True)
class StatusRow:
    doc_id: str
    annotator: str
    status: str
    assigned: bool
    updated_at: str


@dataclass(frozen=True)
class LogRow:
    ts: str
    annotator: str
    doc_id: str | None
    kind: str
    summary: str
    payload: str
    """The stored JSON, copied as it is."""

    def key(self) -> LogKey:
        return (self.ts, self.annotator, self.doc_id, self.kind, self.summary)


LogKey = tuple[str, str, str | None, str, str]
"""What makes two edit-log entries the same entry."""


@dataclass(frozen=True)
class DecisionRow:
    """A curator's decision on an annotator's span (``store.curation``), as stored."""

    doc_id: str
    span_id: str
    decision: str
    curator: str
    decided_at: str


@dataclass(frozen=True)
class SourceSummary:
    """What a source project holds, for the app's merge dialog."""

    documents: int
    spans: int
    unattributed_spans: int


@dataclass
class SourceProject:
    """A source project opened for reading."""

    path: Path
    repo: Repository
    scratch: Path | None = None
    """The temporary folder of the upgraded copy read instead of a file an older annotator
    wrote (None when the file itself is read); removed on ``close``."""

    @property
    def upgraded(self) -> bool:
        return self.scratch is not None

    def close(self) -> None:
        self.repo.db.close()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def open_source(path: Path) -> SourceProject:
    """A source project, read-only; refused (StoreError) like any open when the file is
    missing, not a project, or written by a newer annotator.

    A file of an older annotator is never upgraded in place: it is copied with SQLite's backup
    API into a temporary folder, and the copy is upgraded and read.
    """
    try:
        return SourceProject(path, Repository(open_db(path, readonly=True)))
    except StoreError:
        if not _older_project(path):
            raise
    scratch = Path(tempfile.mkdtemp(prefix="annotator-merge-"))
    try:
        copy = scratch / "source.db"
        reader = sqlite3.connect(_readonly_uri(path), uri=True, isolation_level=None)
        with contextlib.closing(reader):
            copy_database(reader, copy)
        return SourceProject(path, Repository(open_db(copy)), scratch)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _readonly_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def _older_project(path: Path) -> bool:
    """Whether ``path`` is a project of this program that lacks some of its schema steps."""
    try:
        with contextlib.closing(sqlite3.connect(_readonly_uri(path), uri=True)) as conn:
            db = Database(conn)
            return db["_sqlite_migrations"].exists() and bool(migrations.pending(db))
    except sqlite3.DatabaseError:
        return False


def source_summary(path: Path) -> SourceSummary:
    source = open_source(path)
    try:
        documents, spans, unattributed = source.repo.db.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM spans), "
            "(SELECT count(*) FROM spans WHERE annotator = '')"
        ).fetchone()
    finally:
        source.close()
    return SourceSummary(int(documents), int(spans), int(unattributed))


def stored_documents(repo: Repository) -> Iterator[StoredDocument]:
    """Every document in list order, one at a time (texts can be megabytes)."""
    ids = repo.document_ids()
    for doc_id in ids:
        row = repo.db.execute(
            "SELECT id, text, title, lang, meta, encoding, note, labels, created_at "
            "FROM documents WHERE id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            continue
        yield StoredDocument(_document(row), str(row[8]))


def stored_text(repo: Repository, doc_id: str) -> str | None:
    """The text of the document ``doc_id``, or None when the project has no such document."""
    row = repo.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    return None if row is None else str(row[0])


def document_count(repo: Repository) -> int:
    return int(repo.db.execute("SELECT count(*) FROM documents").fetchone()[0])


def insert_document(repo: Repository, stored: StoredDocument) -> None:
    """Add a document at the end of the list, keeping its creation time (statuses are copied
    as rows of their own)."""
    repo.add_document(replace(stored.document, status="todo"), created_at=stored.created_at)


def copy_document_extras(source: Repository, target: Repository, doc_id: str) -> None:
    """Copy the document's kept tokenisation and web page, when the source has them."""
    tokens = source.db.execute(
        "SELECT tokens FROM document_tokens WHERE doc_id = ?", [doc_id]
    ).fetchone()
    if tokens is not None:
        target.db.execute(
            "INSERT OR IGNORE INTO document_tokens(doc_id, tokens) VALUES (?, ?)",
            [doc_id, tokens[0]],
        )
    page = source.db.execute(
        "SELECT html, url, settings FROM page_sources WHERE doc_id = ?", [doc_id]
    ).fetchone()
    if page is not None:
        target.db.execute(
            "INSERT OR IGNORE INTO page_sources(doc_id, html, url, settings) VALUES (?, ?, ?, ?)",
            [doc_id, *page],
        )


def status_rows(repo: Repository, doc_id: str) -> list[StatusRow]:
    rows = repo.db.execute(
        "SELECT doc_id, annotator, status, assigned, updated_at FROM document_status "
        "WHERE doc_id = ? ORDER BY annotator",
        [doc_id],
    )
    return [StatusRow(str(d), str(a), str(s), bool(g), str(u)) for d, a, s, g, u in rows]


def put_status(repo: Repository, row: StatusRow) -> None:
    """Write the (document, annotator) status row as given, replacing the stored one."""
    repo.db.execute(
        "INSERT INTO document_status(doc_id, annotator, status, assigned, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(doc_id, annotator) DO UPDATE SET "
        "status = excluded.status, assigned = excluded.assigned, "
        "updated_at = excluded.updated_at",
        [row.doc_id, row.annotator, row.status, int(row.assigned), row.updated_at],
    )


def curation_decision_rows(repo: Repository, doc_id: str) -> list[DecisionRow]:
    rows = repo.db.execute(
        "SELECT doc_id, span_id, decision, curator, decided_at FROM curation_decisions "
        "WHERE doc_id = ? ORDER BY span_id",
        [doc_id],
    )
    return [DecisionRow(str(d), str(s), str(v), str(c), str(t)) for d, s, v, c, t in rows]


def add_decisions(repo: Repository, rows: Iterable[DecisionRow]) -> int:
    """Insert decisions the project does not hold yet, keeping their curator and time."""
    params = [(r.doc_id, r.span_id, r.decision, r.curator, r.decided_at) for r in rows]
    repo.db.conn.executemany(
        "INSERT INTO curation_decisions(doc_id, span_id, decision, curator, decided_at) "
        "VALUES (?, ?, ?, ?, ?)",
        params,
    )
    return len(params)


def log_rows(repo: Repository) -> Iterator[LogRow]:
    """Every edit-log entry, oldest first."""
    rows = repo.db.execute(
        "SELECT ts, annotator, doc_id, kind, summary, payload FROM edit_log ORDER BY id"
    )
    for ts, annotator, doc_id, kind, summary, payload in rows:
        yield LogRow(str(ts), str(annotator), doc_id, str(kind), str(summary), str(payload))


def log_keys(repo: Repository) -> set[LogKey]:
    return {row.key() for row in log_rows(repo)}


def add_log_rows(repo: Repository, rows: Iterable[LogRow]) -> int:
    params = [(r.ts, r.annotator, r.doc_id, r.kind, r.summary, r.payload) for r in rows]
    repo.db.conn.executemany(
        "INSERT INTO edit_log(ts, annotator, doc_id, kind, summary, payload) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        params,
    )
    return len(params)


def taken_ids(
    repo: Repository, table: Literal["spans", "relations", "suggestions"], ids: Iterable[str]
) -> set[str]:
    """Those of ``ids`` that a span (relation, suggestion) of the project already has."""
    wanted = list(ids)
    found: set[str] = set()
    for first in range(0, len(wanted), _CHUNK):
        chunk = wanted[first : first + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = repo.db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)
        found |= {str(row[0]) for row in rows}
    return found


def _document(row: tuple[object, ...]) -> Document:
    return Document(
        id=str(row[0]),
        text=str(row[1]),
        title=str(row[2]),
        lang=str(row[3]),
        meta=json.loads(str(row[4])),
        encoding=str(row[5]),
        note=str(row[6]),
        labels=json.loads(str(row[7])),
    )


def database_path(repo: Repository) -> Path | None:
    """The file of the project's database (None for an in-memory one or a project on a
    PostgreSQL server, which no source file can be)."""
    if is_postgres(repo.db):
        return None
    rows = repo.db.conn.execute("PRAGMA database_list").fetchall()
    name = next((str(row[2]) for row in rows if row[1] == "main"), "")
    return Path(name) if name else None
