"""Reads and writes over many documents at once, for import, export and pre-annotation.

They live here so that ``formats``, ``preannotate`` and ``seed`` hold no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

from annotator.core.model import Document, Relation, Span
from annotator.core.tokenisation import Tokenisation
from annotator.store.backend import integrity_errors
from annotator.store.errors import StoreError
from annotator.store.repository import Repository
from annotator.store.rows import DOCUMENT_COLUMNS, document_from_row
from annotator.store.tokens import save_tokens

_CHUNK = 500


class IdsTaken(StoreError):
    """Span or relation ids already used in the project; ``ids`` holds (some of) them."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__("span/relation id(s) already used: " + (", ".join(ids) or "(unknown)"))
        self.ids = ids


def add_annotated_document(
    repo: Repository,
    doc: Document,
    spans: Iterable[Span],
    relations: Iterable[Relation],
    annotator: str = "",
    tokens: Tokenisation | None = None,
) -> tuple[int, int]:
    """Insert a document with its spans and relations (and its source's ``tokens``, when it
    had some); returns how many spans and relations.

    Call inside ``repo.transaction()``. The three inserts run in a savepoint: when a span or
    relation id is already taken (by another document), this document alone is undone and
    ``IdsTaken`` names the clashing ids (at most five, sorted).
    """
    spans, relations = list(spans), list(relations)
    try:
        with repo.db.atomic():
            repo.add_document(doc, annotator)
            if tokens is not None:
                save_tokens(repo, doc.id, tokens)
            return repo.add_spans(spans), repo.add_relations(relations)
    except integrity_errors():
        raise _ids_taken(repo, spans, relations) from None


def add_annotations(
    repo: Repository, spans: Iterable[Span], relations: Iterable[Relation]
) -> tuple[int, int]:
    """Insert spans and relations into documents already stored; returns how many of each.

    Call inside ``repo.transaction()``; like ``add_annotated_document``, a taken id undoes
    this call alone and raises ``IdsTaken``.
    """
    spans, relations = list(spans), list(relations)
    try:
        with repo.db.atomic():
            return repo.add_spans(spans), repo.add_relations(relations)
    except integrity_errors():
        raise _ids_taken(repo, spans, relations) from None


def _ids_taken(repo: Repository, spans: list[Span], relations: list[Relation]) -> IdsTaken:
    taken = _existing_ids(repo, [s.id for s in spans], "spans")
    taken |= _existing_ids(repo, [r.id for r in relations], "relations")
    return IdsTaken(sorted(taken)[:5])


def _existing_ids(
    repo: Repository, ids: list[str], table: Literal["spans", "relations"]
) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found |= {
            row[0]
            for row in repo.db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)
        }
    return found


def documents_in_order(
    repo: Repository, ids: Sequence[str], chunk: int = 100
) -> Iterator[Document]:
    """The documents in ``ids`` order, read ``chunk`` at a time and not cached (a corpus can
    be large); ids without a document are left out."""
    for first in range(0, len(ids), chunk):
        part = list(ids[first : first + chunk])
        marks = ", ".join("?" * len(part))
        rows = repo.db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id IN ({marks})",
            [repo.viewer, *part],
        )
        by_id = {row[0]: document_from_row(row) for row in rows}
        for doc_id in part:
            if doc_id in by_id:
                yield by_id[doc_id]


def documents_with_relations(
    repo: Repository, layer: str | None = None, annotator: str | None = None
) -> set[str]:
    """The ids of documents holding a relation whose both ends are of ``layer`` and made by
    ``annotator`` (None: any)."""
    where, params = [], []
    if layer is not None:
        where.append("h.layer = ? AND t.layer = ?")
        params += [layer, layer]
    if annotator is not None:
        where.append("h.annotator = ? AND t.annotator = ?")
        params += [annotator, annotator]
    sql = (
        "SELECT DISTINCT r.doc_id FROM relations r"
        " JOIN spans h ON h.id = r.head JOIN spans t ON t.id = r.tail"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    return {row[0] for row in repo.db.execute(sql, params)}
