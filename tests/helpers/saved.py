"""What another process would read from the project database.

Every read opens its own connection and closes it again, so a test checks what was committed,
not what the window's connection or the repository's caches hold.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from annotator.core.model import Document, Relation, Span
from annotator.core.schema import Schema
from annotator.store.db import open_db
from annotator.store.repository import LogEntry, Repository

T = TypeVar("T")

SpanRow = tuple[str, str, int, int, str]
"""A saved span as (id, label, start, end, text)."""


class SavedProject:
    """Reads of the database at ``db_path``, each over a fresh connection."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = db_path

    def read(self, what: Callable[[Repository], T], viewer: str = "") -> T:
        repo = Repository(open_db(self.db_path), viewer)
        try:
            return what(repo)
        finally:
            repo.db.close()

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self.read(lambda repo: [tuple(row) for row in repo.db.execute(sql, params)])

    def spans(self, doc_id: str = "emoji") -> list[Span]:
        return self.read(lambda repo: repo.spans(doc_id))

    def span_rows(self, doc_id: str = "emoji") -> list[SpanRow]:
        return [(s.id, s.label, s.start, s.end, s.text) for s in self.spans(doc_id)]

    def span(self, span_id: str) -> Span:
        """The saved span; fails the test if there is none."""
        span = self.read(lambda repo: repo.span(span_id))
        assert span is not None, f"span {span_id} is not saved"
        return span

    def has_span(self, span_id: str) -> bool:
        return self.read(lambda repo: repo.span(span_id)) is not None

    def relations(self, doc_id: str = "emoji") -> list[Relation]:
        return self.read(lambda repo: repo.relations(doc_id))

    def document(self, doc_id: str) -> Document:
        return self.read(lambda repo: repo.document(doc_id))

    def status(self, doc_id: str, annotator: str = "tester") -> str:
        """``annotator``'s status of the document (the window fixtures annotate as tester)."""
        return self.read(lambda repo: repo.document(doc_id).status, viewer=annotator)

    def document_ids(self) -> list[str]:
        return self.read(lambda repo: repo.document_ids())

    def schema(self) -> Schema:
        return self.read(lambda repo: repo.schema())

    def edit_log(self, doc_id: str | None = None) -> list[LogEntry]:
        return self.read(lambda repo: repo.edit_log(doc_id))
