"""The web pages documents were extracted from, and replacing a document's extracted text.

A page is stored zlib-compressed next to its document (deleted with it) with the settings it
was extracted with, so ``annotator reextract`` can run the extraction again.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import Span
from annotator.core.suggestion_edits import Suggestion
from annotator.store.repository import Repository
from annotator.store.rows import dumps
from annotator.store.suggestions import insert_suggestions


@dataclass(frozen=True)
class KeptPage:
    html: bytes
    """The page's bytes as fetched or saved, before any decoding."""
    url: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    """How the text was extracted (``keep_boilerplate``) and what decoding needs (the server's
    ``charset``)."""


def keep_page(repo: Repository, doc_id: str, page: KeptPage) -> None:
    """Store the page of a document; call inside ``repo.transaction()``."""
    repo.db.execute(
        "INSERT INTO page_sources(doc_id, html, url, settings) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(doc_id) DO UPDATE SET html = excluded.html, url = excluded.url, "
        "settings = excluded.settings",
        [doc_id, zlib.compress(page.html, 6), page.url, dumps(page.settings)],
    )


def kept_page(repo: Repository, doc_id: str) -> KeptPage | None:
    row = repo.db.execute(
        "SELECT html, url, settings FROM page_sources WHERE doc_id = ?", [doc_id]
    ).fetchone()
    if row is None:
        return None
    return KeptPage(zlib.decompress(row[0]), row[1], json.loads(row[2]))


def documents_with_pages(repo: Repository) -> list[str]:
    """The ids of documents that have a kept page, in document order."""
    rows = repo.db.execute(
        "SELECT p.doc_id FROM page_sources p JOIN documents d ON d.id = p.doc_id "
        "ORDER BY d.position"
    )
    return [row[0] for row in rows]


@dataclass(frozen=True)
class NewExtraction:
    """A document's text extracted again, with what survives of its annotations."""

    doc_id: str
    text: str
    title: str
    meta: dict[str, Any]
    settings: dict[str, Any]
    moved_spans: tuple[Span, ...]
    """Spans on unchanged text, at their new offsets."""
    dropped_spans: tuple[str, ...]
    """Ids of the spans whose text changed (their relations go with them)."""
    suggestions: tuple[Suggestion, ...]
    """Every suggestion the document has afterwards (moved ones and new ones)."""


def replace_extractions(
    repo: Repository, extractions: Iterable[NewExtraction], annotator: str
) -> None:
    """Write new extractions of documents, all in one transaction, each logged."""
    with repo.transaction():
        for new in extractions:
            _replace(repo, new, annotator)


def _replace(repo: Repository, new: NewExtraction, annotator: str) -> None:
    _delete_spans(repo, new.dropped_spans)
    db = repo.db.conn
    db.executemany(
        'UPDATE spans SET start = ?, "end" = ?, text = ? WHERE id = ?',
        [(s.start, s.end, s.text, s.id) for s in new.moved_spans],
    )
    db.execute("DELETE FROM suggestions WHERE doc_id = ?", [new.doc_id])
    insert_suggestions(repo, new.suggestions)
    repo.db.execute("UPDATE documents SET text = ? WHERE id = ?", [new.text, new.doc_id])
    repo.set_document_fields(new.doc_id, {"title": new.title, "meta": new.meta})
    repo.db.execute(
        "UPDATE page_sources SET settings = ? WHERE doc_id = ?",
        [dumps(new.settings), new.doc_id],
    )
    repo.log(
        annotator,
        "reextract",
        new.doc_id,
        f"extracted again: {len(new.moved_spans)} span(s) kept, {len(new.dropped_spans)} removed",
        {"settings": new.settings, "removed_spans": list(new.dropped_spans)},
    )


def _delete_spans(repo: Repository, span_ids: Iterable[str]) -> None:
    ids = list(span_ids)
    repo.db.conn.executemany(
        "DELETE FROM relations WHERE head = ? OR tail = ?", [(i, i) for i in ids]
    )
    repo.db.conn.executemany("DELETE FROM spans WHERE id = ?", [(i,) for i in ids])
