"""Reads about gold and who made what: curated documents and span authors."""

from __future__ import annotations

from annotator.core.model import Document, Span
from annotator.core.team import GOLD
from annotator.store.gold import curated_ids, span_authors
from annotator.store.repository import Repository
from annotator.store.statuses import set_status


def _documents(repo: Repository, *doc_ids: str) -> None:
    with repo.transaction():
        for doc_id in doc_ids:
            repo.add_document(Document(id=doc_id, text="Jakarta and Bandung."))


def test_a_document_is_curated_when_its_gold_status_is_done(repo: Repository) -> None:
    _documents(repo, "a", "b", "c", "d")
    assert curated_ids(repo) == set()
    with repo.transaction():
        set_status(repo, "a", GOLD, "done")
        set_status(repo, "b", GOLD, "in_progress")
        set_status(repo, "c", "ana", "done")  # an annotator's done is not curation
        set_status(repo, "d", "", "done")  # nor is the project's status
    assert curated_ids(repo) == {"a"}


def test_span_authors_are_sorted_per_document_without_the_empty_name(repo: Repository) -> None:
    _documents(repo, "a", "b", "c")
    with repo.transaction():
        repo.add_spans(
            [
                Span("s1", "a", "entity", "GPE", 0, 7, "Jakarta", "citra"),
                Span("s2", "a", "entity", "GPE", 12, 19, "Bandung", "ana"),
                Span("s3", "a", "entity", "LOC", 0, 7, "Jakarta", "ana"),
                Span("s4", "a", "entity", "LOC", 12, 19, "Bandung", ""),
                Span("s5", "b", "entity", "GPE", 0, 7, "Jakarta", ""),
                Span("s6", "c", "entity", "GPE", 0, 7, "Jakarta", GOLD),
            ]
        )
    assert span_authors(repo) == {"a": ["ana", "citra"], "c": [GOLD]}


def test_a_project_without_spans_has_no_authors(repo: Repository) -> None:
    _documents(repo, "a")
    assert span_authors(repo) == {}
