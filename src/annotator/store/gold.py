"""Reads about gold and who made what: curated documents and the authors of each document's
spans (the curators' decisions are in ``store.curation``). Gold itself is stored as the spans,
relations and status of the reserved annotator ``GOLD`` (``core.team``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.team import CURATED, GOLD

if TYPE_CHECKING:
    from annotator.store.repository import Repository


def curated_ids(repo: Repository) -> set[str]:
    """The documents whose gold status is ``done``: their gold is the curated annotation."""
    rows = repo.db.execute(
        "SELECT doc_id FROM document_status WHERE annotator = ? AND status = ?", [GOLD, CURATED]
    )
    return {str(row[0]) for row in rows}


def span_authors(repo: Repository) -> dict[str, list[str]]:
    """Document id -> the names (sorted) that made its spans, the empty name left out; a
    document without named spans is not listed."""
    rows = repo.db.execute(
        "SELECT DISTINCT doc_id, annotator FROM spans WHERE annotator != '' "
        "ORDER BY doc_id, annotator"
    )
    found: dict[str, list[str]] = {}
    for doc_id, annotator in rows:
        found.setdefault(str(doc_id), []).append(str(annotator))
    return found
