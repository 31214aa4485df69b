"""Several people's connections to one server project: their writes never wait for each other."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from annotator.core.edits import AddSpan, RemoveSpan, UpdateDocument
from annotator.core.model import Document, Span, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.statuses import statuses

TEXT = "Ana met Ben in Jakarta and Surabaya before the Rotterdam talks."


@pytest.fixture
def team(pg_url: str) -> Iterator[tuple[Repository, Repository]]:
    """Two annotators' copies of the app on one server project with one document; a write that
    would wait for a lock more than a second fails instead of hanging the test."""
    ana, ben = Repository(open_db(pg_url), "ana"), Repository(open_db(pg_url), "ben")
    ensure_project(ana, with_samples=False)
    with ana.transaction():
        ana.add_document(Document(id="d1", text=TEXT))
    for repo in (ana, ben):
        repo.db.execute("SET lock_timeout = '1s'")
    yield ana, ben
    ana.db.close()
    ben.db.close()


def span_of(repo: Repository, needle: str, annotator: str) -> Span:
    doc = repo.document("d1")
    start = doc.text.index(needle)
    layer = repo.schema().label("GPE").layer
    return make_span(doc, layer, "GPE", start, start + len(needle), annotator)


def status(doc_id: str, before: str, after: str) -> UpdateDocument:
    return UpdateDocument(doc_id, {"status": before}, {"status": after})


def test_an_annotator_commits_while_another_holds_a_transaction_on_the_same_document(
    team: tuple[Repository, Repository],
) -> None:
    ana, ben = team
    theirs = span_of(ben, "Jakarta", "ben")
    with ana.transaction():  # ana's edits, not yet committed
        ana.apply(AddSpan(span_of(ana, "Jakarta", "ana")), "ana")
        ana.apply(status("d1", "todo", "in_progress"), "ana")
        started = time.monotonic()
        ben.apply(AddSpan(theirs), "ben")
        ben.apply(status("d1", "todo", "done"), "ben")
        ben.apply(RemoveSpan(theirs), "ben")
        ben.apply(AddSpan(theirs), "ben")
        assert time.monotonic() - started < 1.0
    assert sorted(span.annotator for span in ana.spans("d1")) == ["ana", "ben"]
    assert statuses(ana, "d1") == {"ana": "in_progress", "ben": "done"}


def test_neither_annotators_commit_overwrites_the_others_status_or_spans(
    team: tuple[Repository, Repository],
) -> None:
    ana, ben = team
    ana.apply(AddSpan(span_of(ana, "Surabaya", "ana")), "ana")
    ben.apply(AddSpan(span_of(ben, "Surabaya", "ben")), "ben")
    ana.apply(status("d1", "todo", "done"), "ana")
    ben.apply(status("d1", "todo", "needs_review"), "ben")
    ben.apply(status("d1", "needs_review", "in_progress"), "ben")
    assert statuses(ben, "d1") == {"ana": "done", "ben": "in_progress"}
    assert sorted((s.annotator, s.text) for s in ben.spans("d1")) == [
        ("ana", "Surabaya"),
        ("ben", "Surabaya"),
    ]
